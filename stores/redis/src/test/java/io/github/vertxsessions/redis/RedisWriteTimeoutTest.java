package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over real HTTP on a private redis-server that stalls (SIGSTOP) or a store whose saves are held: the write timeout
 * bounds store writes, and the next request's wait for them.
 */
class RedisWriteTimeoutTest extends RedisHttpTestBase {

  /** Longer than anything a test waits for, so that only the handler's own bounds can end a stalled command. */
  private static final Duration LONG_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /** Before the clean-up closes anything: a frozen server answers nobody. */
  @AfterEach
  void thawRedis() {
    server.thaw();
  }

  /**
   * An explicit save() to a Redis that stalls (SIGSTOP) after the load fails with a TimeoutException after the write
   * timeout (500 ms), not after the store's 10 s command timeout.
   */
  @Test
  void anExplicitSaveToAStalledRedisFailsAfterTheWriteTimeout() {
    Duration writeTimeout = Duration.ofMillis(500);
    TestApp app = app(vertx, new SessionOptions().setWriteTimeout(writeTimeout), store(vertx, LONG_COMMAND_TIMEOUT),
      router -> router.post("/save-slow").handler(ctx -> {
        Session session = SessionHandler.session(ctx);
        freezeRedis().compose(v -> {
          long saving = System.nanoTime();
          return session.put("saved", true).save()
            .transform(ar -> Future.succeededFuture(ar.failed() ? ar.cause() : null))
            .onSuccess(err -> ctx.response().putHeader("X-Save-Millis", Long.toString(millisSince(saving))));
        }).onSuccess(err -> {
          if (err == null) {
            ctx.end("saved");
          } else {
            ctx.response().setStatusCode(504).end(err.getClass().getName() + ": " + err.getMessage());
          }
        });
      }));
    String cookie = app.get("/put/user/alice", null).sid();

    TestResponse slow;
    long elapsed;
    try {
      long started = System.nanoTime();
      slow = app.post("/save-slow", cookie);
      elapsed = millisSince(started);
    } finally {
      server.thaw();
    }

    assertEquals(504, slow.status(), slow.body());
    assertEquals("java.util.concurrent.TimeoutException: the store did not answer within 500 ms", slow.body());
    long saveMillis = Long.parseLong(slow.headers().get("X-Save-Millis"));
    assertTrue(saveMillis >= writeTimeout.toMillis() - 10 && saveMillis < writeTimeout.toMillis() + SLACK_MILLIS,
      "save() failed after " + saveMillis + " ms");
    assertTrue(elapsed < writeTimeout.toMillis() + 2 * SLACK_MILLIS, "answered after " + elapsed + " ms");
    assertEquals("alice", app.get("/read", cookie).data().getString("user"), "the session works once Redis is back");
  }

  /**
   * Redis stalls (SIGSTOP) just as a response is written, for 2.5 s: longer than the store timeout (2 s). The next
   * request of that session waits for the stuck automatic save and its load within one store timeout in all, so it
   * answers 503 after about 2 s, not after the write timeout and then the store timeout (3 s); once Redis is back the
   * stalled save is there and nothing was lost.
   */
  @Test
  void aRedisStallAnswersTheNextRequest503WithinTheStoreTimeoutAndLosesNothing() throws Exception {
    LogCapture log = handlerLog();
    Duration writeTimeout = Duration.ofSeconds(1);
    Duration storeTimeout = Duration.ofSeconds(2);
    long stallMillis = 2_500;
    TestApp app = app(vertx, new SessionOptions().setWriteTimeout(writeTimeout).setStoreTimeout(storeTimeout),
      store(vertx, LONG_COMMAND_TIMEOUT), router -> router.get("/freeze-then-incr").handler(ctx ->
        freezeRedis().onSuccess(v -> {
          Session session = SessionHandler.session(ctx);
          session.put("n", session.<Number>get("n").intValue() + 1);
          TestApp.reply(ctx, session);
        })));
    String cookie = app.get("/incr/n", null).sid();

    TestResponse next;
    long elapsed;
    try {
      assertEquals(2, app.get("/freeze-then-incr", cookie).data().getInteger("n"));
      long started = System.nanoTime();
      Future<TestResponse> sent = app.sendAsync(HttpMethod.GET, "/incr/n", cookie, Map.of(), null);
      vertx.setTimer(stallMillis, t -> vertx.executeBlocking(() -> {
        server.thaw();
        return null;
      }));
      next = sent.await(10, SECONDS);
      elapsed = millisSince(started);
    } finally {
      server.thaw();
    }

    assertEquals(503, next.status(), next.body());
    assertTrue(elapsed >= storeTimeout.toMillis() - SLACK_MILLIS && elapsed < storeTimeout.toMillis() + SLACK_MILLIS,
      "answered after " + elapsed + " ms");
    TestResponse after = app.get("/incr/n", cookie);
    assertEquals(3, after.data().getInteger("n"), "the stalled save reached Redis, and this request built on it");
    assertEquals("3", field(after.sessionId(), "d:n"));
    assertHandlerSaid(log, writeTimeout, storeTimeout);
  }

