package io.github.vertxsessions.redis;

import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One embedded Redis for all the tests of a class, with an admin connection to it for each test, emptied after each
 * test (after the subclass's own clean-up).
 */
@ExtendWith(VertxExtension.class)
abstract class OneRedisPerClass {

  static EmbeddedRedis server;
  RedisAdmin admin;

  @BeforeAll
  static void startServer() {
    server = EmbeddedRedis.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void openAdmin(Vertx vertx) {
    admin = new RedisAdmin(vertx, server.connectionString());
  }

  @AfterEach
  void emptyRedis() {
    admin.call("FLUSHALL");
    admin.close();
  }
}
