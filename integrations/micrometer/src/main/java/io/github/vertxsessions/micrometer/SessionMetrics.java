package io.github.vertxsessions.micrometer;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.micrometer.impl.SessionMetricsImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Micrometer meters for the sessions of one Vert.x instance: what its handlers, registries and stores tell its
 * observers ({@link io.github.vertxsessions.SessionObserver}), counted and timed in a {@link MeterRegistry}. Bind once
 * per Vert.x instance and registry, at start-up:
 *
 * <pre>{@code
 * SessionMetrics metrics = SessionMetrics.bind(vertx, registry).bindLocalStore(store);
 * // ... and when the application stops:
 * metrics.close();
 * }</pre>
 *
 * The registry can be any: one of the application's own, or the one {@code vertx-micrometer-metrics} made
 * ({@code BackendRegistries.getDefaultNow()}). The meters of a store type are registered when that store first
 * reports anything, all at once, so that every series of that store starts at zero. Nothing is measured before
 * {@code bind} nor after {@link #close()}: unbound, the handler does not even read the clock for its store calls.
 *
 * <p>The meters (tags in brackets; {@code store} is the store's {@link io.github.vertxsessions.spi.SessionStore#type()
 * type}, such as {@code redis}):
 * <ul>
 *   <li>{@value #EVENTS} (counter) {@code [type, store]}: one per {@link io.github.vertxsessions.SessionEvent}, by its
 *   type's JSON name ({@code created}, {@code regenerated}, {@code destroyed}, {@code revoked}, {@code limitEvicted},
 *   {@code expired}, {@code evicted}).</li>
 *   <li>{@value #STORE_CALLS} (timer) {@code [store, operation, outcome]}: each store call of the handler, once the
 *   store answered; {@code operation} is {@code load}, {@code save}, {@code touch}, {@code delete} or {@code change_id}; {@code outcome}
 *   is {@code success}, {@code refused} (the store answered as its contract says for a session that is gone, or an ID
 *   that is taken) or {@code failure}.</li>
 *   <li>{@value #UNAVAILABLE} (counter) {@code [store, cause]}: requests handed to the store failure handler (a 503 by
 *   default); {@code cause} is {@code timeout} when the load did not answer within the store timeout, else
 *   {@code error}.</li>
 *   <li>{@value #SAVES_FAILED} (counter) {@code [store, outcome]}: automatic saves at the end of a request that failed;
 *   {@code outcome} is {@code unknown} when the save's request may have reached the store and its answer was lost
 *   (it may have applied the save), else {@code failure}, which includes a save that never left the process (a
 *   refused connection, a full pool, a timeout while it was still queued).</li>
 *   <li>{@value #SAVES_REFUSED} (counter) {@code [store]}: saves the store refused because the session was gone by
 *   then (destroyed, revoked or expired), which keeps it from coming back.</li>
 *   <li>{@value #DELETES_FAILED} (counter) {@code [store, next]}: attempts to delete a destroyed session that failed
 *   or went unanswered; {@code next} is {@code retry} when another attempt follows and {@code none} when the delete
 *   was given up on, leaving the session in the store until it expires.</li>
 *   <li>{@value #LOCAL_HELD} (gauge, {@code sessions}): the entries a local store holds in memory, expired ones not yet
 *   swept included ({@link LocalSessionStore#heldEntries()}); only for the stores passed to {@link #bindLocalStore}.</li>
 * </ul>
 */
public interface SessionMetrics extends AutoCloseable {

  /** The counter of session events. */
  String EVENTS = "vertx.sessions.events";
  /** The timer of the handler's store calls. */
  String STORE_CALLS = "vertx.sessions.store.calls";
  /** The counter of requests whose session could not be loaded. */
  String UNAVAILABLE = "vertx.sessions.unavailable";
  /** The counter of automatic saves that failed. */
  String SAVES_FAILED = "vertx.sessions.saves.failed";
  /** The counter of saves refused because the session was gone. */
  String SAVES_REFUSED = "vertx.sessions.saves.refused";
  /** The counter of failed attempts to delete a destroyed session. */
  String DELETES_FAILED = "vertx.sessions.deletes.failed";
  /** The gauge of the sessions a local store holds. */
  String LOCAL_HELD = "vertx.sessions.local.held";

  /**
   * Starts measuring the sessions of {@code vertx} into {@code registry}.
   *
   * @param vertx    the Vert.x instance whose sessions are measured
   * @param registry where the meters go
   * @return the binding, to {@link #close()} when the application stops
   */
  static SessionMetrics bind(Vertx vertx, MeterRegistry registry) {
    return bind(vertx, registry, List.of());
  }

  /**
   * Starts measuring the sessions of {@code vertx} into {@code registry}, with {@code tags} on every meter: how two
   * Vert.x instances that share one registry keep their meters apart (each binding removes its own at
   * {@link #close()}).
   *
   * @param vertx    the Vert.x instance whose sessions are measured
   * @param registry where the meters go
   * @param tags     tags added to every meter of this binding
   * @return the binding, to {@link #close()} when the application stops
   */
  static SessionMetrics bind(Vertx vertx, MeterRegistry registry, Iterable<Tag> tags) {
    return SessionMetricsImpl.bind(vertx, registry, tags);
  }

  /**
   * Adds the {@value #LOCAL_HELD} gauge of {@code store}, tagged {@code store=local}.
   *
   * @param store a handle on the local store; the gauge reads it until this binding is closed
   * @return this binding
   * @throws IllegalStateException if this binding is closed, or a local store is already bound with the same tags
   */
  default SessionMetrics bindLocalStore(LocalSessionStore store) {
    return bindLocalStore(store, List.of());
  }

  /**
   * Adds the {@value #LOCAL_HELD} gauge of {@code store}, with {@code tags} beside {@code store=local}: for a second
   * local store (one of another name), which needs tags of its own, such as {@code name}.
   *
   * @param store a handle on the local store; the gauge reads it until this binding is closed
   * @param tags  tags that tell this store's gauge from the other local stores'
   * @return this binding
   * @throws IllegalStateException if this binding is closed, or a local store is already bound with the same tags
   */
  SessionMetrics bindLocalStore(LocalSessionStore store, Iterable<Tag> tags);

  /** Stops measuring, and removes from the registry every meter this binding registered. Closing twice is harmless. */
  @Override
  void close();
}
