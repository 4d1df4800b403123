package io.github.vertxsessions;

import io.github.vertxsessions.store.LocalSessionStore;
import io.github.vertxsessions.store.LocalStoreOptions;
import io.github.vertxsessions.store.SessionStore;
import io.vertx.core.Vertx;

import java.time.Clock;

class LocalVertxWebInteropTest extends VertxWebInteropTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock) {
    return LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }
}
