package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every session of one handler shares: its store, the store's clock, the ID source, the registry of writes in
 * flight of its Vert.x instance, and the saving rules.
 */
record SessionSettings(Vertx vertx, SessionStore store, Clock clock, Supplier<String> idGenerator, WritesInFlight writes,
                       long idleTimeout, long maxLifetime, long touchInterval, long loadTimeout, long writeTimeout,
                       boolean saveUninitialized, boolean resave, PrincipalLimit limit) {

  static SessionSettings of(Vertx vertx, SessionStore store, SessionOptions options) {
    return new SessionSettings(vertx, store, store.clock(), options.getIdGenerator(), WritesInFlight.of(vertx),
      options.getIdleTimeout().toMillis(),
      options.getMaxLifetime() == null ? 0 : options.getMaxLifetime().toMillis(),
      options.effectiveTouchInterval().toMillis(), options.getStoreTimeout().toMillis(),
      options.effectiveWriteTimeout().toMillis(),
      options.isSaveUninitialized(), options.isResave(), limitOf(store, options));
  }

  private static PrincipalLimit limitOf(SessionStore store, SessionOptions options) {
    Integer max = options.getMaxSessionsPerPrincipal();
    if (max == null) {
      return PrincipalLimit.NONE;
    }
    if (!(store instanceof IndexedSessionStore indexed)) {
      throw new IllegalArgumentException("maxSessionsPerPrincipal needs a store that finds sessions by principal (an "
        + "IndexedSessionStore, as every bundled store is), not " + store.getClass().getName());
    }
    return new PrincipalLimit(indexed, max, options.getPrincipalLimitPolicy());
  }

  String newId() {
    return SessionIds.requireWellFormed(idGenerator.get());
  }
}
