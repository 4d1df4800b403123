package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.TestPostgres;
import io.github.vertxsessions.testkit.ValueTypesTest;
import io.vertx.core.Vertx;

import java.time.Clock;
import static java.util.concurrent.TimeUnit.SECONDS;


/** Values put over HTTP read back from PostgreSQL's jsonb as the same classes as from the local store. */
class PgValueTypesTest extends ValueTypesTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock) throws Exception {
    return PgSessionStore.createAndInit(vertx, TestPostgres.pool(vertx),
      new PgStoreOptions().setTable(TestPostgres.uniqueTable("values")).setClock(clock)).await(10, SECONDS);
  }
}