  /**
   * An automatic save that never completes (held 30 s in front of a Redis that answers) holds its session's requests on
   * this node for ten write timeouts at the most (3 s here): meanwhile they answer 503 within the store timeout, never
   * a load that could miss the write; after that the write is given up on and the session recovers by itself.
   */
  @Test
  void aStuckAutomaticSaveHoldsItsSessionForTenWriteTimeoutsAtMost() {
    LogCapture log = handlerLog();
    Duration writeTimeout = Duration.ofMillis(300);
    Duration storeTimeout = Duration.ofSeconds(1);
    TestApp app = app(vertx, new SessionOptions().setWriteTimeout(writeTimeout).setStoreTimeout(storeTimeout),
      store(vertx, null), router -> { });
    TestResponse first = app.get("/incr/n", null);
    String cookie = first.sid();

    app.store.delaySaves(30_000);
    long heldSince = System.nanoTime();
    assertEquals(2, app.get("/incr/n", cookie).data().getInteger("n"));
    awaitCondition(() -> saves(app.store) == 2, "the second save to start, held");
    app.store.delaySaves(0);

    long started = System.nanoTime();
    TestResponse held = app.get("/incr/n", cookie);
    long elapsed = millisSince(started);

    assertEquals(503, held.status(), held.body());
    assertTrue(elapsed < storeTimeout.toMillis() + SLACK_MILLIS, "answered after " + elapsed + " ms");
    awaitCondition(() -> millisSince(heldSince) > 10 * writeTimeout.toMillis(), "ten write timeouts to pass");
    TestResponse next = app.get("/incr/n", cookie);
    assertEquals(200, next.status(), next.body());
    assertEquals(2, next.data().getInteger("n"), "the held change never reached Redis; this one builds on n=1");
    TestResponse after = app.get("/incr/n", cookie);
    assertEquals(3, after.data().getInteger("n"));
    awaitField(first.sessionId(), "d:n", "3");
    assertHandlerSaid(log, writeTimeout, storeTimeout);
  }

  /**
   * The session handler's lines, captured until after the test's clean-up closed its stores: an automatic save that
   * outlives its write timeout is a warning this test provokes.
   */
  private LogCapture handlerLog() {
    LogCapture log = LogCapture.of(SessionHandler.class);
    cleanUp.push(log::close); // pushed first, so run last
    return log;
  }

  /**
   * The handler's two warnings for the stalled write: the automatic save given up on after the write timeout (its
   * outcome unknown, since the command was sent), then the next request's load refused after the store timeout, since
   * that write of its session was still unanswered.
   */
  private static void assertHandlerSaid(LogCapture log, Duration writeTimeout, Duration storeTimeout) {
    String save = log.awaitLine(Level.WARN, "Automatic session saves failed with outcome unknown",
      Duration.ofSeconds(10));
    assertTrue(save.contains("TimeoutException: the store did not answer within " + writeTimeout.toMillis() + " ms"),
      save);
    String load = log.awaitLine(Level.WARN, "Session store unavailable: loading sessions failed",
      Duration.ofSeconds(10));
    assertTrue(load.contains("TimeoutException: a write of this session did not answer within "
      + storeTimeout.toMillis() + " ms"), load);
    assertEquals(2, log.warnings().size(), log.warnings().toString());
  }

  /** Freezes Redis off the event loop (it runs kill); completes on the caller's context once Redis is frozen. */
  private Future<Void> freezeRedis() {
    return vertx.executeBlocking(() -> {
      server.freeze();
      return null;
    });
  }
}
