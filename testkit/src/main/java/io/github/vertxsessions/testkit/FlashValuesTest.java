package io.github.vertxsessions.testkit;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.function.Consumer;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flash values over real HTTP: set by one request, taken once by a later one, then gone; kept through requests that
 * do not take them and through {@code regenerate()}; of the same classes as attributes; and, since each flash is an
 * attribute of its own, kept when two requests of one session change it at once. Every store's tests extend it.
 */
@ExtendWith(VertxExtension.class)
public abstract class FlashValuesTest {

  private TestApp app;
  /** Completed by a test to let a route held at {@code /held/...} go on. */
  private volatile Promise<Void> release;
  /** Flagged when a route is held at {@code /held/...}, its session loaded: a checkpoint of the test's context. */
  private volatile Checkpoint held;

  /** A store of the kind under test on {@code vertx}, its time from {@code clock}, holding no session yet. */
  protected abstract SessionStore newStore(Vertx vertx, TestClock clock) throws Exception;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    TestClock clock = new TestClock();
    app = new TestApp(vertx, clock, new SessionOptions(), newStore(vertx, clock), this::routes,
      new HttpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    app.store.clear().await(10, SECONDS);
    app.close();
  }

  private void routes(Router router) {
    router.post("/flash/:name/:value").handler(ctx -> {
      SessionHandler.session(ctx).flash(ctx.pathParam("name"), ctx.pathParam("value"));
      ctx.redirect("/take/" + ctx.pathParam("name"));
    });
    router.get("/take/:name").handler(ctx -> answerTaken(ctx, ctx.pathParam("name")));
    router.get("/flash-values").handler(ctx -> {
      SessionHandler.session(ctx).flash("small", 5L).flash("big", 5_000_000_000L).flash("ratio", 1.5f)
        .flash("flag", true).flash("object", new JsonObject().put("count", 2L))
        .flash("array", new JsonArray().add("a").add(3L));
      ctx.end();
    });
    router.get("/take-values").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      JsonObject taken = new JsonObject();
      for (String name : new String[] {"small", "big", "ratio", "flag", "object", "array"}) {
        taken.put(name, describe(session.takeFlash(name)));
      }
      ctx.json(taken);
    });
    router.post("/held/flash/:name/:value").handler(ctx -> whenReleased(ctx, session ->
      TestApp.reply(ctx, session.flash(ctx.pathParam("name"), ctx.pathParam("value")))));
    router.post("/held/take/:name").handler(ctx -> whenReleased(ctx, session ->
      answerTaken(ctx, ctx.pathParam("name"))));
  }

  /** Answers what the request took of flash {@code name}, and the attributes it sees after. */
  private static void answerTaken(RoutingContext ctx, String name) {
    Session session = SessionHandler.session(ctx);
    Object taken = session.takeFlash(name);
    ctx.json(new JsonObject().put("taken", describe(taken)).put("data", new JsonObject(Map.copyOf(session.data()))));
  }

  /** Runs {@code route} once the test releases it; the session is loaded before, as for a slow route. */
  private void whenReleased(RoutingContext ctx, Consumer<Session> route) {
    Session session = SessionHandler.session(ctx);
    held.flag();
    release.future().onComplete(v -> route.accept(session));
  }

  /**
   * Sends a request held in its route until {@link #release} completes; waits until it is held. Once a test: the
   * route flags a checkpoint of {@code test}, which a second request held would fail.
   */
  private Future<TestResponse> sendHeld(VertxTestContext test, String path, String cookie) throws Exception {
    held = test.checkpoint();
    release = Promise.promise();
    Future<TestResponse> answer = app.sendAsync(HttpMethod.POST, path, cookie, Map.of(), null);
    assertTrue(test.awaitCompletion(10, SECONDS), "the request held in its route");
    return answer;
  }

  private String taken(String name, String cookie) {
    TestResponse response = app.get("/take/" + name, cookie);
    assertEquals(200, response.status(), response.body());
    settled(cookie);
    return response.json().getString("taken");
  }

  /**
   * Returns once the saves of the session's last request are done: a take's removal is saved after its answer, and a
   * save the test's end cut off would be logged as a failure. The next load of an ID waits for its writes in flight.
   */
  private void settled(String cookie) {
    assertEquals(200, app.get("/read", cookie).status());
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }

  @Test
  void aFlashIsTakenOnceByALaterRequestThenGone() {
    TestResponse flashed = app.post("/flash/notice/Saved", null);
    assertEquals(302, flashed.status(), flashed.body());
    // a session holding nothing but a flash is stored, although new sessions that hold nothing are not
    String cookie = flashed.sid();

    assertEquals("String Saved", taken("notice", cookie));
    assertEquals("null", taken("notice", cookie), "taken once only");
  }

  @Test
  void aFlashOutlivesRequestsThatDoNotTakeItAndIsNoAttribute() {
    String cookie = app.post("/flash/notice/Saved", null).sid();

    assertEquals(new JsonObject(), app.get("/read", cookie).data(), "a flash is not among the attributes");
    assertEquals(new JsonObject().put("user", "alice"), app.get("/put/user/alice", cookie).data());
    assertEquals("null", taken("other", cookie), "taking another flash leaves this one");

    assertEquals("String Saved", taken("notice", cookie));
    assertEquals(new JsonObject().put("user", "alice"), app.get("/read", cookie).data());
  }

  @Test
  void takingAFlashOnAFreshSessionGivesNullAndStoresNothing() throws Exception {
    TestResponse response = app.get("/take/notice", null);

    assertEquals("null", response.json().getString("taken"));
    assertNull(response.setCookie("sid"), "no session is stored");
    assertEquals(0L, app.store.count().await(10, SECONDS));
  }

  @Test
  void regenerateKeepsTheFlashes() {
    String cookie = app.post("/flash/notice/Saved", null).sid();

    TestResponse regenerated = app.post("/regenerate", cookie);
    assertEquals(200, regenerated.status(), regenerated.body());
    String moved = regenerated.sid();
    assertNotEquals(cookie, moved);

    assertEquals("String Saved", taken("notice", moved));
    assertEquals("null", taken("notice", cookie), "the old ID holds no session any more");
  }

  @Test
  void flashValuesReadBackAsTheClassesAttributesWould() {
    String cookie = app.get("/flash-values", null).sid();

    assertEquals(new JsonObject()
      .put("small", "Integer 5")
      .put("big", "Long 5000000000")
      .put("ratio", "Double 1.5")
      .put("flag", "Boolean true")
      .put("object", "JsonObject {\"count\":2}")
      .put("array", "JsonArray [\"a\",3]"), app.get("/take-values", cookie).json());
    settled(cookie);
  }

  @Test
  void twoRequestsAtOnceThatFlashDifferentNamesKeepBoth(VertxTestContext test) throws Exception {
    String cookie = app.get("/put/user/alice", null).sid();
    Future<TestResponse> first = sendHeld(test, "/held/flash/first/1", cookie);

    assertEquals(302, app.post("/flash/second/2", cookie).status());
    release.complete();
    assertEquals(200, first.await(10, SECONDS).status());

    assertEquals("String 1", taken("first", cookie));
    assertEquals("String 2", taken("second", cookie));
  }

  @Test
  void aTakeSavesItsRemovalAloneAndLeavesWhatAnotherRequestChangedMeanwhile(VertxTestContext test)
    throws Exception {
    String cookie = app.post("/flash/notice/Saved", null).sid();
    Future<TestResponse> take = sendHeld(test, "/held/take/notice", cookie);

    app.get("/put/user/bob", cookie);
    release.complete();
    TestResponse taken = take.await(10, SECONDS);

    assertEquals("String Saved", taken.json().getString("taken"));
    assertEquals(new JsonObject().put("user", "bob"), app.get("/read", cookie).data(),
      "the take did not write back the session as it loaded it");
    assertEquals("null", taken("notice", cookie));
  }
}
