package io.github.vertxsessions.micrometer;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.redis.RedisStoreOptions;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static io.github.vertxsessions.micrometer.SessionMetricsTest.awaitValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code saves_failed_total} over HTTP on a Redis of its own that refuses connections or stalls: a save that never
 * left the process failed, and only one whose command may have reached Redis is {@code unknown}.
 */
@ExtendWith(VertxExtension.class)
class RedisSaveOutcomeMetricsTest {

  /**
   * The store's own bound on a command, which ends a stalled save; far above a round trip on a loaded machine (70 ms
   * at most seen under {@code stress-ng --cpu 2}).
   */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  /** The handler's, far longer, so that only the store's answer or its own timeout decides each save. */
  private static final Duration HANDLER_TIMEOUT = COMMAND_TIMEOUT.multipliedBy(10);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private EmbeddedRedis server;
  private TestApp app;
  private SessionMetrics metrics;
  /** The handler's warnings for the failed saves, and the store's: open until the app and the server are closed. */
  private LogCapture log;

  @BeforeEach
  void setUp(Vertx vertx) {
    log = LogCapture.of("io.github.vertxsessions");
    server = EmbeddedRedis.start();
    TestClock clock = new TestClock();
    RedisSessionStore store = RedisSessionStore.create(vertx, Redis.createClient(vertx,
        new RedisOptions().setConnectionString(server.connectionString())),
      new RedisStoreOptions().setClock(clock).setCommandTimeout(COMMAND_TIMEOUT));
    metrics = SessionMetrics.bind(vertx, registry);
    app = new TestApp(vertx, clock, new SessionOptions().setStoreTimeout(HANDLER_TIMEOUT)
      .setWriteTimeout(HANDLER_TIMEOUT), store,
      router -> { }, new HttpServerOptions());
  }

  @AfterEach
  void tearDown() {
    try {
      metrics.close();
      app.close(); // and the test's Vert.x with it
      server.close();
    } finally {
      log.close();
    }
  }

  @Test
  void aSaveToARedisThatRefusesConnectionsIsAFailureNotAnUnknownOutcome() {
    server.stop();

    app.get("/put/views/1", null);
    app.get("/put/views/1", null);

    awaitValue(2, () -> savesFailed("failure"));
    assertEquals(0, savesFailed("unknown"), "no command reached Redis");
    // one line for the outage: the second failure follows the first within the handler's log interval
    String line = log.awaitLine(Level.WARN, "Automatic session saves failed: session", Duration.ofSeconds(10));
    assertTrue(line.contains("Connection refused"), line);
    assertEquals(List.of(line), log.warnings());
  }

  @Test
  void aSaveSentToARedisThatThenStallsIsAnUnknownOutcome() {
    // The first save opens the connection, which in a fresh JVM on a loaded machine can take longer than a command
    // may: saves are sent until one is answered, each ending within the command timeout.
    int[] sent = {0};
    eventually(HANDLER_TIMEOUT, "a save answered", () -> {
      app.get("/put/views/1", null);
      sent[0]++;
      awaitValue(sent[0], this::savesEnded);
      return savesDone() >= 1;
    });
    double failedBefore = savesFailed("failure");
    double unknownBefore = savesFailed("unknown");

    server.freeze(); // the store's connection is open: the next save goes out on it, and no answer comes back
    try {
      app.get("/put/views/1", null);
      awaitValue(unknownBefore + 1, () -> savesFailed("unknown"));
    } finally {
      server.thaw();
    }
    assertEquals(failedBefore, savesFailed("failure"), "Redis may have applied it, and will once it runs again");
    String line = log.awaitLine(Level.WARN, "did not answer within " + COMMAND_TIMEOUT.toMillis() + " ms",
      Duration.ofSeconds(10));
    assertTrue(line.startsWith("Automatic session saves failed with outcome unknown"), line);
    // a cold connection's first saves may time out as well, each run of failures said once
    assertTrue(log.warnings().stream().allMatch(warning -> warning.startsWith("Automatic session saves failed with "
      + "outcome unknown") || warning.startsWith("Redis connection failed (")), log.warnings().toString());
  }

  /** The saves the store answered, 0 until its first report registers the meter. */
  private double savesDone() {
    Timer done = registry.find(SessionMetrics.STORE_CALLS)
      .tags("store", "redis", "operation", "save", "outcome", "success").timer();
    return done == null ? 0 : done.count();
  }

  /** The saves that ended, answered or failed: each within the command timeout. */
  private double savesEnded() {
    return savesDone() + savesFailed("failure") + savesFailed("unknown");
  }

  private double savesFailed(String outcome) {
    Counter failed = registry.find(SessionMetrics.SAVES_FAILED).tags("store", "redis", "outcome", outcome).counter();
    return failed == null ? 0 : failed.count();
  }
}
