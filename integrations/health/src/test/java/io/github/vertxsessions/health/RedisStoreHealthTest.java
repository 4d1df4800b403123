package io.github.vertxsessions.health;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.redis.client.Redis;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * The procedure over a Redis server of its own, which the test stops, freezes and starts again on the same port, with
 * one store and one client for the whole test, as a running application has.
 *
 * <p>The timeouts are far above what the machine needs, so that only a server that does not answer makes a probe
 * DOWN: a warm probe took up to 70 ms, and the first one, which opens the connection in a fresh JVM, up to 4.7 s,
 * with {@code stress-ng --cpu 2} on the 2-core machine. A DOWN waits for the probe's timeout, so the tests whose
 * server is frozen take that long.
 *
 * <p>A probe of a server that is gone may cost the store its connection, which it says in a warning: the library's
 * lines are captured, and each test asserts that it said nothing else.
 */
@ExtendWith(VertxExtension.class)
class RedisStoreHealthTest {

  private static final long PROBE_TIMEOUT_MILLIS = 2_000;
  private static final long CONNECT_TIMEOUT_MILLIS = 30_000;
  /** Far above the probe's: a DOWN carrying the probe's data shows the probe, not HealthChecks, gave up. */
  private static final long CHECKS_TIMEOUT_MILLIS = 2 * CONNECT_TIMEOUT_MILLIS;

  /** The test's Vert.x, injected by {@link VertxExtension}. */
  private Vertx vertx;
  private EmbeddedRedis redis;
  private RedisSessionStore store;
  private HealthChecks checks;
  /** The library's lines until the server is closed. */
  private LogCapture log;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    log = LogCapture.of("io.github.vertxsessions");
    redis = EmbeddedRedis.start();
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx,
      new RedisOptions().setConnectionString(redis.connectionString())));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      // before the server stops, rather than after by the extension: the store does not see it go
      vertx.close().await(10, SECONDS);
      redis.close();
    } finally {
      log.close();
    }
  }

  @Test
  void theFirstCheckWaitsForTheConnectionAndSaysItWasCold() {
    register(PROBE_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);

    CheckResult first = check();
    CheckResult second = check();

    assertUp(first);
    assertEquals(true, first.getData().getBoolean("cold"), first.toJson().encode());
    assertUp(second);
    assertNull(second.getData().getValue("cold"), second.toJson().encode());
    assertEquals(List.of(), log.warnings(), "nothing went wrong");
  }

  @Test
  void downWhileRedisIsStoppedAndUpAgainOnceItIsBack() {
    register(PROBE_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    assertUp(check());

    redis.stop();
    CheckResult down = check();
    redis.startAgain();

    assertFalse(down.getUp(), down.toJson().encode());
    assertProbeGaveUp(down.getData());
    assertUp(firstUp());
    assertOnlyLostConnectionsSaid();
  }

  @Test
  void downWithinTheProbesTimeoutWhileRedisIsFrozen() {
    register(PROBE_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    assertUp(check());

    redis.freeze();
    CheckResult down;
    try {
      down = check();
    } finally {
      redis.thaw();
    }

    assertFalse(down.getUp(), down.toJson().encode());
    assertProbeGaveUp(down.getData());
    assertTrue(down.getData().getString("cause").startsWith("TimeoutException: redis did not answer within "
      + PROBE_TIMEOUT_MILLIS + " ms"), down.getData().encode());
    assertTrue(down.getData().getLong("latencyMillis") >= PROBE_TIMEOUT_MILLIS, down.getData().encode());
    assertUp(firstUp());
    assertOnlyLostConnectionsSaid();
  }

  /** A server that stalls before the first answer: the connect timeout bounds the wait, not the probe's timeout. */
  @Test
  void downWithinTheConnectTimeoutWhenRedisIsFrozenFromTheStart() {
    long timeout = 300;
    long connectTimeout = 1_000;
    redis.freeze();
    CheckResult down;
    try {
      register(timeout, connectTimeout);
      down = check();
    } finally {
      redis.thaw();
    }

    assertFalse(down.getUp(), down.toJson().encode());
    assertProbeGaveUp(down.getData());
    assertEquals(true, down.getData().getBoolean("cold"), down.getData().encode());
    assertTrue(down.getData().getString("cause").startsWith("TimeoutException: redis did not answer within "
      + connectTimeout + " ms"), down.getData().encode());
    assertTrue(down.getData().getLong("latencyMillis") >= connectTimeout, down.getData().encode());
    assertOnlyLostConnectionsSaid();
  }

  private void register(long timeoutMillis, long connectTimeoutMillis) {
    checks = HealthChecks.create(vertx).register("sessions", CHECKS_TIMEOUT_MILLIS, SessionStoreHealth.procedure(
      vertx, store, Duration.ofMillis(timeoutMillis), Duration.ofMillis(connectTimeoutMillis)));
  }

  /**
   * One check, waited for longer than the health checks' own bound (which always ends it) rather than the usual 10 s,
   * which a cold check may take on a loaded machine.
   */
  private CheckResult check() {
    try {
      return checks.checkStatus("sessions").await(2 * CHECKS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("HealthChecks did not end a check within its own bound", e);
    }
  }

  /**
   * What the library said while the test stopped or froze the server: at most that the store's connection failed
   * (whether a probe loses it depends on when the server went), and never an ERROR.
   */
  private void assertOnlyLostConnectionsSaid() {
    assertTrue(log.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
      .allMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith("Redis connection failed (")),
      log.events().toString());
  }

  /**
   * The client reconnects on its own; the first checks after a restart may still see the old connection fail. Each
   * check ends within the probe's timeout, so the loop ends; the bound only keeps a broken client from spinning.
   */
  private CheckResult firstUp() {
    return eventually(Duration.ofSeconds(30), "an UP check", this::check, CheckResult::getUp);
  }

  /** UP, from this store; how fast is not asserted: the bounds are the probe's, and a loaded machine is slow. */
  private static void assertUp(CheckResult result) {
    assertTrue(result.getUp(), result.toJson().encode());
    assertEquals("redis", result.getData().getString("store"));
    assertTrue(result.getData().getLong("latencyMillis") >= 0, result.getData().encode());
  }

  /** The probe's own DOWN, with its data and a cause: not the health checks' bare timeout. */
  private static void assertProbeGaveUp(JsonObject data) {
    assertEquals("redis", data.getString("store"), String.valueOf(data));
    assertTrue(data.getString("cause") != null && !data.getString("cause").isEmpty(), data.encode());
  }
}
