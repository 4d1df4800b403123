package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Over HTTP: a Redis that is down or stalled answers 503 within the handler's store timeout, then recovers. */
@ExtendWith(VertxExtension.class)
class RedisHttpOutageTest {

  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
  private static final long SLACK_MILLIS = 700;

  private EmbeddedRedis server;
  private Vertx vertx;
  private SessionStore store;
  private CounterApp app;
  private LogCapture log;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    server = EmbeddedRedis.start();
    this.vertx = vertx;
    log = LogCapture.of(SessionHandler.class);
    TestClock clock = new TestClock();
    // A default store: its own command timeout (5 s) is longer than the handler's, which must answer first.
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, server.connectionString()),
      new RedisStoreOptions().setClock(clock));
    app = new CounterApp(vertx, store, STORE_TIMEOUT);
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      app.close();
      store.close().await(10, SECONDS);
      server.close();
    } finally {
      log.close(); // last: what the handler says until the app is closed is the test's
    }
  }

  @Test
  void stoppedRedisAnswers503ThenTheSameServerRecovers() {
    String cookie = CounterApp.sessionCookie(app.get("/count", null));
    assertEquals("1", app.get("/peek", cookie).bodyAsString(), "saved before Redis stops");

    server.stop();
    long started = System.nanoTime();
    assertEquals(503, app.get("/peek", cookie).statusCode());
    assertWithinStoreTimeout(started);
    assertUnavailableSaid("Connection refused");

    server.startAgain();
    assertEquals("null", app.get("/peek", cookie).bodyAsString(), "the restarted server kept nothing in memory");
    String fresh = CounterApp.sessionCookie(app.get("/count", null));
    assertEquals("2", app.get("/count", fresh).bodyAsString());
    assertRecoverySaid();
  }

  @Test
  void stalledRedisAnswers503WithinTheStoreTimeout() {
    String cookie = CounterApp.sessionCookie(app.get("/count", null));
    assertEquals("1", app.get("/peek", cookie).bodyAsString(), "saved before Redis stalls");

    server.freeze();
    try {
      long started = System.nanoTime();
      assertEquals(503, app.get("/peek", cookie).statusCode());
      assertWithinStoreTimeout(started);
      assertUnavailableSaid("TimeoutException: the store did not answer within " + STORE_TIMEOUT.toMillis() + " ms");
    } finally {
      server.thaw();
    }

    assertEquals("2", app.get("/count", cookie).bodyAsString());
    assertRecoverySaid();
  }

  /** The handler's one warning for the outage, naming its cause, and no other line. */
  private void assertUnavailableSaid(String cause) {
    String line = log.awaitLine(Level.WARN, "Session store unavailable: loading sessions failed",
      Duration.ofSeconds(10));
    assertTrue(line.contains(cause), line);
    assertEquals(1, log.events().size(), log.events().toString());
  }

  private void assertRecoverySaid() {
    String line = log.awaitLine(Level.INFO, "the store answers again",
      Duration.ofSeconds(10));
    assertTrue(line.startsWith("Session store unavailable: loading sessions: "), line);
  }

  private static void assertWithinStoreTimeout(long startedNanos) {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    assertTrue(elapsed < STORE_TIMEOUT.toMillis() + SLACK_MILLIS, "answered after " + elapsed + " ms");
  }
}
