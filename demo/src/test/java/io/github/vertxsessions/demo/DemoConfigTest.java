package io.github.vertxsessions.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verticle's JSON config, for those who deploy it from their own code. */
class DemoConfigTest {

  private static final String SECRET = "a-secret-of-at-least-32-characters-long!!";

  @Test
  void defaults() {
    DemoConfig config = DemoConfig.fromJson(new JsonObject());

    assertEquals("local", config.store());
    assertEquals("127.0.0.1", config.host());
    assertEquals(8080, config.port());
    assertEquals("redis://localhost:6379", config.redisUrl());
    assertEquals("mongodb://localhost:27017/vertx_sessions_demo", config.mongoUri());
    assertEquals("postgresql://localhost:5432/vertx_sessions_demo", config.pgUri());
    assertEquals(Duration.ofMinutes(30), config.idleTimeout());
    assertEquals(Map.of("alice", "wonderland", "bob", "builder"), config.users());
  }

  @Test
  void valuesTakeTheCommandLineFormsAndJsonNumbers() {
    DemoConfig config = DemoConfig.fromJson(new JsonObject()
      .put("port", "8081")
      .put("idleTimeout", 90_000)
      .put("users", new JsonObject().put("carol", "s3cret"))
      .put("redisStoreOptions", new JsonObject().put("keyPrefix", "demo:")));

    assertEquals(8081, config.port());
    assertEquals(Duration.ofSeconds(90), config.idleTimeout(), "a number is milliseconds, as in the core options");
    assertEquals(Map.of("carol", "s3cret"), config.users());
    assertEquals("demo:", config.redisStoreOptions().getString("keyPrefix"));
    assertEquals("PT15M", DemoConfig.fromJson(new JsonObject().put("idleTimeout", "15m")).idleTimeout().toString());
  }

  @Test
  void badValuesNameTheirKey() {
    assertMessage("config key 'store' must be one of local, redis, mongo, postgres, not 'memcached'",
      new JsonObject().put("store", "memcached"));
    assertMessage("config key 'port' must be a whole number from 0 to 65535, not '65536'",
      new JsonObject().put("port", 65536));
    assertMessage("config key 'secrets' must be at least 32 characters long, not 5",
      new JsonObject().put("secrets", new JsonArray().add(SECRET).add("short")));
    assertMessage("config key 'secrets' must be an array of strings", new JsonObject().put("secrets", SECRET));
    assertMessage("config key 'users' must map non-empty user names to non-empty password strings",
      new JsonObject().put("users", new JsonObject().put("alice", "")));
    assertMessage("config key 'mongoStoreOptions' must be an object", new JsonObject().put("mongoStoreOptions", 1));
    assertMessage("config key 'pgStoreOptions' must be an object", new JsonObject().put("pgStoreOptions", 1));
    assertMessage("config key 'pgUri' must be a PostgreSQL URI such as postgresql://localhost:5432/vertx_sessions_demo",
      new JsonObject().put("pgUri", "mysql://db"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoConfig.fromJson(new JsonObject().put("prot", 1)))
      .getMessage().startsWith("unknown config key 'prot'; known keys: "));
  }

  @Test
  void printingTheConfigLeaksNoSecretOrPassword() {
    String printed = DemoConfig.fromJson(new JsonObject().put("secrets", new JsonArray().add(SECRET))).toString();

    assertFalse(printed.contains(SECRET), printed);
    assertFalse(printed.contains("wonderland"), printed);
    assertTrue(printed.contains("alice"), printed);
  }

  private static void assertMessage(String expected, JsonObject json) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> DemoConfig.fromJson(json)).getMessage());
  }
}
