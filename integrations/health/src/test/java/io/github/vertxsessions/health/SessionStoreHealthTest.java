package io.github.vertxsessions.health;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * The procedure over the local store, over a recording store that fails or never answers, and over a store whose
 * loads the test answers by hand, to tell a cold probe from a warm one without reading a clock.
 */
@ExtendWith(VertxExtension.class)
class SessionStoreHealthTest {

  /** Far above the probe's timeouts: a DOWN carrying the probe's data shows the probe, not HealthChecks, gave up. */
  private static final long CHECKS_TIMEOUT_MILLIS = 10_000;
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  /** Apart from {@link #TIMEOUT}, so that a timeout's message tells which of the two bounded the run. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(700);

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;
  private RecordingStore store;
  private HealthChecks checks;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    store = new RecordingStore(vertx, LocalSessionStore.create(vertx));
    checks = HealthChecks.create(vertx)
      .register("sessions", CHECKS_TIMEOUT_MILLIS, SessionStoreHealth.procedure(vertx, store, TIMEOUT));
  }

  @Test
  void upWithTheStoreTypeAndLatencyAfterOneLoadThatWritesNothing() throws Exception {
    assertTrue(check().getUp(), "the first answer");
    store.resetCalls();

    CheckResult result = check();

    assertTrue(result.getUp(), result.toJson().encode());
    assertEquals("local", result.getData().getString("store"));
    assertTrue(result.getData().getLong("latencyMillis") >= 0, result.getData().encode());
    assertNull(result.getData().getValue("cold"), "a warm probe says nothing of the connection");
    assertEquals(List.of("load"), store.calls());
    assertEquals(0L, store.count().await(10, SECONDS), "the probe creates nothing");
  }

  @Test
  void downWithTheCauseWhenTheStoreFails() throws Exception {
    assertTrue(check().getUp(), "the first answer");
    store.failWith(new IllegalStateException("connection refused"));

    CheckResult result = check();

    assertFalse(result.getUp());
    JsonObject data = result.getData();
    assertEquals("local", data.getString("store"));
    assertEquals("IllegalStateException: connection refused", data.getString("cause"));
    assertTrue(data.getLong("latencyMillis") >= 0, data.encode());
  }

  @Test
  void downWithinItsOwnTimeoutWhenTheStoreNeverAnswers() throws Exception {
    assertTrue(check().getUp(), "the first answer");
    store.hang(true);

    CheckResult result = check();

    assertFalse(result.getUp());
    JsonObject data = result.getData();
    assertEquals("local", data.getString("store"));
    assertTrue(data.getString("cause").startsWith("TimeoutException: local did not answer within 200 ms"),
      data.encode());
    long latency = data.getLong("latencyMillis");
    assertTrue(latency >= 200 && latency < CHECKS_TIMEOUT_MILLIS, data.encode());
    store.hang(false);
    assertTrue(check().getUp(), "UP again once the store answers");
  }

  @Test
  void theProcedureSendsItsFirstProbeWhenItIsMade() {
    HandAnsweredStore slow = new HandAnsweredStore(vertx);

    SessionStoreHealth.procedure(vertx, slow, TIMEOUT, CONNECT_TIMEOUT);

    assertEquals(List.of("load"), slow.calls(), "the store connects at start, not on the first check");
  }

  @Test
  void aColdRunWaitsForTheFirstProbeAlreadyUnderWay() throws Exception {
    HandAnsweredStore slow = new HandAnsweredStore(vertx);
    Handler<Promise<Status>> procedure = SessionStoreHealth.procedure(vertx, slow, TIMEOUT, CONNECT_TIMEOUT);

    Future<Status> cold = run(procedure);
    slow.answerNext(null);
    Status status = cold.await(10, SECONDS);

    assertTrue(status.isOk(), status.toJson().encode());
    assertEquals(true, status.getData().getBoolean("cold"), status.toJson().encode());
    assertEquals(List.of("load"), slow.calls(), "no second load queued behind the connection's set-up");
  }

  @Test
  void aColdRunIsBoundedByTheConnectTimeoutAndAWarmOneByTheTimeout() throws Exception {
    HandAnsweredStore slow = new HandAnsweredStore(vertx);
    Handler<Promise<Status>> procedure = SessionStoreHealth.procedure(vertx, slow, TIMEOUT, CONNECT_TIMEOUT);

    Status cold = run(procedure).await(10, SECONDS);

    assertFalse(cold.isOk());
    assertTrue(cold.getData().getString("cause").startsWith("TimeoutException: local did not answer within 700 ms"),
      cold.getData().encode());
    assertTrue(cold.getData().getLong("latencyMillis") >= CONNECT_TIMEOUT.toMillis(), cold.getData().encode());
    assertEquals(true, cold.getData().getBoolean("cold"));

    // the first probe answers late: the store is connected, and from now on a run gets the probe's timeout only
    slow.answerNext(null);
    Status warm = run(procedure).await(10, SECONDS);

    assertFalse(warm.isOk());
    assertTrue(warm.getData().getString("cause").startsWith("TimeoutException: local did not answer within 200 ms"),
      warm.getData().encode());
    assertNull(warm.getData().getValue("cold"), warm.getData().encode());
  }

  @Test
  void aColdRunThatTimedOutSendsAFreshLoadNextTime() throws Exception {
    HandAnsweredStore slow = new HandAnsweredStore(vertx);
    Handler<Promise<Status>> procedure = SessionStoreHealth.procedure(vertx, slow, TIMEOUT, CONNECT_TIMEOUT);
    assertFalse(run(procedure).await(10, SECONDS).isOk(), "the first load never answers");

    Future<Status> next = run(procedure);
    slow.answerNext(null); // the first load, dropped: it no longer decides a run
    slow.answerNext(null);
    Status status = next.await(10, SECONDS);

    assertTrue(status.isOk(), status.toJson().encode());
    assertEquals(List.of("load", "load"), slow.calls());
  }

  @Test
  void aFailedFirstAnswerLeavesTheProcedureCold() throws Exception {
    HandAnsweredStore slow = new HandAnsweredStore(vertx);
    Handler<Promise<Status>> procedure = SessionStoreHealth.procedure(vertx, slow, TIMEOUT, CONNECT_TIMEOUT);
    slow.failNext(new IllegalStateException("connection refused"));

    Future<Status> retry = run(procedure);
    slow.answerNext(null);
    Status status = retry.await(10, SECONDS);

    assertTrue(status.isOk(), status.toJson().encode());
    assertEquals(true, status.getData().getBoolean("cold"), "still waiting for the first answer");
    assertEquals(List.of("load", "load"), slow.calls());
  }

  @Test
  void aStandaloneProbeGivesTheSameStatus() throws Exception {
    Status up = SessionStoreHealth.probe(vertx, store, TIMEOUT).await(10, SECONDS);
    assertTrue(up.isOk());
    assertNull(up.getData().getValue("cold"), "a probe on its own cannot tell, and its timeout covers the set-up");
    store.failWith(new IllegalStateException("down"));
    assertFalse(SessionStoreHealth.probe(vertx, store, TIMEOUT).await(10, SECONDS).isOk());
  }

  @Test
  void theTimeoutsMustBePositiveAndTheConnectTimeoutNoShorter() {
    assertThrows(IllegalArgumentException.class, () -> SessionStoreHealth.procedure(vertx, store, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> SessionStoreHealth.procedure(vertx, store, null));
    assertThrows(IllegalArgumentException.class,
      () -> SessionStoreHealth.procedure(vertx, store, TIMEOUT, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
      () -> SessionStoreHealth.procedure(vertx, store, CONNECT_TIMEOUT, TIMEOUT));
  }

  private CheckResult check() throws Exception {
    return checks.checkStatus("sessions").await(10, SECONDS);
  }

  /** Runs the procedure now, on this thread, as HealthChecks would: no scheduling between the call and the run. */
  private static Future<Status> run(Handler<Promise<Status>> procedure) {
    Promise<Status> status = Promise.promise();
    procedure.handle(status);
    return status.future();
  }

  /** A store whose loads wait for the test to answer them, in order; its other calls go to a local store. */
  private static final class HandAnsweredStore extends RecordingStore {

    private final Queue<Promise<SessionRecord>> loads = new ConcurrentLinkedQueue<>();

    HandAnsweredStore(Vertx vertx) {
      super(vertx, LocalSessionStore.create(vertx));
    }

    @Override
    public Future<SessionRecord> load(String id, long touchInterval) {
      super.load(id, touchInterval); // recorded; its answer is the test's
      Promise<SessionRecord> load = Promise.promise();
      loads.add(load);
      return load.future();
    }

    void answerNext(SessionRecord record) {
      loads.remove().complete(record);
    }

    void failNext(Throwable error) {
      loads.remove().fail(error);
    }
  }
}
