package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.VertxWebInteropTest;
import io.vertx.core.Vertx;

import java.time.Clock;

class LocalVertxWebInteropTest extends VertxWebInteropTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock) {
    return LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }
}
