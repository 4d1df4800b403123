package io.github.vertxsessions.testkit;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.PrincipalLimitPolicy;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionObserver;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.SessionRegistry;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's writes over real HTTP, where they meet other requests, revocations and a slow or failing store: no
 * session comes back through {@code regenerate()}, a failed log-in loses nothing, a write still under way is never
 * cleared from its client, one request waits for the store at most the store timeout in all, and a log-out whose
 * delete failed is retried. Every store's tests extend it.
 */
@ExtendWith(VertxExtension.class)
public abstract class WriteLifecycleTest {

  /** How long a test waits for what a request set off to become visible; many times the store timeouts used here. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  /** The library's loggers, whose warnings the tests that provoke them capture and assert. */
  private static final String PACKAGE = SessionHandler.class.getPackageName();

  private Vertx vertx;
  private TestApp app;
  private SessionRegistry registry;
  /** Completed by a test to let a route held at {@code /held-login/:user} go on to its {@code regenerate()}. */
  private volatile Promise<Void> release;
  /** Flagged when a route is held at {@code /held-login/:user}: a checkpoint of the test's context. */
  private volatile Checkpoint held;

  /** A store of the kind under test on {@code vertx}, its time from {@code clock}, holding no session yet. */
  protected abstract IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception;

  /** Called after each test, once the app is closed. */
  protected void closeServers() throws Exception {
  }

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void close() throws Exception {
    if (app != null) {
      app.close();
    }
    closeServers();
  }

