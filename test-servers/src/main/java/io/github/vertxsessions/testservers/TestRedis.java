package io.github.vertxsessions.testservers;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

import java.util.UUID;

/**
 * The Redis that ordinary tests share: the server named by the environment variable {@code REDIS_URL} when it is
 * set (for instance {@code redis://127.0.0.1:6390}), otherwise one embedded server started on a free port the first
 * time a test asks, and stopped when the JVM exits.
 *
 * <p>Tests on a shared server never flush it: each works under a key prefix of its own ({@link #uniquePrefix()})
 * and deletes only its own keys. Tests that must stop a server or count every command start a private
 * {@link EmbeddedRedis} instead.
 */
public final class TestRedis {

  public static final String ENV = "REDIS_URL";

  private static String connectionString;

  private TestRedis() {
  }

  public static synchronized String connectionString() {
    if (connectionString == null) {
      String external = System.getenv(ENV);
      if (external != null && !external.isBlank()) {
        connectionString = external.trim();
      } else {
        EmbeddedRedis embedded = EmbeddedRedis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-redis-stop"));
        connectionString = embedded.connectionString();
      }
    }
    return connectionString;
  }

  public static boolean isExternal() {
    String external = System.getenv(ENV);
    return external != null && !external.isBlank();
  }

  /** A client of the shared server with default options, as an application would create it. */
  public static Redis client(Vertx vertx) {
    return Redis.createClient(vertx, new RedisOptions().setConnectionString(connectionString()));
  }

  /** A key prefix no other test uses, such as {@code vs-test-1a2b3c4d:}. */
  public static String uniquePrefix() {
    return "vs-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }
}
