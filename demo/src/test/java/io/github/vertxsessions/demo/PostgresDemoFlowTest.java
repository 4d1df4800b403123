package io.github.vertxsessions.demo;

import io.github.vertxsessions.testservers.EmbeddedPostgres;
import io.github.vertxsessions.testservers.TestPostgres;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import static java.util.concurrent.TimeUnit.SECONDS;


/**
 * The demo on PostgreSQL, given as a URI as on the command line: a private embedded server, or the one
 * {@code PG_URI} names, where the demo's table goes into the test run's own schema. Each test writes to a table of
 * its own and drops only that one.
 */
class PostgresDemoFlowTest extends DemoFlowTest {

  private static EmbeddedPostgres embedded;
  private final String table = TestPostgres.uniqueTable("demo");
  private Pool admin;

  @BeforeAll
  static void startPostgres() {
    if (!TestPostgres.isExternal()) {
      embedded = EmbeddedPostgres.start();
    }
  }

  @AfterAll
  static void stopPostgres() {
    if (embedded != null) {
      embedded.close();
    }
  }

  private static String uri() {
    return embedded != null ? embedded.uri()
      : System.getenv(TestPostgres.ENV).trim() + (System.getenv(TestPostgres.ENV).contains("?") ? "&" : "?")
        + "search_path=" + TestPostgres.schema();
  }

  @Override
  protected JsonObject storeConfig() {
    return new JsonObject()
      .put("store", "postgres")
      .put("pgUri", uri())
      .put("pgStoreOptions", new JsonObject().put("table", table));
  }

  /** Reads the database the demo writes to, through a pool made as the demo makes its own. */
  @BeforeEach
  void openAdmin() {
    admin = StoreConnection.pgPool(app.vertx, uri());
  }

  @Override
  protected void removeStoredSessions() throws Exception {
    admin.query("DROP TABLE IF EXISTS " + table).execute().await(10, SECONDS);
    admin.close().await(10, SECONDS);
  }

  @Override
  protected String storeName() {
    return "postgres";
  }

  @Override
  protected boolean isStored(String sessionId) throws Exception {
    return admin.preparedQuery("SELECT count(*) FROM " + table + " WHERE id = $1").execute(Tuple.of(sessionId)).await(10, SECONDS)
      .iterator().next().getLong(0) == 1;
  }

  @Override
  protected long storedSessions() throws Exception {
    return admin.query("SELECT count(*) FROM " + table).execute().await(10, SECONDS).iterator().next().getLong(0);
  }
}
