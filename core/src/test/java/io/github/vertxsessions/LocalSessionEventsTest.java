package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testkit.SessionEventsTest;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;

/** The handler's session events on the local store. */
class LocalSessionEventsTest extends SessionEventsTest {

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) {
    return LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }

  @Override
  protected String storeType() {
    return "local";
  }
}
