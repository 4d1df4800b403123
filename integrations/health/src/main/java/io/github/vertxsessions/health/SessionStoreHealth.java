package io.github.vertxsessions.health;

import io.github.vertxsessions.health.impl.StoreProbe;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;

import java.time.Duration;

/**
 * A {@code vertx-health-check} procedure for a session store: a bounded probe that reports UP when the store answers
 * within its timeout and DOWN otherwise, never later than that timeout.
 *
 * <pre>{@code
 * HealthCheckHandler health = HealthCheckHandler.create(vertx);
 * health.register("sessions", 2_000, SessionStoreHealth.procedure(vertx, store, Duration.ofSeconds(1)));
 * router.get("/health").handler(health);
 * }</pre>
 *
 * The probe is one load of a random, well-formed session ID that no session has, which never marks anything
 * accessed: one round trip on every bundled store, whatever the number of sessions ({@code count()} would scan the
 * keys of a Redis store). Its data says which store answered and how fast, and on DOWN why, never naming a session:
 * <pre>{"store":"redis","latencyMillis":1}
 * {"store":"redis","latencyMillis":1000,"cause":"TimeoutException: redis did not answer within 1000 ms"}</pre>
 *
 * <p>{@code HealthChecks} gives every procedure a timeout of its own (1 s unless registered with another): register
 * this one with more than the probe's timeout, as above, so that a slow store reports the probe's DOWN, with its data,
 * rather than the health checks' bare {@code Timeout}.
 */
public interface SessionStoreHealth {

  /** The probe's timeout when none is given: below the 1 s that {@code HealthChecks} allows a procedure by default. */
  Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

  /**
   * The procedure for {@code store}, with the {@link #DEFAULT_TIMEOUT}.
   *
   * @param vertx the Vert.x instance the store runs on
   * @param store the store to probe
   * @return the procedure, for {@code HealthChecks.register} or {@code HealthCheckHandler.register}
   */
  static Handler<Promise<Status>> procedure(Vertx vertx, SessionStore store) {
    return procedure(vertx, store, DEFAULT_TIMEOUT);
  }

  /**
   * The procedure for {@code store}: each run probes it once.
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param store   the store to probe
   * @param timeout how long the store may take to answer before the procedure reports DOWN; positive
   * @return the procedure, for {@code HealthChecks.register} or {@code HealthCheckHandler.register}
   */
  static Handler<Promise<Status>> procedure(Vertx vertx, SessionStore store, Duration timeout) {
    StoreProbe probe = new StoreProbe(vertx, store, timeout);
    return promise -> probe.run().onComplete(promise);
  }

  /**
   * Probes {@code store} once, outside any health check: for a start-up check, say.
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param store   the store to probe
   * @param timeout how long the store may take to answer; positive
   * @return a future that always succeeds, within {@code timeout}, with the status a procedure would report, on the
   *         caller's context
   */
  static Future<Status> probe(Vertx vertx, SessionStore store, Duration timeout) {
    return new StoreProbe(vertx, store, timeout).run();
  }
}
