package io.github.vertxsessions.health;

import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.testkit.EmbeddedRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The procedure over a Redis server of its own, which the test stops, freezes and starts again on the same port, with
 * one store and one client for the whole test, as a running application has.
 */
class RedisStoreHealthTest {

  private static final long PROBE_TIMEOUT_MILLIS = 300;
  /** Far above the probe's: a DOWN carrying the probe's data shows the probe, not HealthChecks, gave up. */
  private static final long CHECKS_TIMEOUT_MILLIS = 10_000;

  private final Vertx vertx = Vertx.vertx();
  private EmbeddedRedis redis;
  private HealthChecks checks;

  @BeforeEach
  void start() {
    redis = EmbeddedRedis.start();
    RedisSessionStore store = RedisSessionStore.create(vertx, Redis.createClient(vertx,
      new RedisOptions().setConnectionString(redis.connectionString())));
    checks = HealthChecks.create(vertx).register("sessions", CHECKS_TIMEOUT_MILLIS,
      SessionStoreHealth.procedure(vertx, store, Duration.ofMillis(PROBE_TIMEOUT_MILLIS)));
  }

  @AfterEach
  void stop() {
    await(vertx.close());
    redis.close();
  }

  @Test
  void downWhileRedisIsStoppedAndUpAgainOnceItIsBack() {
    assertUp(check());

    redis.stop();
    CheckResult down = check();
    redis.startAgain();

    assertFalse(down.getUp(), down.toJson().encode());
    assertProbeGaveUp(down.getData());
    assertUp(firstUpWithin(Duration.ofSeconds(10)));
  }

  @Test
  void downWithinTheProbesTimeoutWhileRedisIsFrozen() {
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
    assertUp(firstUpWithin(Duration.ofSeconds(10)));
  }

  private CheckResult check() {
    return await(checks.checkStatus("sessions"));
  }

  /** The client reconnects on its own; the first checks after a restart may still see the old connection fail. */
  private CheckResult firstUpWithin(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    CheckResult result = check();
    while (!result.getUp() && System.nanoTime() < deadline) {
      result = check();
    }
    return result;
  }

  private static void assertUp(CheckResult result) {
    assertTrue(result.getUp(), result.toJson().encode());
    assertEquals("redis", result.getData().getString("store"));
    assertTrue(result.getData().getLong("latencyMillis") < PROBE_TIMEOUT_MILLIS, result.getData().encode());
  }

  /** The probe's own DOWN, within its timeout (with a margin for a loaded machine's timer), with a cause. */
  private static void assertProbeGaveUp(JsonObject data) {
    assertEquals("redis", data.getString("store"), data.encode());
    assertTrue(data.getString("cause") != null && !data.getString("cause").isEmpty(), data.encode());
    assertTrue(data.getLong("latencyMillis") < CHECKS_TIMEOUT_MILLIS, data.encode());
  }
}
