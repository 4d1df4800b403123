package io.github.vertxsessions;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler at its edges: odd but valid cookie headers, the longest IDs, store failures, vertx-web's own handler. */
@ExtendWith(VertxExtension.class)
class HandlerEdgesTest {

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  void storeFailureHandlerChains() {
    app = new TestApp(vertx, new SessionOptions());

    assertSame(app.handler, app.handler.storeFailureHandler(RoutingContext::next));
  }

  @Test
  void aDegradedSessionIsCtxSessionToo() {
    app = new TestApp(vertx, new SessionOptions(), null, router -> router.get("/web").handler(ctx ->
      ctx.end(String.valueOf(ctx.session() != null && ctx.session().id().equals(SessionHandler.session(ctx).id())))));
    String cookie = app.get("/put/user/alice", null).sid();
    app.handler.storeFailureHandler(RoutingContext::next);
    app.store.failWith(new VertxException("down", true), "load");

    try (LogCapture log = LogCapture.of(SessionHandler.class)) {
      assertEquals("true", app.get("/web", cookie).body());

      String warning = log.awaitLines(Level.WARN, 1, Duration.ofSeconds(10)).get(0);
      assertTrue(warning.contains("loading sessions failed") && warning.contains("down"), warning);
    }
  }

  @Test
  void aCookieHeaderStartingWithASeparatorIsStillRead() {
    app = new TestApp(vertx, new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();

    assertEquals("alice", app.get("/read", "; " + cookie).data().getString("user"));
    assertEquals("alice", app.get("/read", "a=1;;" + cookie).data().getString("user"));
  }

  @Test
  void theLongestIdsRoundTrip() {
    app = new TestApp(vertx, new SessionOptions().setIdGenerator(() ->
      (SessionIds.random() + SessionIds.random() + SessionIds.random()).substring(0, 128)));
    TestResponse created = app.get("/put/user/alice", null);

    assertEquals(128, created.sessionId().length());
    assertEquals("alice", app.get("/read", created.sid()).data().getString("user"));
  }

  @Test
  void theSameSiteNoneFallbackIsLoggedOnceHoweverManyRequestsNeedIt() {
    try (LogCapture log = LogCapture.of("io.github.vertxsessions")) {
      app = new TestApp(vertx, new SessionOptions().setCookieSameSite(CookieSameSite.NONE));
      for (int i = 0; i < 3; i++) {
        String cookie = app.get("/put/user/u" + i, null).setCookie("sid");
        assertTrue(cookie.endsWith("; SameSite=Lax"), cookie);
      }

      List<String> warnings = log.warnings();
      assertEquals(1, warnings.size(), warnings.toString());
    }
  }

  @Test
  void vertxWebsOwnSessionHandlerAfterOursStandsAside() {
    app = new TestApp(vertx, new TestClock(), new SessionOptions(), null, router -> {
      router.route().handler(io.vertx.ext.web.handler.SessionHandler.create(LocalSessionStore.create(vertx)));
      router.get("/whose").handler(ctx -> ctx.end(String.valueOf(
        ctx.session().id().equals(SessionHandler.session(ctx).id()))));
    }, new HttpServerOptions());

    TestResponse response = app.get("/whose", null);

    assertEquals("true", response.body(), "ctx.session() is still ours");
    assertNull(response.setCookie("vertx-web.session"), String.valueOf(response.setCookies()));
  }

  @Test
  void aRouteReadingTheBodyItselfGetsItAfterASlowLoad() throws Exception {
    app = new TestApp(vertx, new SessionOptions(), null, router -> router.post("/raw").handler(ctx ->
      ctx.request().body().onComplete(body -> ctx.end(body.succeeded() ? "read " + body.result().length() : "failed"))));
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.delayLoads(100);

    TestResponse response = app.sendAsync(HttpMethod.POST, "/raw", cookie, Map.of(), "x".repeat(100_000))
      .await(10, SECONDS);

    assertEquals("read 100000", response.body());
  }

  @Test
  void onlyAUserAttributeWithAPrincipalObjectBecomesCtxUser() {
    app = new TestApp(vertx, new SessionOptions(), null, router -> {
      router.get("/user-value/:kind").handler(ctx -> {
        Object value = switch (ctx.pathParam("kind")) {
          case "text" -> "alice";
          case "no-principal" -> new JsonObject().put("attributes", new JsonObject());
          case "text-principal" -> new JsonObject().put("principal", "alice");
          case "principal-only" -> new JsonObject().put("principal", new JsonObject().put("username", "alice"));
          default -> new JsonObject().put("principal", new JsonObject().put("username", "alice"))
            .put("attributes", new JsonObject().put("role", "admin"));
        };
        SessionHandler.session(ctx).put("__vertx.user", value);
        ctx.end();
      });
      router.get("/who").handler(ctx -> ctx.end(ctx.user() == null ? "nobody"
        : ctx.user().principal().getString("username") + " " + ctx.user().attributes().getString("role")));
    });

    for (String kind : List.of("text", "no-principal", "text-principal")) {
      String cookie = app.get("/user-value/" + kind, null).sid();
      assertEquals("nobody", app.get("/who", cookie).body(), kind);
    }
    assertEquals("alice null", app.get("/who", app.get("/user-value/principal-only", null).sid()).body());
    assertEquals("alice admin", app.get("/who", app.get("/user-value/full", null).sid()).body());
  }

  @Test
  void aRequestWaitsForEveryWriteOfItsSessionStillUnderWay() throws Exception {
    app = new TestApp(vertx, new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.delayLoads(100).delaySaves(300);

    // two requests at once, each changing its own attribute: both load before either saves, and both answer before
    // their saves are done
    Future<TestResponse> firstSent = app.sendAsync(HttpMethod.GET, "/put/a/1", cookie, Map.of(), null);
    Future<TestResponse> secondSent = app.sendAsync(HttpMethod.GET, "/put/b/2", cookie, Map.of(), null);
    TestResponse first = firstSent.await(10, SECONDS);
    TestResponse second = secondSent.await(10, SECONDS);
    TestResponse read = app.get("/read", cookie);

    assertEquals(200, first.status());
    assertEquals(200, second.status());
    assertEquals("1", read.data().getString("a"), "the first write was waited for");
    assertEquals("2", read.data().getString("b"), "the second write was waited for");
  }
}
