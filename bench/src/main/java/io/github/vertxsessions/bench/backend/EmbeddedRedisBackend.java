package io.github.vertxsessions.bench.backend;

import redis.embedded.RedisServer;

import java.io.IOException;

/**
 * The Redis that embedded-redis ships, on {@code 127.0.0.1:<port>}, for machines without a {@code redis-server}
 * binary (the suite prefers the binary: its PID is then Redis itself). Prints {@code READY}; stops Redis on SIGTERM.
 */
public final class EmbeddedRedisBackend {

  private EmbeddedRedisBackend() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    RedisServer server = RedisServer.newRedisServer()
      .port(Integer.parseInt(args[0]))
      .bind("127.0.0.1")
      .setting("save \"\"")
      .setting("appendonly no")
      .build();
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
      } catch (IOException e) {
        e.printStackTrace();
      }
    }, "redis-shutdown"));
    System.out.println("READY embedded redis on " + args[0]);
    // Redis is a child process: this JVM lives only to stop it when told to
    Thread.currentThread().join();
  }
}
