package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.FlashValuesTest;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;

/** Flash values over HTTP on the local store. */
class LocalFlashValuesTest extends FlashValuesTest {

  @Override
  protected SessionStore newStore(Vertx vertx, TestClock clock) {
    return LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }
}
