package io.github.vertxsessions.redis.testing;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real redis-server process (the binary shipped by embedded-redis) on a random free port of 127.0.0.1, kept in
 * memory only. It can be stopped and started again on the same port, to test what clients do meanwhile.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private final int port;
  private final RedisServer server;
  private boolean running;

  private EmbeddedRedis(int port, List<String> settings) {
    this.port = port;
    try {
      Path dir = Files.createTempDirectory("vertx-sessions-redis-");
      dir.toFile().deleteOnExit();
      List<String> all = new ArrayList<>(List.of("save \"\"", "appendonly no", "dir " + dir.toAbsolutePath()));
      all.addAll(settings);
      var builder = RedisServer.newRedisServer().bind("127.0.0.1").port(port);
      all.forEach(builder::setting);
      this.server = builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a plain server on a free port. */
  public static EmbeddedRedis start() {
    return start(FreePorts.any(), List.of());
  }

  /** Starts a server on {@code port} with extra redis.conf lines such as {@code "cluster-enabled yes"}. */
  public static EmbeddedRedis start(int port, List<String> settings) {
    EmbeddedRedis redis = new EmbeddedRedis(port, settings);
    redis.startAgain();
    return redis;
  }

  public int port() {
    return port;
  }

  public String connectionString() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the process (SIGTERM, nothing saved): its clients see their connections close. */
  public synchronized void stop() {
    if (running) {
      try {
        server.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      running = false;
    }
  }

  /** Starts the stopped process again on the same port, empty; returns once it accepts connections. */
  public synchronized void startAgain() {
    if (!running) {
      try {
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      running = true;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
