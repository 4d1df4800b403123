package io.github.vertxsessions.postgres;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestPostgres;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Two application instances, each with its own Vert.x, pool and store, on one database and table: both start at once
 * (both create the schema), and a session created through one is read and changed through the other. The first
 * instance runs on the injected Vert.x, the second on one of its own.
 */
@ExtendWith(VertxExtension.class)
class PgTwoInstancesTest {

  private final String table = TestPostgres.uniqueTable("two_apps");
  private final TestClock clock = new TestClock();
  private final List<Vertx> instances = new ArrayList<>();
  private final List<Pool> pools = new ArrayList<>();
  private final List<PgSessionStore> stores = new ArrayList<>();
  private final List<TestApp> apps = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (var store : stores) {
      store.close().await(10, SECONDS);
    }
    pools.get(0).query("DROP TABLE IF EXISTS " + table).execute().await(10, SECONDS);
    for (var pool : pools) {
      pool.close().await(10, SECONDS);
    }
    for (var vertx : instances) {
      vertx.close().await(10, SECONDS); // each with its app
    }
  }

  /** Polls the row: the other instance's save is asynchronous to its response. */
  private void awaitVersion(String id, long version) {
    eventually(Duration.ofSeconds(30), "the row at version " + version, () -> {
      try {
        RowSet<Row> rows = pools.get(0).preparedQuery("SELECT version FROM " + table + " WHERE id = $1")
          .execute(Tuple.of(id)).await(10, SECONDS);
        return rows.size() == 1 && rows.iterator().next().getLong(0) >= version;
      } catch (TimeoutException notYet) {
        return false;
      }
    });
  }

  @Test
  void aSessionMovesBetweenInstancesAndBothSeeEveryChange(Vertx injected) throws Exception {
    List<Future<PgSessionStore>> starting = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Vertx vertx = i == 0 ? injected : Vertx.vertx();
      Pool pool = TestPostgres.pool(vertx);
      instances.add(vertx);
      pools.add(pool);
      starting.add(PgSessionStore.createAndInit(vertx, pool, new PgStoreOptions().setTable(table).setClock(clock)));
    }
    for (Future<PgSessionStore> store : starting) {
      stores.add(store.await(10, SECONDS));
    }
    for (int i = 0; i < 2; i++) {
      apps.add(new TestApp(instances.get(i), clock, new SessionOptions(), stores.get(i), router -> { },
        new HttpServerOptions()));
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
    assertEquals(1L, stores.get(0).count().await(10, SECONDS));
    assertEquals(1L, stores.get(1).count().await(10, SECONDS));
  }
}
