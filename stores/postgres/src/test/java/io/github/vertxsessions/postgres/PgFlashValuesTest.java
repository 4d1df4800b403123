package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.FlashValuesTest;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestPostgres;
import io.vertx.core.Vertx;

import static java.util.concurrent.TimeUnit.SECONDS;

/** Flash values over HTTP on PostgreSQL. */
class PgFlashValuesTest extends FlashValuesTest {

  @Override
  protected SessionStore newStore(Vertx vertx, TestClock clock) throws Exception {
    return PgSessionStore.createAndInit(vertx, TestPostgres.pool(vertx),
      new PgStoreOptions().setTable(TestPostgres.uniqueTable("flash")).setClock(clock)).await(10, SECONDS);
  }
}
