package io.github.vertxsessions.store;

import io.vertx.core.Vertx;

import java.time.Clock;

class LocalSessionStoreContractTest extends SessionStoreContractTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) {
    return LocalSessionStore.create(vertx, namespace, new LocalStoreOptions().setClock(clock));
  }
}
