package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.IndexedSessionStoreContractTest;
import io.github.vertxsessions.testservers.TestPostgres;
import io.vertx.core.Vertx;

import java.time.Clock;
import static java.util.concurrent.TimeUnit.SECONDS;


/** The store contract with the index by principal, one table per namespace, on the shared PostgreSQL. */
class PgSessionStoreContractTest extends IndexedSessionStoreContractTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) throws Exception {
    return PgSessionStore.createAndInit(vertx, TestPostgres.pool(vertx), new PgStoreOptions()
      .setTable(TestPostgres.uniqueTable(namespace))
      .setClock(clock)).await(10, SECONDS);
  }
}
