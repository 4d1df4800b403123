package io.github.vertxsessions;

import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the flash API adds to a session besides the round trips of {@code FlashValuesTest}: the reserved attribute
 * names, a session holding only a flash, the checks of its arguments, a late flash, vertx-web's view, and two takes
 * at once.
 */
@ExtendWith(VertxExtension.class)
class FlashApiTest {

  private TestApp app;
  /** Completed by a test to let the routes held at {@code /held-take} go on. */
  private final Promise<Void> release = Promise.promise();
  /** Flagged by each route held at {@code /held-take}, its session loaded: set by the test that sends them. */
  private volatile Checkpoint held;

  @BeforeEach
  void start(Vertx vertx) {
    app = new TestApp(vertx, new SessionOptions(), null, (Consumer<Router>) this::routes);
  }

  private void routes(Router router) {
    router.get("/flash-only").handler(ctx -> {
      Session session = SessionHandler.session(ctx).flash("notice", "hi");
      ctx.json(new JsonObject().put("id", session.id()).put("empty", session.isEmpty())
        .put("dataEmpty", session.data().isEmpty()));
    });
    router.get("/reserved").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      ctx.json(new JsonObject()
        .put("put", outcome(() -> session.put("__flash:notice", "forged")))
        .put("get", String.valueOf((Object) session.get("__flash:notice")))
        .put("remove", String.valueOf((Object) session.remove("__flash:notice")))
        .put("taken", String.valueOf((Object) session.takeFlash("notice"))));
    });
    router.get("/bad-arguments").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      ctx.json(new JsonObject()
        .put("object", outcome(() -> session.flash("x", new Object())))
        .put("nullName", outcome(() -> session.flash(null, 1)))
        .put("takeNullName", outcome(() -> session.takeFlash(null))));
    });
    router.post("/destroy-then-flash").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      session.destroy().onComplete(ar -> ctx.end(outcome(() -> session.flash("x", 1))));
    });
    router.get("/web-view").handler(ctx -> ctx.json(new JsonObject()
      .put("data", new JsonObject(ctx.session().data())).put("empty", ctx.session().isEmpty())));
    router.get("/stream-flash").handler(ctx -> {
      ctx.response().setChunked(true).write("first part; ");
      SessionHandler.session(ctx).flash("notice", "late");
      ctx.response().end("done");
    });
    router.get("/take/:name").handler(ctx -> ctx.end(String.valueOf((Object) SessionHandler.session(ctx)
      .takeFlash(ctx.pathParam("name")))));
    router.post("/held-take").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      held.flag();
      release.future().onComplete(v -> ctx.end(String.valueOf((Object) session.takeFlash("notice"))));
    });
  }

  /** What {@code call} did: "returned", or the exception's class and message. */
  private static String outcome(Supplier<Object> call) {
    try {
      call.get();
      return "returned";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private SessionRecord stored(String id) throws Exception {
    return app.store.delegate().load(id, Long.MAX_VALUE).await(10, SECONDS);
  }

  @Test
  void aNewSessionHoldingOnlyAFlashIsNotEmptyAndIsStoredUnderTheReservedName() throws Exception {
    TestResponse response = app.get("/flash-only", null);

    assertEquals(new JsonObject().put("id", response.json().getString("id")).put("empty", false)
      .put("dataEmpty", true), response.json());
    assertTrue(response.sid().startsWith("sid="), "stored, as the default options store no empty new session");
    assertEquals(Map.of("__flash:notice", "hi"), stored(response.json().getString("id")).data());
  }

  @Test
  void theReservedPrefixIsNoAttributeName() {
    String cookie = app.get("/flash-only", null).sid();

    JsonObject answer = app.get("/reserved", cookie).json();

    assertEquals("IllegalArgumentException: Session attribute '__flash:notice': names starting with '__flash:' hold "
      + "flash values; use Session.flash and Session.takeFlash", answer.getString("put"));
    assertEquals("null", answer.getString("get"));
    assertEquals("null", answer.getString("remove"));
    assertEquals("hi", answer.getString("taken"), "neither get nor remove reached the flash");
  }

  @Test
  void aFlashRefusesWhatPutRefusesAndNullNames() {
    JsonObject answer = app.get("/bad-arguments", null).json();

    assertTrue(answer.getString("object").startsWith("IllegalArgumentException: Session attribute '__flash:x' "
      + "must be a JSON value"), answer.getString("object"));
    assertEquals("NullPointerException: The name of a flash value must not be null", answer.getString("nullName"));
    assertEquals("NullPointerException: The name of a flash value must not be null", answer.getString("takeNullName"));
    assertEquals("IllegalStateException: The session was destroyed; a new one starts with the next request",
      app.post("/destroy-then-flash", app.get("/put/user/alice", null).sid()).body());
  }

  @Test
  void vertxWebsViewLeavesFlashesOutOfItsDataButIsNotEmpty() {
    String cookie = app.get("/flash-only", null).sid();

    JsonObject answer = app.get("/web-view", cookie).json();

    assertEquals(new JsonObject().put("data", new JsonObject()).put("empty", false), answer);
  }

  @Test
  void aFlashAfterTheHeadersIsWarnedAboutByItsStoredName() {
    String cookie = app.get("/put/user/alice", null).sid();
    List<String> warnings;
    try (LogCapture log = LogCapture.of(Session.class)) {
      app.get("/stream-flash", cookie);
      warnings = log.warnings();
    }

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("'__flash:notice' changed after the response headers were sent"),
      warnings.get(0));
    assertEquals("null", app.get("/take/notice", cookie).body(), "not saved automatically");
  }

  /** As the Javadoc of takeFlash says: a flash is shown at least once, not exactly once. */
  @Test
  void twoRequestsThatLoadedTheSessionBeforeEitherSavedBothTakeTheFlash(VertxTestContext test) throws Exception {
    String cookie = app.get("/flash-only", null).sid();
    held = test.checkpoint(2);
    Future<TestResponse> first = app.sendAsync(HttpMethod.POST, "/held-take", cookie, Map.of(), null);
    Future<TestResponse> second = app.sendAsync(HttpMethod.POST, "/held-take", cookie, Map.of(), null);
    assertTrue(test.awaitCompletion(10, SECONDS), "both requests held with their sessions loaded");

    release.complete();

    assertEquals("hi", first.await(10, SECONDS).body());
    assertEquals("hi", second.await(10, SECONDS).body());
    assertEquals("null", app.get("/take/notice", cookie).body());
  }
}
