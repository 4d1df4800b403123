package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testkit.SessionsByUserTest;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestPostgres;
import io.vertx.core.Vertx;
import static java.util.concurrent.TimeUnit.SECONDS;


/** A user's sessions over HTTP on the PostgreSQL store, a table of each test's own. */
class PgSessionsByUserTest extends SessionsByUserTest {

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception {
    return PgSessionStore.createAndInit(vertx, TestPostgres.pool(vertx), new PgStoreOptions()
      .setTable(TestPostgres.uniqueTable("by_user"))
      .setClock(clock)).await(10, SECONDS);
  }
}