  private void start(SessionOptions options) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-01-01T10:00:00Z"));
    IndexedSessionStore store = newStore(vertx, clock);
    SessionOptions effective = new SessionOptions(options).setSecrets(List.of(TestApp.SECRET));
    registry = SessionRegistry.create(vertx, store, effective);
    app = new TestApp(vertx, clock, effective, store, this::routes, new HttpServerOptions());
  }

  private void routes(Router router) {
    router.post("/login/:user").handler(ctx -> {
      Session session = SessionHandler.session(ctx).setPrincipal(ctx.pathParam("user")).put("user", ctx.pathParam("user"));
      TestApp.answerAfter(ctx, session.regenerate());
    });
    // a log-in whose route is still running when the test revokes or destroys its session
    router.post("/held-login/:user").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      held.flag();
      release.future().onComplete(v -> {
        session.setPrincipal(ctx.pathParam("user")).put("user", ctx.pathParam("user"));
        TestApp.answerAfter(ctx, session.regenerate());
      });
    });
  }

  /** The cookie a client holds after {@code response}, which answered a request sent with {@code sent}. */
  private static String cookieAfter(TestResponse response, String sent) {
    String set = response.setCookie("sid");
    if (set == null) {
      return sent;
    }
    return set.contains("Max-Age=0") ? null : response.cookie("sid");
  }

  /**
   * Sends a log-in held in its route until {@link #release} completes; waits until it is held. Once a test: the route
   * flags a checkpoint of {@code test}, which a second log-in held would fail.
   */
  private Future<TestResponse> heldLogin(VertxTestContext test, String user, String cookie) throws Exception {
    held = test.checkpoint();
    release = Promise.promise();
    Future<TestResponse> answer = app.sendAsync(HttpMethod.POST, "/held-login/" + user, cookie, Map.of(), null);
    assertTrue(test.awaitCompletion(10, SECONDS), "the log-in held in its route");
    return answer;
  }

  private void assertAnonymous(String cookie, String why) {
    TestResponse next = app.get("/read", cookie);
    assertEquals(200, next.status(), why);
    assertTrue(next.json().getBoolean("isNew"), why + ": the next request has a fresh session");
    assertTrue(next.data().isEmpty(), why + ": " + next.data());
  }

  @Test
  void aRegenerateAfterTheUsersSessionsWereRevokedFailsAndTheNextRequestIsAnonymous(VertxTestContext test)
    throws Exception {
    start(new SessionOptions());
    String cookie = app.post("/login/alice", null).cookie("sid");
    Future<TestResponse> login = heldLogin(test, "alice", cookie);

    assertEquals(1, registry.revokeAll("alice").await(10, SECONDS));
    release.complete();
    TestResponse answer = login.await(10, SECONDS);

    assertEquals(409, answer.status(), answer.body());
    assertAnonymous(cookieAfter(answer, cookie), "after the revocation");
    assertEquals(0, registry.count("alice").await(10, SECONDS), "no session of alice came back");
  }

  @Test
  void aRegenerateAfterAnotherTabLoggedOutFailsAndTheNextRequestIsAnonymous(VertxTestContext test)
    throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/cart/3", null).cookie("sid");
    Future<TestResponse> login = heldLogin(test, "alice", cookie);

    assertEquals(200, app.post("/destroy", cookie).status());
    release.complete();
    TestResponse answer = login.await(10, SECONDS);

    assertEquals(409, answer.status(), answer.body());
    assertAnonymous(cookieAfter(answer, cookie), "after the log-out in another tab");
    assertEquals(0, registry.count("alice").await(10, SECONDS));
  }

  @Test
  void aRegenerateThatTheStoreFailsKeepsTheSessionAndItsCookie() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/cart/3", null).cookie("sid");
    // the store answers as one across a network does: after the response headers of a route that did not wait
    app.store.delay(100, "save", "changeId", "delete").failWith(new IllegalStateException("store down"),
      "save", "changeId", "delete");

    TestResponse answer = app.post("/login/alice", cookie);
    app.store.failWith(null);

    assertEquals(409, answer.status(), answer.body());
    String after = cookieAfter(answer, cookie);
    assertNotNull(after, "the cookie was not cleared");
    TestResponse next = app.get("/read", after);
    assertEquals("3", next.data().getString("cart"), "the session is still there: " + next.body());
    assertNull(next.data().getString("user"), "nothing of the failed log-in was saved under the old ID");
    assertEquals(0, registry.count("alice").await(10, SECONDS));
  }

  @Test
  void aRegenerateWhoseAnswerWasLostLeavesTheCookieWhereTheSessionIs() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/cart/3", null).cookie("sid");
    app.store.loseAnswersWith(new java.util.concurrent.TimeoutException("reply lost"), "changeId");

    TestResponse answer = app.post("/login/alice", cookie);
    app.store.loseAnswersWith(null);

    assertEquals(409, answer.status(), "the route learns that the log-in is not confirmed: " + answer.body());
    TestResponse next = app.get("/read", cookieAfter(answer, cookie));
    assertEquals("3", next.data().getString("cart"), "the cookie followed the session it moved: " + next.body());
  }

  @Test
  void aRegenerateSlowerThanTheWriteTimeoutLeavesTheSessionUnderTheOldId() throws Exception {
    try (LogCapture log = LogCapture.of(PACKAGE)) {
      start(new SessionOptions().setStoreTimeout(Duration.ofMillis(300)));
      String cookie = app.get("/put/cart/3", null).cookie("sid");
      Promise<Void> slowMove = app.store.gate("changeId");

      TestResponse answer = app.post("/login/alice", cookie);
      slowMove.complete();

      assertEquals(409, answer.status(), "the route learns that the log-in timed out: " + answer.body());
      String after = cookieAfter(answer, cookie);
      eventually(PATIENCE, "the move the store made late moved back to the ID the cookie keeps", () -> {
        TestResponse next = app.get("/read", after);
        return next.status() == 200 ? next.data().getString("cart") : null;
      }, "3"::equals);
      assertEquals(0, registry.count("alice").await(10, SECONDS));

      String moveBack = log.awaitLine(Level.WARN, "applied after the write timeout", PATIENCE);
      assertTrue(moveBack.contains("moving it back"), moveBack);
    }
  }

  @Test
  void aRegenerateThatThePerUserLimitRefusesKeepsTheSessionAndWritesNothing() throws Exception {
    start(new SessionOptions().setMaxSessionsPerPrincipal(1).setPrincipalLimitPolicy(PrincipalLimitPolicy.REFUSE));
    String elsewhere = app.post("/login/alice", null).cookie("sid");
    String cookie = app.get("/put/cart/3", null).cookie("sid");
    app.store.delay(100, "save", "changeId", "findByPrincipal");

    TestResponse answer = app.post("/login/alice", cookie);

    assertEquals(409, answer.status(), answer.body());
    String after = cookieAfter(answer, cookie);
    assertNotNull(after, "the cookie was not cleared");
    TestResponse next = app.get("/read", after);
    assertEquals("3", next.data().getString("cart"), "the session is still there: " + next.body());
    assertNull(next.data().getString("user"));
    assertEquals(1, registry.count("alice").await(10, SECONDS), "only the session logged in elsewhere");
    assertEquals("alice", app.get("/read", elsewhere).data().getString("user"));
  }

  @Test
  void aCreationStillBeingWrittenIsNeverClearedFromItsClient() throws Exception {
    try (LogCapture log = LogCapture.of(PACKAGE)) {
      Duration storeTimeout = Duration.ofMillis(300);
      start(new SessionOptions().setStoreTimeout(storeTimeout));
      Promise<Void> slowSave = app.store.gate("save");
      TestResponse first = app.get("/put/cart/3", null);
      String cookie = first.cookie("sid");
      assertNotNull(cookie);

      // the write is still held well past the write timeout: a wait of at least that long, which load only lengthens
      app.vertx.timer(storeTimeout.multipliedBy(2).toMillis()).await(PATIENCE.toSeconds(), SECONDS);
      TestResponse meanwhile = app.get("/read", cookie);
      slowSave.complete();

      String set = meanwhile.setCookie("sid");
      assertTrue(set == null || !set.contains("Max-Age=0"), "the cookie was cleared: " + set);
      assertFalse(meanwhile.status() == 200 && meanwhile.json().getBoolean("isNew"),
        "a session still being written was answered as a fresh one: " + meanwhile.body());
      String after = cookieAfter(meanwhile, cookie);
      eventually(PATIENCE, "the write landed and its client reaches it",
        () -> app.get("/read", after).data().getString("cart"), "3"::equals);

      log.awaitLine(Level.WARN, "Automatic session saves failed with outcome unknown", PATIENCE);
      log.awaitLine(Level.WARN, "loading sessions failed", PATIENCE);
    }
  }

  @Test
  void aRequestWaitsForTheStoreAtMostTheStoreTimeoutInAll() throws Exception {
    try (LogCapture log = LogCapture.of(PACKAGE)) {
      Duration timeout = Duration.ofMillis(2000);
      start(new SessionOptions().setStoreTimeout(timeout).setWriteTimeout(timeout));
      String cookie = app.get("/put/a/1", null).cookie("sid");
      app.store.hangOnly("save");
      assertEquals(200, app.get("/put/a/2", cookie).status(), "the change that leaves a write stuck");
      app.store.hangOnly("save", "load", "touch");

      long start = System.nanoTime();
      TestResponse next = app.get("/read", cookie);
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertEquals(503, next.status());
      // Two timeouts one after the other take twice the timeout at least, since a timer never fires early; one
      // timeout takes less on any machine that is not a whole timeout (2 s) behind.
      assertTrue(waited < timeout.toMillis() * 2, "waited " + waited + " ms for a store timeout of " + timeout);

      log.awaitLine(Level.WARN, "Automatic session saves failed with outcome unknown", PATIENCE);
      log.awaitLine(Level.WARN, "loading sessions failed", PATIENCE);
    }
  }

  @Test
  void aLogOutWhoseDeleteTimedOutIsRetriedAndReported(VertxTestContext test) throws Exception {
    try (LogCapture log = LogCapture.of(PACKAGE)) {
      start(new SessionOptions().setStoreTimeout(Duration.ofMillis(300)));
      // strict: a second report fails the test
      Checkpoint reportedOnce = test.checkpoint();
      SessionObserver.add(app.vertx, new SessionObserver() {
        @Override
        public void onDeleteFailed(String store, Throwable cause, boolean retrying) {
          reportedOnce.flag();
        }
      });
      String cookie = app.post("/login/alice", null).cookie("sid");
      String id = app.get("/read", cookie).sessionId();
      app.store.hangNext("delete", 1);

      TestResponse logout = app.post("/destroy", cookie);

      assertEquals(409, logout.status(), "the route learns that the delete failed: " + logout.body());
      assertTrue(logout.setCookie("sid").contains("Max-Age=0"), "the client's cookie is cleared all the same");
      eventually(PATIENCE, "the retry deleted the session", () -> {
        try {
          return app.store.delegate().load(id, 0).await(PATIENCE.toSeconds(), SECONDS) == null;
        } catch (java.util.concurrent.TimeoutException e) {
          throw new AssertionError("the store did not answer a load", e);
        }
      });
      assertTrue(test.awaitCompletion(PATIENCE.toSeconds(), SECONDS), "the failed delete reported to the observers");
      assertAnonymous(cookie, "a stolen copy of the cookie");

      String retry = log.awaitLine(Level.WARN, "deleting the destroyed session failed", PATIENCE);
      assertTrue(retry.contains("trying again"), retry);
    }
  }
}
