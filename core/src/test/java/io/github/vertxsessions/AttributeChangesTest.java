package io.github.vertxsessions;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which changes a save writes: removals, containers edited in place however they were reached, containers read
 * before an explicit save or a reload, the resave option; and changes made after the headers went out.
 */
@ExtendWith(VertxExtension.class)
class AttributeChangesTest {

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private void start(SessionOptions options) {
    app = new TestApp(vertx, options, null, (Consumer<Router>) this::routes);
  }

  private SessionRecord stored(String id) throws Exception {
    return app.store.delegate().load(id, Long.MAX_VALUE).await(10, SECONDS);
  }

  /** Changes the stored session behind the handler's back, as a concurrent request on another node would. */
  private Future<Long> changeBehind(String id, Map<String, Object> set, Set<String> unset) {
    return app.store.delegate().load(id, Long.MAX_VALUE)
      .compose(record -> app.store.delegate().save(SessionDelta.changesTo(record, set, unset)));
  }

  private static Session session(RoutingContext ctx) {
    return SessionHandler.session(ctx);
  }

  private void routes(Router router) {
    router.get("/put-containers").handler(ctx -> TestApp.reply(ctx, session(ctx)
      .put("profile", new JsonObject().put("k", "initial")).put("roles", new JsonArray().add("reader"))));
    router.get("/edit-array-in-place").handler(ctx -> {
      session(ctx).<JsonArray>get("roles").add("writer");
      TestApp.reply(ctx, session(ctx));
    });
    router.get("/edit-through-data").handler(ctx -> {
      ((JsonObject) session(ctx).data().get("profile")).put("k", "edited");
      ctx.end();
    });
    router.post("/read-container-then-save").handler(ctx -> {
      session(ctx).get("profile");
      session(ctx).put("n", 1).save().onComplete(ar -> ctx.end(String.valueOf(ar.succeeded())));
    });
    router.post("/read-container-then-reload").handler(ctx -> {
      Session session = session(ctx);
      session.get("profile");
      changeBehind(session.id(), Map.of("profile", new JsonObject().put("k", "elsewhere")), Set.of())
        .compose(v -> session.reload())
        .onComplete(ar -> TestApp.reply(ctx, session));
    });
    router.get("/removed-behind").handler(ctx -> changeBehind(session(ctx).id(), Map.of(), Set.of("user"))
      .onComplete(ar -> ctx.end()));
    router.get("/stream-remove/:name").handler(ctx -> {
      ctx.response().setChunked(true).write("first part; ");
      session(ctx).remove(ctx.pathParam("name"));
      ctx.response().end("done");
    });
    router.get("/stream-max-age").handler(ctx -> {
      ctx.response().setChunked(true).write("first part; ");
      session(ctx).setMaxAge(Duration.ofDays(1));
      ctx.response().end("done");
    });
  }

  @Test
  void removingAnAttributeSavesTheRemovalAndRemovingAMissingOneWritesNothing() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    String id = app.get("/read", cookie).sessionId();
    app.store.resetCalls();

    app.get("/remove/nothing-there", cookie);
    assertEquals(List.of("load"), app.store.calls(), "nothing to write");
    app.get("/remove/user", cookie);

    assertEquals(List.of("load", "load", "save"), app.store.calls());
    assertEquals(Map.of(), stored(id).data());
  }

  @Test
  void aJsonArrayEditedInPlaceIsSaved() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put-containers", null).sid();
    String id = app.get("/read", cookie).sessionId();

    app.get("/edit-array-in-place", cookie);

    assertEquals(new JsonArray().add("reader").add("writer"), stored(id).data().get("roles"));
  }

  @Test
  void aContainerReachedThroughDataAndEditedInPlaceIsSaved() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put-containers", null).sid();
    String id = app.get("/read", cookie).sessionId();

    app.get("/edit-through-data", cookie);

    assertEquals("edited", ((JsonObject) stored(id).data().get("profile")).getString("k"));
  }

  @Test
  void aContainerReadBeforeAnExplicitSaveIsNotWrittenAgainByTheAutomaticSave() {
    start(new SessionOptions());
    String cookie = app.get("/put-containers", null).sid();
    app.store.resetCalls();

    assertEquals("true", app.post("/read-container-then-save", cookie).body());

    assertEquals(List.of("load", "save"), app.store.calls());
  }

  @Test
  void aContainerReadBeforeAReloadCountsAsTheReloadedValue() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put-containers", null).sid();
    String id = app.get("/read", cookie).sessionId();
    app.store.resetCalls();

    TestResponse reloaded = app.post("/read-container-then-reload", cookie);

    assertEquals("elsewhere", reloaded.data().getJsonObject("profile").getString("k"));
    assertEquals(List.of("load", "load"), app.store.calls(), "the reloaded value is not written back");
    assertEquals("elsewhere", ((JsonObject) stored(id).data().get("profile")).getString("k"));
  }

  @Test
  void resaveWritesEveryAttributeBack() throws Exception {
    start(new SessionOptions().setResave(true));
    String cookie = app.get("/put/user/alice", null).sid();
    String id = app.get("/read", cookie).sessionId();

    app.get("/removed-behind", cookie);

    assertEquals("alice", stored(id).data().get("user"), "the whole session as this request saw it");
  }

  // --- changes after the headers: said once, as for put ---

  private List<String> warningsDuring(Runnable requests) {
    try (LogCapture log = LogCapture.of(Session.class)) {
      requests.run();
      return log.warnings();
    }
  }

  @Test
  void aLateRemovalIsLoggedWithItsNameAndALateRemovalOfNothingIsNot() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();

    List<String> missing = warningsDuring(() -> app.get("/stream-remove/nothing-there", cookie));
    List<String> removed = warningsDuring(() -> app.get("/stream-remove/user", cookie));

    assertEquals(List.of(), missing);
    assertEquals(1, removed.size(), removed.toString());
    assertTrue(removed.get(0).contains("'user'"), removed.get(0));
    assertEquals("alice", app.get("/read", cookie).data().getString("user"), "not saved automatically");
  }

  @Test
  void aLateMaxAgeIsLogged() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();

    List<String> warnings = warningsDuring(() -> app.get("/stream-max-age", cookie));

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("'(max age)'"), warnings.get(0));
    assertNull(app.get("/read", cookie).setCookie("sid"), "the remembered lifetime was not saved");
  }
}
