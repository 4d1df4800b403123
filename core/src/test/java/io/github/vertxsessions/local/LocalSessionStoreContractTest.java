package io.github.vertxsessions.local;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.IndexedSessionStoreContractTest;
import io.vertx.core.Vertx;

import java.time.Clock;

class LocalSessionStoreContractTest extends IndexedSessionStoreContractTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) {
    return LocalSessionStore.create(vertx, namespace, new LocalStoreOptions().setClock(clock));
  }
}
