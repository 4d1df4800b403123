package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testservers.TestPostgres;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's statements are parsed and planned once per connection, not per request: after many loads and saves
 * through a pool of two connections, built as the manual builds it (prepared statements cached), each connection holds
 * each statement the store sent as one named prepared statement ({@code pg_prepared_statements}), whose execution
 * counts add up to every request. A statement sent unnamed, as the client does with its defaults, is parsed again on
 * every request and leaves no row there; the store names such a pool in a warning at start.
 */
class PgPreparedOnceTest extends PgStoreTestBase {

  private static final int SESSIONS = 10;
  private static final int ROUNDS = 200;

  @Test
  void loadsAndSavesReuseOneStatementPerConnection() throws Exception {
    Pool two = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
      .connectingTo(TestPostgres.connectOptions().setCachePreparedStatements(true)).using(vertx).build();
    try {
      PgSessionStore store;
      try (LogCapture logs = LogCapture.of(PgSessionStore.class)) {
        store = open(two, options());
        assertEquals(List.of(), logs.warnings(), "a pool that caches is taken as it is");
      }
      List<SessionRecord> sessions = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        sessions.add(create(store, Map.of("n", 0)));
      }
      // all at once, so that the pool opens both its connections
      List<Future<?>> requests = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        SessionRecord session = sessions.get(i % SESSIONS);
        requests.add(store.load(session.id(), IDLE / 100));
        requests.add(store.save(update(session, Map.of("n", i), Set.of())));
      }
      Future.join(requests).await(30, SECONDS);

      Map<String, Long> executions = new HashMap<>();
      List<Map<String, Long>> perConnection = perConnection(two);
      assertEquals(2, perConnection.size(), "the statements each connection holds");
      for (Map<String, Long> held : perConnection) {
        held.forEach((statement, count) -> executions.merge(statement, count, Long::sum));
      }
      assertEquals(SESSIONS, executionsOf(executions, "INSERT INTO "), "creations by named statements: " + executions);
      assertEquals(ROUNDS, executionsOf(executions, "SELECT id, attributes"), "loads by named statements: " + executions);
      assertEquals(ROUNDS, executionsOf(executions, "(attributes - "), "saves by named statements: " + executions);
    } finally {
      two.close().await(10, SECONDS);
    }
  }

  @Test
  void aPoolThatDoesNotCacheStatementsIsNamedAtStart() throws Exception {
    Pool plain = PgBuilder.pool().connectingTo(TestPostgres.connectOptions()).using(vertx).build();
    try (LogCapture logs = LogCapture.of(PgSessionStore.class)) {
      PgSessionStore store = open(plain, options());

      assertEquals(1, logs.warnings().size(), logs.warnings().toString());
      assertTrue(logs.warnings().get(0).contains("does not cache prepared statements"), logs.warnings().get(0));
      assertNull(store.load(newId(), 0).await(10, SECONDS), "the store works all the same");
    } finally {
      plain.close().await(10, SECONDS);
    }
  }

  /** For each of the pool's connections, held at once, the store's prepared statements there and their executions. */
  private List<Map<String, Long>> perConnection(Pool two) throws Exception {
    SqlConnection first = two.getConnection().await(10, SECONDS);
    SqlConnection second = two.getConnection().await(10, SECONDS);
    try {
      return List.of(held(first), held(second));
    } finally {
      first.close().await(10, SECONDS);
      second.close().await(10, SECONDS);
    }
  }

  /**
   * One connection's prepared statements on this test's table; a statement text twice on one connection would mean it
   * was prepared again there, which the assertion on the map's building refuses.
   */
  private Map<String, Long> held(SqlConnection connection) throws Exception {
    Map<String, Long> held = new HashMap<>();
    for (Row row : connection.preparedQuery("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements"
      + " WHERE strpos(statement, $1) > 0").execute(Tuple.of('"' + table + '"')).await(10, SECONDS)) {
      Long before = held.put(row.getString(0), row.getLong(1));
      assertNull(before, () -> "statement prepared twice on one connection: " + row.getString(0));
    }
    return held;
  }

  private static long executionsOf(Map<String, Long> executions, String marker) {
    return executions.entrySet().stream().filter(e -> e.getKey().contains(marker)).mapToLong(Map.Entry::getValue)
      .sum();
  }

}
