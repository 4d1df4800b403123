package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionObserver;
import io.github.vertxsessions.SessionIds;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * One handler's {@link SessionOptions} resolved against its Vert.x instance and store, which is what every session of
 * that handler shares: the store, the store's clock, the ID source, the registry of writes in flight and the monitor
 * of that Vert.x instance, the timeouts in milliseconds, the saving rules and the limit per principal. The options
 * are the application's mutable description; this is fixed when the handler is created.
 */
record HandlerRuntime(Vertx vertx, SessionStore store, Clock clock, Supplier<String> idGenerator, WritesInFlight writes,
                      long idleTimeout, long maxLifetime, long touchInterval, long loadTimeout, long writeTimeout,
                      boolean saveUninitialized, boolean resave, PrincipalLimit limit, SessionMonitor monitor,
                      long failureLogInterval) {

  static HandlerRuntime of(Vertx vertx, SessionStore store, SessionOptions options) {
    SessionMonitor monitor = monitorOf(vertx, options);
    return new HandlerRuntime(vertx, store, store.clock(), options.getIdGenerator(), WritesInFlight.of(vertx),
      options.getIdleTimeout().toMillis(),
      options.getMaxLifetime() == null ? 0 : options.getMaxLifetime().toMillis(),
      options.effectiveTouchInterval().toMillis(), options.getStoreTimeout().toMillis(),
      options.effectiveWriteTimeout().toMillis(),
      options.isSaveUninitialized(), options.isResave(), limitOf(store, options, monitor), monitor,
      options.getFailureLogInterval().toMillis());
  }

  /**
   * The monitor of {@code vertx}, publishing at the options' events address when they name one: for a handler, and
   * for a registry, which may be the only one on its node (an admin node revoking sessions).
   */
  static SessionMonitor monitorOf(Vertx vertx, SessionOptions options) {
    SessionMonitor monitor = SessionMonitor.of(vertx);
    if (options.getEventsAddress() != null) {
      monitor.publishTo(options.getEventsAddress());
    }
    return monitor;
  }

  private static PrincipalLimit limitOf(SessionStore store, SessionOptions options, SessionMonitor monitor) {
    Integer max = options.getMaxSessionsPerPrincipal();
    if (max == null) {
      return PrincipalLimit.NONE;
    }
    if (!(store instanceof IndexedSessionStore indexed)) {
      throw new IllegalArgumentException("maxSessionsPerPrincipal needs a store that finds sessions by principal (an "
        + "IndexedSessionStore, as every bundled store is), not " + store.getClass().getName());
    }
    return new PrincipalLimit(indexed, max, options.getPrincipalLimitPolicy(), monitor);
  }

  /** Runs a store call, and tells the monitor's observers how long the store took to answer, when anyone listens. */
  <T> Future<T> observed(SessionObserver.StoreOperation operation, Supplier<Future<T>> call) {
    if (!monitor.isActive()) {
      return call.get();
    }
    long start = System.nanoTime();
    return call.get().andThen(ar -> monitor.onStoreCall(store.type(), operation, System.nanoTime() - start,
      ar.cause()));
  }

  String newId() {
    return SessionIds.requireWellFormed(idGenerator.get());
  }
}
