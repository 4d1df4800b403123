package com.example.sessions;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.SessionStoreContractTest;
import io.vertx.core.Vertx;

import java.time.Clock;

/** The store passes the same contract as the bundled ones, from the testkit alone. */
class MapSessionStoreContractTest extends SessionStoreContractTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) {
    return new MapSessionStore(vertx, clock);
  }
}
