package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testkit.SessionEventsTest;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestPostgres;
import io.vertx.core.Vertx;
import static java.util.concurrent.TimeUnit.SECONDS;


/** The handler's session events on the PostgreSQL store. */
class PgSessionEventsTest extends SessionEventsTest {

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception {
    return PgSessionStore.createAndInit(vertx, TestPostgres.pool(vertx), new PgStoreOptions()
      .setTable(TestPostgres.uniqueTable("events")).setClock(clock)).await(10, SECONDS);
  }

  @Override
  protected String storeType() {
    return "postgres";
  }
}
