package io.github.vertxsessions.local;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.SessionStoreContractTest;
import io.vertx.core.Vertx;

import java.time.Clock;

class LocalSessionStoreContractTest extends SessionStoreContractTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) {
    return LocalSessionStore.create(vertx, namespace, new LocalStoreOptions().setClock(clock));
  }
}
