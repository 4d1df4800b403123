package com.example.sessions;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.FlashValuesTest;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;

/** Flash values work over HTTP on this store with no code of its own: they are ordinary attributes to it. */
class MapFlashValuesTest extends FlashValuesTest {

  @Override
  protected SessionStore newStore(Vertx vertx, TestClock clock) {
    return new MapSessionStore(vertx, clock);
  }
}
