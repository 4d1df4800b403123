package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testkit.SessionsByUserTest;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;

/** A user's sessions on the local store. */
class LocalSessionsByUserTest extends SessionsByUserTest {

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) {
    return LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }
}
