package io.github.vertxsessions;

import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The handler in a route chain: a BodyHandler after it, the handler mounted twice, reroutes. */
@ExtendWith(VertxExtension.class)
class RouteChainTest {

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  void aBodyHandlerCanFollowOnTheSameRoute() throws Exception {
    app = new TestApp(vertx, new SessionOptions(), null, (router, handler) -> router.post("/echo").handler(handler)
      .handler(BodyHandler.create()).handler(ctx -> {
        SessionHandler.session(ctx).put("body", ctx.body().asString());
        ctx.end(ctx.body().asString());
      }));

    TestResponse response = app.sendAsync(HttpMethod.POST, "/echo", null, Map.of(), "hello").await(10, SECONDS);

    assertEquals(200, response.status());
    assertEquals("hello", response.body());
    assertNotNull(response.setCookie("sid"));
  }

  @Test
  void aHandlerMountedTwiceLoadsAndSavesOnce() {
    app = new TestApp(vertx, new SessionOptions().setCookieMaxAge(Duration.ofDays(1)), null,
      (router, handler) -> router.route().handler(handler));
    String cookie = app.get("/incr/n", null).sid();
    app.store.resetCalls();

    TestResponse response = app.get("/incr/n", cookie);

    assertEquals(2, response.data().getInteger("n"));
    assertEquals(List.of("load", "save"), app.store.calls());
    assertEquals(1, response.setCookies().size(), "one rolling cookie: " + response.setCookies());
  }

  @Test
  void aRerouteKeepsTheSessionAndSavesWhatTheNewRouteChanged() {
    app = new TestApp(vertx, new SessionOptions(), null, (router, handler) ->
      router.get("/moved/:n").handler(ctx -> ctx.reroute("/incr/" + ctx.pathParam("n"))));
    String cookie = app.get("/incr/n", null).sid();
    app.store.resetCalls();

    TestResponse rerouted = app.get("/moved/n", cookie);

    assertEquals(2, rerouted.data().getInteger("n"));
    assertEquals(List.of("load", "save"), app.store.calls(), "loaded once, and the rerouted change is saved");
    assertEquals(3, app.get("/incr/n", cookie).data().getInteger("n"));
  }

  @Test
  void aRerouteOfANewSessionSetsItsCookie() {
    app = new TestApp(vertx, new SessionOptions(), null, (router, handler) ->
      router.get("/start").handler(ctx -> ctx.reroute("/put/user/alice")));

    TestResponse rerouted = app.get("/start", null);

    assertEquals("alice", app.get("/read", rerouted.sid()).data().getString("user"));
  }
}
