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
 * health.register("sessions", 6_000,
 *     SessionStoreHealth.procedure(vertx, store, Duration.ofSeconds(1), Duration.ofSeconds(5)));
 * router.get("/health").handler(health);
 * }</pre>
 *
 * The probe is one load of a random, well-formed session ID that no session has, which never marks anything
 * accessed: one round trip on every bundled store, whatever the number of sessions ({@code count()} would scan the
 * keys of a Redis store). Its data says which store answered and how fast, and on DOWN why, never naming a session:
 * <pre>{"store":"redis","latencyMillis":1}
 * {"store":"redis","latencyMillis":1000,"cause":"TimeoutException: redis did not answer within 1000 ms"}</pre>
 *
 * <h2>The first answer: a cold probe</h2>
 * A store connects when it is first used, and that first use also pays for what a fresh process has not done yet
 * (loading and compiling the client's code, the server's handshake, a Redis script's first run): on a busy 2-core
 * machine it took from a few hundred milliseconds to seconds, where a warm probe takes a millisecond or so. The
 * probe's timeout bounds the store's answer, not that set-up, so a procedure
 * <ul>
 *   <li>connects eagerly: it sends its first probe when it is made, without waiting for it, so that the store opens
 *   its connection while the application starts rather than on the first health check;</li>
 *   <li>and until the store has answered one of its probes, a run waits for that first answer (joining the probe
 *   already under way rather than sending another) for up to its <em>connect timeout</em>, and its data says
 *   {@code "cold":true}. A cold probe that fails leaves the procedure cold: the next run tries again with the
 *   connect timeout.</li>
 * </ul>
 * From the first answer on, every run is bounded by the probe's timeout, reconnections included: a process that has
 * connected once reconnects in a round trip or two.
 *
 * <p>{@code HealthChecks} gives every procedure a timeout of its own (1 s unless registered with another): register
 * this one with more than the probe's connect timeout, as above, so that a slow store reports the probe's DOWN, with
 * its data, rather than the health checks' bare {@code Timeout}. An orchestrator's probe of the HTTP route has its
 * own timeout too (Kubernetes: 1 s unless {@code timeoutSeconds} says otherwise), which a cold probe may exceed when
 * the first check comes before the store has connected: give the start-up that time (a {@code startupProbe}, an
 * {@code initialDelaySeconds}) or the route a longer timeout.
 */
public interface SessionStoreHealth {

  /** The probe's timeout when none is given: below the 1 s that {@code HealthChecks} allows a procedure by default. */
  Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

  /**
   * How long a procedure waits for the store's first answer, connection set-up included, when no connect timeout is
   * given: the Redis store's default command timeout, which bounds that same first command from the inside.
   */
  Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The procedure for {@code store}, with the {@link #DEFAULT_TIMEOUT} and the {@link #DEFAULT_CONNECT_TIMEOUT}. It
   * sends its first probe at once: see "The first answer" above.
   *
   * @param vertx the Vert.x instance the store runs on
   * @param store the store to probe
   * @return the procedure, for {@code HealthChecks.register} or {@code HealthCheckHandler.register}
   */
  static Handler<Promise<Status>> procedure(Vertx vertx, SessionStore store) {
    return procedure(vertx, store, DEFAULT_TIMEOUT);
  }

  /**
   * The procedure for {@code store}, waiting for its first answer for the {@link #DEFAULT_CONNECT_TIMEOUT}, or for
   * {@code timeout} if that is longer. It sends its first probe at once: see "The first answer" above.
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param store   the store to probe
   * @param timeout how long the store may take to answer before the procedure reports DOWN, once it has answered;
   *                positive
   * @return the procedure, for {@code HealthChecks.register} or {@code HealthCheckHandler.register}
   */
  static Handler<Promise<Status>> procedure(Vertx vertx, SessionStore store, Duration timeout) {
    Duration connectTimeout = timeout != null && timeout.compareTo(DEFAULT_CONNECT_TIMEOUT) > 0 ? timeout
      : DEFAULT_CONNECT_TIMEOUT;
    return procedure(vertx, store, timeout, connectTimeout);
  }

  /**
   * The procedure for {@code store}: each run probes it once. It sends its first probe at once, and waits for the
   * store's first answer for up to {@code connectTimeout}: see "The first answer" above.
   *
   * @param vertx          the Vert.x instance the store runs on
   * @param store          the store to probe
   * @param timeout        how long the store may take to answer before the procedure reports DOWN, once it has
   *                       answered; positive
   * @param connectTimeout how long the store may take to give its first answer, while it opens its connection;
   *                       not below {@code timeout}
   * @return the procedure, for {@code HealthChecks.register} or {@code HealthCheckHandler.register}
   */
  static Handler<Promise<Status>> procedure(Vertx vertx, SessionStore store, Duration timeout,
                                            Duration connectTimeout) {
    StoreProbe probe = new StoreProbe(vertx, store, timeout, connectTimeout).connect();
    return promise -> probe.run().onComplete(promise);
  }

  /**
   * Probes {@code store} once, outside any health check: for a start-up check, say. It cannot know whether the store
   * has connected, so {@code timeout} bounds the whole probe, the set-up of the store's connection included: give a
   * start-up check room for that (see "The first answer" above).
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param store   the store to probe
   * @param timeout how long the store may take to answer; positive
   * @return a future that always succeeds, within {@code timeout}, with the status a procedure would report, on the
   *         caller's context
   */
  static Future<Status> probe(Vertx vertx, SessionStore store, Duration timeout) {
    return new StoreProbe(vertx, store, timeout, timeout).runAlone();
  }
}
