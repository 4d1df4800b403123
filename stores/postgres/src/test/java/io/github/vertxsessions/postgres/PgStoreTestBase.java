package io.github.vertxsessions.postgres;

import io.github.vertxsessions.postgres.impl.PgSessionStoreImpl;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Per test a Vert.x (injected, closed by the extension after the test, with any app on it), a clock, a pool of the
 * shared PostgreSQL and a table of the test's own, dropped afterwards.
 */
@ExtendWith(VertxExtension.class)
abstract class PgStoreTestBase {

  protected static final long IDLE = Duration.ofMinutes(30).toMillis();

  protected Vertx vertx;
  protected TestClock clock;
  protected Pool pool;
  protected String table;
  private final List<SessionStore> stores = new ArrayList<>();

  @BeforeEach
  void setUpPool(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    pool = TestPostgres.pool(vertx);
    table = TestPostgres.uniqueTable("test");
  }

  @AfterEach
  void tearDownPool() throws Exception {
    for (var store : stores) {
      store.close().await(10, SECONDS);
    }
    pool.query("DROP TABLE IF EXISTS " + table).execute().await(10, SECONDS);
    pool.close().await(10, SECONDS);
  }

  /** Options for this test's table and clock. */
  protected PgStoreOptions options() {
    return new PgStoreOptions().setTable(table).setClock(clock);
  }

  protected PgSessionStoreImpl open(PgStoreOptions options) throws Exception {
    return open(pool, options);
  }

  protected PgSessionStoreImpl open(Pool pool, PgStoreOptions options) throws Exception {
    PgSessionStore store = PgSessionStore.createAndInit(vertx, pool, options).await(10, SECONDS);
    stores.add(store);
    return (PgSessionStoreImpl) store;
  }

  protected static String newId() {
    return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  protected SessionRecord newSession(Map<String, Object> data) {
    long now = clock.millis();
    return SessionRecord.builder(newId()).data(data).createdAt(now).idleTimeout(IDLE).build();
  }

  protected SessionRecord create(SessionStore store, Map<String, Object> data) throws Exception {
    SessionRecord record = newSession(data);
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    return record;
  }

  protected static SessionDelta update(SessionRecord base, Map<String, Object> set, Set<String> unset) {
    return SessionDelta.builder(base.id()).set(set).unset(unset).createdAt(base.createdAt())
      .idleTimeout(base.idleTimeout()).maxLifetime(base.maxLifetime()).cookieMaxAge(base.cookieMaxAge()).build();
  }

  /** The session's row as stored, read with the test's pool; null when there is none. */
  protected Row raw(String id) throws Exception {
    RowSet<Row> rows = pool.preparedQuery("SELECT * FROM " + table + " WHERE id = $1").execute(Tuple.of(id)).await(10, SECONDS);
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  protected long rawCount() throws Exception {
    return pool.query("SELECT count(*) FROM " + table).execute().await(10, SECONDS).iterator().next().getLong(0);
  }

  protected void sql(String statement, Object... parameters) throws Exception {
    pool.preparedQuery(statement).execute(Tuple.from(parameters)).await(10, SECONDS);
  }
}
