package examples;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.micrometer.SessionMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The observability page: a log-out reaches the events' consumer and the meters, and the health check answers UP. */
@ExtendWith(VertxExtension.class)
class ObservabilityTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");

  @Test
  void aLogOutIsAnEventAndAMeterAndTheStoreIsHealthy(Vertx vertx, VertxTestContext test) throws Exception {
    // strict: told of alice's log-out once; a second call fails the test
    Checkpoint signedOut = test.checkpoint();
    SessionOptions options = Observability.events(vertx, SECRETS, user -> test.verify(() -> {
      assertEquals("alice", user);
      signedOut.flag();
    }));
    LocalSessionStore store = LocalSessionStore.create(vertx);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SessionMetrics metrics = Observability.metrics(vertx, registry, store);
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, options));
    router.post("/login").handler(ctx -> {
      Session session = SessionHandler.session(ctx).setPrincipal("alice");
      session.regenerate().onSuccess(v -> ctx.end()).onFailure(ctx::fail);
    });
    router.post("/logout").handler(ctx -> SessionHandler.session(ctx).destroy()
      .onSuccess(v -> ctx.end()).onFailure(ctx::fail));
    Observability.health(vertx, router, store);
    Browser browser = new Browser(vertx, Browser.serve(vertx, router));

    browser.post("/login");
    assertEquals(1.0, registry.get(SessionMetrics.LOCAL_HELD).gauge().value());
    browser.post("/logout");

    assertTrue(test.awaitCompletion(10, SECONDS), "alice's log-out at the consumer");
    eventually(Duration.ofSeconds(10), "the destroyed meter", () ->
      registry.find(SessionMetrics.EVENTS).tags("type", "destroyed", "store", "local").counter() != null
        && registry.get(SessionMetrics.EVENTS).tags("type", "destroyed").counter().count() == 1.0);
    Browser.Answer health = browser.get("/health");
    assertEquals(200, health.status(), health.body());
    JsonObject check = health.json().getJsonArray("checks").getJsonObject(0);
    assertEquals("UP", check.getString("status"));
    assertEquals("local", check.getJsonObject("data").getString("store"));

    metrics.close();
    assertEquals(null, registry.find(SessionMetrics.EVENTS).counter(), "closing removes the meters");
  }
}
