package io.github.vertxsessions.health;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.testkit.RecordingStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The procedure over the local store, and over a recording store that fails or never answers. */
class SessionStoreHealthTest {

  /** Far above the probe's timeout: a DOWN carrying the probe's data shows the probe, not HealthChecks, gave up. */
  private static final long CHECKS_TIMEOUT_MILLIS = 10_000;

  private final Vertx vertx = Vertx.vertx();
  private final RecordingStore store = new RecordingStore(vertx, LocalSessionStore.create(vertx));
  private final HealthChecks checks = HealthChecks.create(vertx)
    .register("sessions", CHECKS_TIMEOUT_MILLIS, SessionStoreHealth.procedure(vertx, store, Duration.ofMillis(200)));

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void upWithTheStoreTypeAndLatencyAfterOneLoadThatWritesNothing() {
    CheckResult result = await(checks.checkStatus("sessions"));

    assertTrue(result.getUp(), result.toJson().encode());
    assertEquals("local", result.getData().getString("store"));
    assertTrue(result.getData().getLong("latencyMillis") >= 0, result.getData().encode());
    assertEquals(List.of("load"), store.calls());
    assertEquals(0L, await(store.count()), "the probe creates nothing");
  }

  @Test
  void downWithTheCauseWhenTheStoreFails() {
    store.failWith(new IllegalStateException("connection refused"));

    CheckResult result = await(checks.checkStatus("sessions"));

    assertFalse(result.getUp());
    JsonObject data = result.getData();
    assertEquals("local", data.getString("store"));
    assertEquals("IllegalStateException: connection refused", data.getString("cause"));
    assertTrue(data.getLong("latencyMillis") >= 0, data.encode());
  }

  @Test
  void downWithinItsOwnTimeoutWhenTheStoreNeverAnswers() {
    store.hang(true);

    CheckResult result = await(checks.checkStatus("sessions"));

    assertFalse(result.getUp());
    JsonObject data = result.getData();
    assertEquals("local", data.getString("store"));
    assertTrue(data.getString("cause").startsWith("TimeoutException: local did not answer within 200 ms"),
      data.encode());
    long latency = data.getLong("latencyMillis");
    assertTrue(latency >= 200 && latency < CHECKS_TIMEOUT_MILLIS, data.encode());
    store.hang(false);
    assertTrue(await(checks.checkStatus("sessions")).getUp(), "UP again once the store answers");
  }

  @Test
  void aStandaloneProbeGivesTheSameStatus() {
    assertTrue(await(SessionStoreHealth.probe(vertx, store, Duration.ofMillis(200))).isOk());
    store.failWith(new IllegalStateException("down"));
    assertFalse(await(SessionStoreHealth.probe(vertx, store, Duration.ofMillis(200))).isOk());
  }

  @Test
  void theTimeoutMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> SessionStoreHealth.procedure(vertx, store, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> SessionStoreHealth.procedure(vertx, store, null));
  }
}
