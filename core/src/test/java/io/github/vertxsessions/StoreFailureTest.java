package io.github.vertxsessions;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store that fails or hangs: a fast, clear 503 and one log line, never a hang or a stack trace. */
@ExtendWith(VertxExtension.class)
class StoreFailureTest {

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  private TestApp app;
  private String cookie;
  private LogCapture log;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = new TestApp(vertx, new SessionOptions().setStoreTimeout(Duration.ofMillis(300))
      .setWriteTimeout(Duration.ofMillis(300)));
    cookie = app.get("/put/user/alice", null).sid();
    log = LogCapture.of(SessionHandler.class);
  }

  @AfterEach
  void close() {
    log.close();
  }

  /**
   * Replaces the app by one with other options on the same Vert.x. The first app's store is closed first, so that
   * the new app's local store, on a clock of its own, is a new one rather than a second handle on the first.
   */
  private void restart(SessionOptions options) throws Exception {
    app.store.close().await(10, SECONDS);
    app = new TestApp(vertx, options);
  }

  private List<String> warnings() {
    return log.warnings();
  }

  @Test
  void failingStoreAnswers503WithOneLogLine() {
    app.store.failWith(new VertxException("connection refused", true));

    TestResponse response = app.get("/read", cookie);

    assertEquals(503, response.status());
    assertEquals("Service Unavailable", response.body());
    assertEquals(1, warnings().size(), warnings().toString());
    assertTrue(warnings().get(0).contains("connection refused"), warnings().get(0));
    assertFalse(warnings().get(0).contains(cookie.substring(4, 20)), "the session ID is not logged whole");
  }

  @Test
  void hangingStoreAnswers503WithinTheTimeout() {
    app.store.hang(true);
    long start = System.nanoTime();

    TestResponse response = app.get("/read", cookie);

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(503, response.status());
    assertTrue(millis >= 300 && millis < 5_000, millis + " ms");
    assertEquals(1, warnings().size());
    assertTrue(warnings().get(0).contains("did not answer within 300 ms"), warnings().get(0));
  }

  @Test
  void aCustomHandlerCanAnswerInstead() {
    app.handler.storeFailureHandler(ctx -> ctx.response().setStatusCode(599)
      .end(ctx.<Throwable>get(SessionHandler.STORE_FAILURE_KEY).getMessage()));
    app.store.failWith(new VertxException("down for maintenance", true));

    TestResponse response = app.get("/read", cookie);

    assertEquals(599, response.status());
    assertEquals("down for maintenance", response.body());
  }

  @Test
  void aFailureHandlerThatGoesOnGivesTheRoutesADegradedSessionThatIsNeverWritten() {
    app.handler.storeFailureHandler(RoutingContext::next);
    app.store.failWith(new VertxException("down", true), "load");
    app.store.resetCalls();

    TestResponse read = app.get("/read", cookie);
    TestResponse put = app.get("/put/user/mallory", cookie);
    TestResponse save = app.post("/save", cookie);

    assertEquals(200, read.status());
    assertTrue(read.json().getBoolean("degraded"));
    assertEquals(new JsonObject(), read.data(), "none of the stored data, which could not be read");
    assertEquals(200, put.status());
    assertEquals(List.of(), put.setCookies(), "the cookie is left alone: the session is back with the store");
    assertEquals(409, save.status(), "an explicit save of a degraded session fails");
    assertEquals(List.of("load", "load", "load"), app.store.calls(), "nothing written");
    app.store.failWith(null);
    assertEquals("alice", app.get("/read", cookie).data().getString("user"));
  }

  @Test
  void anExplicitSaveFailsWithinTheWriteTimeoutWhenTheStoreDoesNotAnswer() {
    app.store.hangOnly("save");
    long start = System.nanoTime();

    TestResponse response = app.post("/save", cookie);

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(409, response.status());
    assertEquals("TimeoutException", response.body());
    assertTrue(millis >= 300 && millis < 5_000, millis + " ms");
  }

  @Test
  void regenerateAndDestroyAreBoundedToo() {
    String other = app.get("/put/user/bob", null).sid();
    app.store.hangOnly("save", "changeId", "delete");

    try (LogCapture retries = LogCapture.of(Session.class)) {
      assertEquals("TimeoutException", app.post("/regenerate", cookie).body());
      // another session: this one's requests wait for its unanswered ID change
      assertEquals("TimeoutException", app.post("/destroy", other).body());

      String retry = retries.awaitLine(Level.WARN, "deleting the destroyed session failed", Duration.ofSeconds(10));
      assertTrue(retry.contains("trying again"), retry);
    }
  }

  @Test
  void aSaveThatNeverCompletesHoldsItsSessionForTenWriteTimeoutsAtMost() throws Exception {
    app.store.hangOnly("save");
    assertEquals(200, app.get("/incr/views", cookie).status(), "its automatic save never completes");
    app.store.hang(false);

    TestResponse held = app.get("/incr/views", cookie);

    assertEquals(503, held.status(), "never a load that could miss the write on its way");
    assertTrue(held.setCookies().isEmpty(), "and the cookie is left alone");
    // ten write timeouts, and a margin for a loaded machine
    eventually(Duration.ofMillis(10 * 300).plusSeconds(10), "the write given up on and the session working on",
      () -> app.get("/incr/views", cookie).status() == 200);
    assertEquals("alice", app.get("/read", cookie).data().getString("user"));
  }

  @Test
  void aSlowSaveDelaysTheNextRequestWhichSeesItsResult() throws Exception {
    restart(new SessionOptions().setStoreTimeout(Duration.ofSeconds(5)));
    cookie = app.get("/put/user/alice", null).sid();
    app.store.delaySaves(300);
    Future<TestResponse> slow = app.sendAsync(HttpMethod.GET, "/incr/views", cookie, Map.of(), null);
    assertEquals(200, slow.await(10, SECONDS).status());

    TestResponse next = app.get("/incr/views", cookie);

    assertEquals(200, next.status(), "the save answered within the store timeout");
    assertEquals(2, next.data().getInteger("views"), "and the next request saw its result");
  }

  @Test
  void aSaveSlowerThanTheStoreTimeoutAnswersTheNextRequest503NeverAStaleRead() throws Exception {
    restart(new SessionOptions().setStoreTimeout(Duration.ofMillis(300)).setWriteTimeout(Duration.ofSeconds(3)));
    cookie = app.get("/put/user/alice", null).sid();
    io.vertx.core.Promise<Void> slowSave = app.store.gate("save");
    assertEquals(200, app.get("/incr/views", cookie).status());

    TestResponse next = app.get("/incr/views", cookie);
    slowSave.complete();

    assertEquals(503, next.status(), "one request waits for the store at most the store timeout in all");
    assertEquals(1, app.get("/read", cookie).data().getInteger("views"), "the save landed, and nothing was lost");
  }

  @Test
  void requestsWithoutACookieDoNotNeedTheStore() {
    app.store.failWith(new VertxException("down", true));

    assertEquals(200, app.get("/read", null).status());
  }

  @Test
  void theStoreComingBackMeansSessionsComeBack() {
    app.store.failWith(new VertxException("down", true));
    assertEquals(503, app.get("/read", cookie).status());
    app.store.failWith(null);

    TestResponse response = app.get("/read", cookie);

    assertEquals(200, response.status());
    assertEquals("alice", response.data().getString("user"));
  }

  @Test
  void aFailedAutomaticSaveIsLoggedAndKeepsTheStoredState() {
    app.store.failWith(new VertxException("disk full", true), "save");

    assertEquals(200, app.get("/incr/views", cookie).status());

    assertEquals(1, warnings().size());
    assertTrue(warnings().get(0).startsWith("Automatic session saves failed: session"), warnings().get(0));
    app.store.failWith(null);
    assertEquals("alice", app.get("/read", cookie).data().getString("user"));
  }

  @Test
  void aFailedExplicitSaveFailsItsFuture() {
    app.store.failWith(new VertxException("disk full", true), "save");

    TestResponse response = app.post("/save", cookie);

    assertEquals(409, response.status(), "the route saw the failure and answered");
    assertEquals("VertxException", response.body());
  }
}
