package io.github.vertxsessions.demo;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo on a Redis server of its own, which the tests stop, start again, and count the connections of. */
@ExtendWith(VertxExtension.class)
class RedisDemoOutageTest {

  private EmbeddedRedis redis;
  private DemoApp app;

  @BeforeEach
  void start(Vertx vertx) {
    redis = EmbeddedRedis.start();
    app = new DemoApp(vertx, new JsonObject().put("store", "redis").put("redisUrl", redis.connectionString()));
  }

  @AfterEach
  void stop() {
    app.close();
    redis.close();
  }

  @Test
  void healthAndSessionsAnswer503WhileRedisIsDown() {
    String cookie = app.login(null, "alice", "wonderland").sid();

    TestResponse health;
    TestResponse me;
    try (LogCapture api = LogCapture.of(DemoApi.class); LogCapture handler = LogCapture.of(SessionHandler.class)) {
      redis.stop();
      health = app.get("/api/health", null);
      me = app.get("/api/me", cookie);
      redis.startAgain();
      api.awaitLine(Level.WARN, "did not answer", Duration.ofSeconds(10));
      handler.awaitLine(Level.WARN, "Session store unavailable", Duration.ofSeconds(10));
    }

    assertEquals(503, health.status());
    assertEquals("DOWN", health.json().getString("status"));
    JsonObject data = health.json().getJsonArray("checks").getJsonObject(0).getJsonObject("data");
    assertEquals("redis", data.getString("store"));
    assertTrue(data.getString("cause") != null && !data.getString("cause").contains(DemoApp.sessionId(cookie)),
      health.body());
    // the probe's own DOWN (its data, not the health checks' bare timeout) is what shows it was bounded; how fast a
    // refused connection fails is the machine's business
    assertTrue(data.getLong("latencyMillis") >= 0, health.body());
    assertEquals(503, me.status());
    assertTrue(me.json().getString("error").contains("unavailable"), me.body());
    TestResponse back = firstHealthy();
    assertEquals(200, back.status(), "back once Redis is, without a restart: " + back.body());
    assertEquals("UP", back.json().getString("status"));
    JsonObject after = app.get("/api/me", cookie).json();
    assertTrue(after.containsKey("user") && after.getValue("user") == null,
      "the restarted server kept nothing in memory: " + after);
    assertTrue(app.get("/metrics", null).body()
      .contains("vertx_sessions_unavailable_total{cause=\"error\",store=\"redis\"} 1.0"), "the 503 is counted");
  }

  @Test
  void startFailsWithAClearMessageWhenRedisIsNotRunning(Vertx vertx) {
    redis.stop();

    // a second deployment beside the first one's, on the test's Vert.x, which the failure closes
    RuntimeException failure = assertThrows(RuntimeException.class, () -> new DemoApp(vertx, new JsonObject()
      .put("store", "redis").put("redisUrl", redis.connectionString())));

    assertTrue(failure.getMessage().startsWith("Redis did not answer"), failure.getMessage());
  }

  @Test
  void undeployingClosesTheRedisClient() {
    try (RedisAdmin admin = new RedisAdmin(app.vertx, redis.connectionString())) {
      app.login(null, "alice", "wonderland");
      assertTrue(connections(admin) >= 2, "the demo's and this test's");

      app.undeploy();

      assertEquals(1, connections(admin), "this test's only");
    }
  }

  /**
   * The first health check that is UP, or the last one: the store reconnects with the first command after the restart,
   * within the probe's timeout on an idle machine, but the test does not ask the machine to be idle. Each check ends
   * within the health checks' own bound, so a few tries are enough; the limit keeps a broken store from spinning.
   */
  private TestResponse firstHealthy() {
    return eventually(Duration.ofSeconds(60), "a healthy answer", () -> app.get("/api/health", null),
      health -> health.status() == 200);
  }

  private static long connections(RedisAdmin admin) {
    return admin.call("CLIENT", "LIST").toString().lines().filter(line -> !line.isBlank()).count();
  }
}
