package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.WriteLifecycleTest;
import io.vertx.core.Vertx;

/** The session's write lifecycle over HTTP on the local store. */
class LocalWriteLifecycleTest extends WriteLifecycleTest {

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) {
    return LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }
}
