package io.github.vertxsessions.postgres;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestPostgres;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two application instances, each with its own Vert.x, pool and store, on one database and table: both start at once
 * (both create the schema), and a session created through one is read and changed through the other.
 */
class PgTwoInstancesTest {

  private final String table = TestPostgres.uniqueTable("two_apps");
  private final TestClock clock = new TestClock();
  private final List<Vertx> instances = new ArrayList<>();
  private final List<Pool> pools = new ArrayList<>();
  private final List<PgSessionStore> stores = new ArrayList<>();
  private final List<TestApp> apps = new ArrayList<>();

  @AfterEach
  void tearDown() {
    apps.forEach(TestApp::close);
    stores.forEach(store -> await(store.close()));
    await(pools.get(0).query("DROP TABLE IF EXISTS " + table).execute());
    pools.forEach(pool -> await(pool.close()));
    instances.forEach(vertx -> await(vertx.close()));
  }

  /** Polls the row, at most 5 s: the other instance's save is asynchronous to its response. */
  private void awaitVersion(String id, long version) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      RowSet<Row> rows = await(pools.get(0).preparedQuery("SELECT version FROM " + table + " WHERE id = $1")
        .execute(Tuple.of(id)));
      if (rows.size() == 1 && rows.iterator().next().getLong(0) >= version) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("the row did not reach version " + version + " within 5 s");
      }
      await(instances.get(0).timer(10));
    }
  }

  @Test
  void aSessionMovesBetweenInstancesAndBothSeeEveryChange() {
    List<Future<PgSessionStore>> starting = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Vertx vertx = Vertx.vertx();
      Pool pool = TestPostgres.pool(vertx);
      instances.add(vertx);
      pools.add(pool);
      starting.add(PgSessionStore.createAndInit(vertx, pool, new PgStoreOptions().setTable(table).setClock(clock)));
    }
    for (Future<PgSessionStore> store : starting) {
      stores.add(await(store));
    }
    for (PgSessionStore store : stores) {
      apps.add(new TestApp(Vertx.vertx(), clock, new SessionOptions(), store, router -> { }, new HttpServerOptions()));
    }
    TestApp first = apps.get(0);
    TestApp second = apps.get(1);

    TestResponse created = first.get("/incr/n", null);
    String cookie = created.sid();
    String id = created.sessionId();
    // an instance answers while its save is under way (it makes its own next request of the session wait, not
    // another instance's): each step waits until the row has the version the previous request wrote
    awaitVersion(id, 1);
    assertEquals(2, second.get("/incr/n", cookie).data().getInteger("n"));
    awaitVersion(id, 2);
    assertEquals(3, first.get("/incr/n", cookie).data().getInteger("n"));
    awaitVersion(id, 3);
    assertEquals(3, second.get("/read", cookie).data().getInteger("n"));
    assertEquals(1L, await(stores.get(0).count()));
    assertEquals(1L, await(stores.get(1).count()));
  }
}
