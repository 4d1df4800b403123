package io.github.vertxsessions;

import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.Session;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ctx.session()}, vertx-web's view of our session: its fluent calls and what it reports. */
@ExtendWith(VertxExtension.class)
class WebSessionViewTest {

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  private TestApp app;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = new TestApp(vertx, new SessionOptions(), null, (Consumer<Router>) this::routes);
  }

  private void routes(Router router) {
    router.get("/chain").handler(ctx -> {
      Session web = ctx.session().put("a", 1).putIfAbsent("b", 2).computeIfAbsent("c", k -> 3).regenerateId();
      ctx.json(new JsonObject().put("data", new JsonObject(web.data())));
    });
    router.get("/describe").handler(ctx -> {
      Session web = ctx.session();
      JsonObject before = describe(web);
      web.regenerateId();
      ctx.json(new JsonObject().put("before", before).put("after", describe(web)));
    });
  }

  private static JsonObject describe(Session web) {
    return new JsonObject()
      .put("id", web.id())
      .put("data", new JsonObject(web.data()))
      .put("empty", web.isEmpty())
      .put("lastAccessed", web.lastAccessed())
      .put("destroyed", web.isDestroyed())
      .put("regenerated", web.isRegenerated())
      .put("oldId", web.oldId());
  }

  @Test
  void everyChangeOfTheViewChains() {
    TestResponse response = app.get("/chain", null);

    assertEquals(200, response.status(), response.body());
    assertEquals(new JsonObject().put("a", 1).put("b", 2).put("c", 3), response.json().getJsonObject("data"));
    assertEquals(3, app.get("/read", response.sid()).data().size());
  }

  @Test
  void aNewSessionIsEmptyAndNotRegenerated() {
    JsonObject before = app.get("/describe", null).json().getJsonObject("before");

    assertTrue(before.getBoolean("empty"));
    assertEquals(new JsonObject(), before.getJsonObject("data"));
    assertFalse(before.getBoolean("destroyed"));
    assertFalse(before.getBoolean("regenerated"));
    assertEquals(app.clock.millis(), before.getLong("lastAccessed"));
  }

  @Test
  void aStoredSessionReportsItsDataAndItsOldIdOnceRegenerated() {
    String cookie = app.get("/put/user/alice", null).sid();
    app.clock.advance(Duration.ofMinutes(5));

    JsonObject seen = app.get("/describe", cookie).json();
    JsonObject before = seen.getJsonObject("before");
    JsonObject after = seen.getJsonObject("after");

    assertFalse(before.getBoolean("empty"));
    assertEquals(new JsonObject().put("user", "alice"), before.getJsonObject("data"));
    assertEquals(app.clock.millis(), before.getLong("lastAccessed"), "touched by this request's load");
    assertFalse(before.getBoolean("regenerated"));
    assertEquals(null, before.getString("oldId"));
    assertTrue(after.getBoolean("regenerated"));
    assertEquals(before.getString("id"), after.getString("oldId"));
    assertNotEquals(before.getString("id"), after.getString("id"));
    assertFalse(after.getBoolean("destroyed"));
  }
}
