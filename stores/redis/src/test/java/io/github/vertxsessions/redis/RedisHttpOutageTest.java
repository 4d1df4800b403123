package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Over HTTP: a Redis that is down or stalled answers 503 within the handler's store timeout, then recovers. */
class RedisHttpOutageTest {

  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
  private static final long SLACK_MILLIS = 700;

  private EmbeddedRedis server;
  private Vertx vertx;
  private SessionStore store;
  private CounterApp app;

  @BeforeEach
  void setUp() throws Exception {
    server = EmbeddedRedis.start();
    vertx = Vertx.vertx();
    TestClock clock = new TestClock();
    // A default store: its own command timeout (5 s) is longer than the handler's, which must answer first.
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, server.connectionString()),
      new RedisStoreOptions().setClock(clock));
    app = new CounterApp(vertx, store, STORE_TIMEOUT);
  }

  @AfterEach
  void tearDown() throws Exception {
    app.close();
    store.close().await(10, SECONDS);
    vertx.close().await(10, SECONDS);
    server.close();
  }

  @Test
  void stoppedRedisAnswers503ThenTheSameServerRecovers() {
    String cookie = CounterApp.sessionCookie(app.get("/count", null));
    assertEquals("1", app.get("/peek", cookie).bodyAsString(), "saved before Redis stops");

    server.stop();
    long started = System.nanoTime();
    assertEquals(503, app.get("/peek", cookie).statusCode());
    assertWithinStoreTimeout(started);

    server.startAgain();
    assertEquals("null", app.get("/peek", cookie).bodyAsString(), "the restarted server kept nothing in memory");
    String fresh = CounterApp.sessionCookie(app.get("/count", null));
    assertEquals("2", app.get("/count", fresh).bodyAsString());
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
    } finally {
      server.thaw();
    }

    assertEquals("2", app.get("/count", cookie).bodyAsString());
  }

  private static void assertWithinStoreTimeout(long startedNanos) {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    assertTrue(elapsed < STORE_TIMEOUT.toMillis() + SLACK_MILLIS, "answered after " + elapsed + " ms");
  }
}
