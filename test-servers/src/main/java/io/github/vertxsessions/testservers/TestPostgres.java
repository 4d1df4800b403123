package io.github.vertxsessions.testservers;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.Map;
import java.util.UUID;

import static io.github.vertxsessions.testservers.Blocking.await;

/**
 * The PostgreSQL that ordinary tests share: the server named by the environment variable {@code PG_URI} when it is
 * set (for instance {@code postgresql://user:secret@127.0.0.1:5432/test}), otherwise one {@link EmbeddedPostgres}
 * started on a free port the first time a test asks, and stopped when the JVM exits.
 *
 * <p>Every client made here works in a schema of this JVM's own ({@code vs_test_<random>}, first on its
 * {@code search_path}), created at first use and dropped, with everything in it, when the JVM exits: tests on a shared
 * server never touch another schema. Tests keep apart from each other by table names of their own
 * ({@link #uniqueTable}). Tests that must stop a server start a private {@link EmbeddedPostgres} instead.
 */
public final class TestPostgres {

  public static final String ENV = "PG_URI";

  private static PgConnectOptions server;
  private static String schema;

  private TestPostgres() {
  }

  public static boolean isExternal() {
    String external = System.getenv(ENV);
    return external != null && !external.isBlank();
  }

  /** The connection options of the shared server, working in this JVM's schema. */
  public static synchronized PgConnectOptions connectOptions() {
    if (server == null) {
      PgConnectOptions options;
      if (isExternal()) {
        options = PgConnectOptions.fromUri(System.getenv(ENV).trim());
      } else {
        EmbeddedPostgres embedded = EmbeddedPostgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
        options = embedded.connectOptions();
      }
      String name = "vs_test_" + UUID.randomUUID().toString().substring(0, 8);
      createSchema(options, name);
      server = options;
      schema = name;
    }
    return new PgConnectOptions(server).setProperties(Map.of("search_path", schema));
  }

  /** The schema this JVM's tests work in. */
  public static synchronized String schema() {
    connectOptions();
    return schema;
  }

  /**
   * A pool of the shared server as an application following the PostgreSQL store's manual creates it: default options
   * but for prepared statements, cached. The caller closes it.
   */
  public static Pool pool(Vertx vertx) {
    return PgBuilder.pool().with(new PoolOptions())
      .connectingTo(connectOptions().setCachePreparedStatements(true)).using(vertx).build();
  }

  /** A table name no other test uses, such as {@code sessions_1a2b3c4d}. */
  public static String uniqueTable(String prefix) {
    return prefix.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase() + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void createSchema(PgConnectOptions options, String name) {
    Vertx vertx = Vertx.vertx();
    try {
      Pool admin = PgBuilder.pool().connectingTo(options).using(vertx).build();
      await(admin.query("CREATE SCHEMA " + name).execute());
      await(admin.close());
    } finally {
      await(vertx.close());
    }
    if (isExternal()) {
      // an embedded server's data directory goes with the server
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(options, name), "test-schema-drop"));
    }
  }

  private static void dropSchema(PgConnectOptions options, String name) {
    Vertx vertx = Vertx.vertx();
    try {
      Pool admin = PgBuilder.pool().connectingTo(options).using(vertx).build();
      await(admin.query("DROP SCHEMA IF EXISTS " + name + " CASCADE").execute());
      await(admin.close());
    } catch (RuntimeException | AssertionError unreachable) {
      System.err.println("Could not drop test schema " + name + " of " + ENV + ": " + unreachable);
    } finally {
      vertx.close();
    }
  }
}
