package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.store.SessionStore;

import java.time.Clock;
import java.util.function.Supplier;

/** What every session of one handler shares: its store, clock, ID source and saving rules. */
record SessionSettings(SessionStore store, Clock clock, Supplier<String> idGenerator, WritesInFlight writes,
                       long idleTimeout, long maxLifetime, long touchInterval, boolean saveUninitialized,
                       boolean resave) {

  static SessionSettings of(SessionStore store, SessionOptions options) {
    return new SessionSettings(store, options.getClock(), options.getIdGenerator(), WritesInFlight.JVM_WIDE,
      options.getIdleTimeout().toMillis(),
      options.getMaxLifetime() == null ? 0 : options.getMaxLifetime().toMillis(),
      options.effectiveTouchInterval().toMillis(), options.isSaveUninitialized(), options.isResave());
  }

  String newId() {
    return SessionIds.requireWellFormed(idGenerator.get());
  }
}
