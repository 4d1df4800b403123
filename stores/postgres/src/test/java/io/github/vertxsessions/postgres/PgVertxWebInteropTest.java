package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.TestPostgres;
import io.github.vertxsessions.testkit.VertxWebInteropTest;
import io.vertx.core.Vertx;

import java.time.Clock;
import static java.util.concurrent.TimeUnit.SECONDS;


/** vertx-web's CSRF and form log-in handlers behind our handler, with sessions in a real PostgreSQL. */
class PgVertxWebInteropTest extends VertxWebInteropTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock) throws Exception {
    return PgSessionStore.createAndInit(vertx, TestPostgres.pool(vertx),
      new PgStoreOptions().setTable(TestPostgres.uniqueTable("interop")).setClock(clock)).await(10, SECONDS);
  }
}
