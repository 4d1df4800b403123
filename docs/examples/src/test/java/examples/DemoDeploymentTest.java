package examples;

import io.github.vertxsessions.demo.DemoVerticle;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The demo's page: the verticle deployed from code serves its API on Redis, under the prefix it was given. */
@ExtendWith(VertxExtension.class)
class DemoDeploymentTest {

  @Test
  void theDeployedDemoLogsInAndCountsOnRedis(Vertx vertx) throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start()) {
      DemoVerticle demo = DemoDeployment.deploy(vertx, redis.connectionString(), "a-secret-of-32-characters-or-more")
        .await(10, java.util.concurrent.TimeUnit.SECONDS);
      Browser browser = new Browser(vertx, demo.actualPort()).withHeader("Content-Type", "application/json");

      assertEquals(1, browser.post("/api/visits").json().getInteger("views"));
      Browser.Answer login = browser.send(HttpMethod.POST, "/api/login",
        new JsonObject().put("username", "carol").put("password", "a-long-passphrase").encode());
      assertEquals("carol", login.json().getString("user"), login.body());
      assertEquals(2, browser.post("/api/visits").json().getInteger("views"));
      assertEquals("carol", browser.get("/api/me").json().getString("user"));
      assertFalse(new RedisAdmin(vertx, redis.connectionString()).keys("demo:").isEmpty(), "sessions under demo:");
    }
  }
}
