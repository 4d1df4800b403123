package io.github.vertxsessions.local;

import io.github.vertxsessions.local.impl.LocalSessionStoreImpl;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.vertx.core.Vertx;

/**
 * The embedded default store: sessions in this JVM's memory, removed by a sweeper that runs on an event loop in
 * bounded slices. For one node; use Redis, MongoDB or PostgreSQL behind a load balancer.
 *
 * <p>One store per Vert.x instance and name, shared by all its verticles: every {@code create} with the same name
 * returns a handle on the same sessions, so a verticle deployed with several instances can create the store in each
 * of them. The store is created with the options of the first {@code create}; a later one with different options
 * gets the existing store unchanged, and a WARN line says so. {@link #close()} releases one handle; when the last
 * one is closed, the sweeper stops and the sessions are dropped, so a later {@code create} starts an empty store.
 */
public interface LocalSessionStore extends IndexedSessionStore {

  /** The name of the store that {@link #create(Vertx)} and {@link #create(Vertx, LocalStoreOptions)} share. */
  String DEFAULT_NAME = "vertx-sessions.local";

  /**
   * A handle on the Vert.x instance's default store, created with default options if it does not exist yet.
   *
   * @param vertx the Vert.x instance the store belongs to
   * @return a new handle, to {@link #close()} when done with it
   */
  static LocalSessionStore create(Vertx vertx) {
    return create(vertx, new LocalStoreOptions());
  }

  /**
   * A handle on the Vert.x instance's default store, created with {@code options} if it does not exist yet.
   *
   * @param vertx   the Vert.x instance the store belongs to
   * @param options the options, used only if the store is created now
   * @return a new handle, to {@link #close()} when done with it
   */
  static LocalSessionStore create(Vertx vertx, LocalStoreOptions options) {
    return create(vertx, DEFAULT_NAME, options);
  }

  /**
   * A handle on the Vert.x instance's store called {@code name}, created with {@code options} if it does not exist
   * yet; stores of different names hold different sessions.
   *
   * @param vertx   the Vert.x instance the store belongs to
   * @param name    the store's name
   * @param options the options, used only if the store is created now
   * @return a new handle, to {@link #close()} when done with it
   */
  static LocalSessionStore create(Vertx vertx, String name, LocalStoreOptions options) {
    return LocalSessionStoreImpl.open(vertx, name, options);
  }

  /**
   * How many sessions were evicted because the store was full (see {@link LocalStoreOptions#setMaxSessions}).
   *
   * @return the count since the store was created, over all its handles
   */
  long evictions();

  /**
   * How many expired sessions the sweeper removed.
   *
   * @return the count since the store was created, over all its handles
   */
  long swept();

  /**
   * How many sessions the store holds in memory, expired ones the sweeper has not reached yet included (unlike
   * {@link #count()}): what the store costs in memory now.
   *
   * @return the number of entries
   */
  long heldEntries();

  /**
   * Runs one bounded slice of the sweeper now, on the calling thread, as the sweeper's timer does on its event loop:
   * removes expired sessions, earliest first, until none is left, the batch size is reached or about a millisecond has
   * passed. For tests and benchmarks that move the store's clock by hand.
   *
   * @return how many sessions this slice removed
   */
  int sweep();
}
