package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testkit.WriteLifecycleTest;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestPostgres;
import io.vertx.core.Vertx;
import static java.util.concurrent.TimeUnit.SECONDS;


/** The session's write lifecycle over HTTP on the PostgreSQL store. */
class PgWriteLifecycleTest extends WriteLifecycleTest {

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception {
    return PgSessionStore.createAndInit(vertx, TestPostgres.pool(vertx), new PgStoreOptions()
      .setTable(TestPostgres.uniqueTable("lifecycle")).setClock(clock)).await(10, SECONDS);
  }
}
