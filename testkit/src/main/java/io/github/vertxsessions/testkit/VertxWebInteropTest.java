package io.github.vertxsessions.testkit;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.FormLoginHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.RedirectAuthHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vertx-web's own session-based handlers behind our SessionHandler, over real HTTP. Every store's tests extend it,
 * so what those handlers put into a session round-trips through that store.
 */
@ExtendWith(VertxExtension.class)
public abstract class VertxWebInteropTest {

  private static final String CSRF_SECRET = "csrf-secret-0123456789-abcdefghijklmn";
  private static final AuthenticationProvider ALICE_ONLY = credentials -> {
    UsernamePasswordCredentials c = (UsernamePasswordCredentials) credentials;
    return "alice".equals(c.getUsername()) && "wonderland".equals(c.getPassword())
      ? Future.succeededFuture(User.fromName("alice"))
      : Future.failedFuture(new HttpException(401));
  };

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  protected Vertx vertx;
  protected TestClock clock;
  private TestApp app;

  /** The store under test, on {@code clock}. */
  protected abstract SessionStore newStore(Vertx vertx, Clock clock) throws Exception;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    clock = new TestClock();
    app = new TestApp(vertx, clock, new SessionOptions(), newStore(vertx, clock), this::routes,
      new HttpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    app.store.clear().await(10, SECONDS);
    app.close();
  }

  private void routes(Router router) {
    answerFailuresWithTheirStatus(router);
    router.route("/csrf/*").handler(BodyHandler.create()).handler(CSRFHandler.create(vertx, CSRF_SECRET));
    router.get("/csrf/form").handler(ctx -> ctx.end("form"));
    router.post("/csrf/form").handler(ctx -> ctx.end("accepted"));

    router.route("/private/*").handler(RedirectAuthHandler.create(ALICE_ONLY, "/loginpage"));
    router.get("/private/page").handler(ctx -> ctx.end("hello " + ctx.user().subject()));
    router.post("/login").handler(BodyHandler.create()).handler(FormLoginHandler.create(ALICE_ONLY));
    router.get("/logout").handler(ctx -> ctx.userContext().logout("/loginpage"));

    router.get("/web-session").handler(ctx -> {
      Session web = ctx.session();
      io.github.vertxsessions.Session ours = SessionHandler.session(ctx);
      web.put("via-web", "w");
      web.put("a-user", User.fromName("bob"));
      web.putIfAbsent("via-web", "ignored");
      web.computeIfAbsent("computed", k -> 42);
      String before = web.id();
      web.regenerateId();
      ctx.json(new JsonObject()
        .put("sameSession", ours.id().equals(web.id()))
        .put("oursSees", ours.<String>get("via-web"))
        .put("regenerated", web.isRegenerated())
        .put("oldIdIsPrevious", before.equals(web.oldId()) || web.oldId() == null && ours.isNew())
        .put("timeout", web.timeout())
        .put("userHolderHidden", web.get("__vertx.userHolder") == null));
    });
    router.get("/web-session/read").handler(ctx -> {
      Session web = ctx.session();
      User user = web.get("a-user");
      ctx.json(new JsonObject().put("viaWeb", web.<String>get("via-web"))
        .put("computed", web.<Number>get("computed"))
        .put("user", user == null ? null : user.subject()));
    });
    router.get("/web-session/destroy").handler(ctx -> {
      ctx.session().destroy();
      ctx.json(new JsonObject().put("destroyed", ctx.session().isDestroyed()));
    });
  }

  /**
   * Answers a failed request (a refused CSRF token, a failed log-in) with its status alone, as an application's
   * error handler does; without one, vertx-web answers the same status and also logs the failure as unhandled.
   */
  private static void answerFailuresWithTheirStatus(Router router) {
    router.route().failureHandler(ctx -> {
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(ctx.statusCode() < 0 ? 500 : ctx.statusCode()).end();
      }
    });
  }

  private TestResponse get(String path, String cookies) {
    return app.get(path, cookies);
  }

  private TestResponse postForm(String path, String cookies, String form) throws Exception {
    return app.sendAsync(HttpMethod.POST, path, cookies,
      Map.of("Content-Type", "application/x-www-form-urlencoded"), form).await(10, SECONDS);
  }

  @Test
  void csrfHandlerIssuesATokenAndChecksIt() throws Exception {
    TestResponse form = get("/csrf/form", null);
    TestResponse otherToken = get("/csrf/form", null);
    String csrfCookie = form.cookie("XSRF-TOKEN");
    String token = csrfCookie.substring("XSRF-TOKEN=".length());
    String cookies = form.sid() + "; " + csrfCookie;

    TestResponse accepted = app.sendAsync(HttpMethod.POST, "/csrf/form", cookies,
      Map.of("X-XSRF-TOKEN", token), null).await(10, SECONDS);
    TestResponse otherSessionsToken = app.sendAsync(HttpMethod.POST, "/csrf/form", form.sid() + "; "
      + otherToken.cookie("XSRF-TOKEN"), Map.of("X-XSRF-TOKEN", otherToken.cookie("XSRF-TOKEN").substring(11)), null)
        .await(10, SECONDS);
    TestResponse missing = app.post("/csrf/form", cookies);

    assertEquals(200, accepted.status());
    assertEquals("accepted", accepted.body());
    assertEquals(403, otherSessionsToken.status(), "a token issued to another session");
    assertEquals(403, missing.status());
  }

  /**
   * Ours, a BodyHandler and a CSRFHandler on one route, in vertx-web's documented order, mount (ours is a
   * PlatformHandler) and then work: the CSRF token lives in the session, and the body survives the store's load.
   */
  @Test
  void sessionBodyAndCsrfHandlersOnOneRouteMountAndCheckTokens() throws Exception {
    SessionStore store = newStore(vertx, clock);
    Router router = Router.router(vertx);
    router.route()
      .handler(SessionHandler.create(vertx, store, new SessionOptions().setSecrets(List.of(TestApp.SECRET))))
      .handler(BodyHandler.create())
      .handler(CSRFHandler.create(vertx, CSRF_SECRET));
    answerFailuresWithTheirStatus(router);
    router.get("/form").handler(ctx -> ctx.end("form"));
    router.post("/form").handler(ctx -> ctx.end("accepted " + ctx.request().getFormAttribute("name")
      + " (" + ctx.body().length() + " bytes)"));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, SECONDS);
    WebClient client = WebClient.create(vertx);
    try {
      TestResponse form = send(client, server, HttpMethod.GET, "/form", null, Map.of(), null);
      TestResponse otherForm = send(client, server, HttpMethod.GET, "/form", null, Map.of(), null);
      assertEquals(200, form.status());
      String csrfCookie = form.cookie("XSRF-TOKEN");
      String token = csrfCookie.substring("XSRF-TOKEN=".length());
      String cookies = form.sid() + "; " + csrfCookie;
      Map<String, String> formType = Map.of("Content-Type", "application/x-www-form-urlencoded");

      TestResponse accepted = send(client, server, HttpMethod.POST, "/form", cookies,
        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-XSRF-TOKEN", token), "name=alice");
      TestResponse missing = send(client, server, HttpMethod.POST, "/form", cookies, formType, "name=mallory");
      String otherCookie = otherForm.cookie("XSRF-TOKEN");
      TestResponse otherSessionsToken = send(client, server, HttpMethod.POST, "/form",
        form.sid() + "; " + otherCookie, Map.of("Content-Type", "application/x-www-form-urlencoded",
          "X-XSRF-TOKEN", otherCookie.substring("XSRF-TOKEN=".length())), "name=mallory");

      assertEquals(200, accepted.status(), accepted.body());
      assertEquals("accepted alice (10 bytes)", accepted.body(), "the route sees the form body");
      assertEquals(403, missing.status(), "a POST without the token header");
      assertEquals(403, otherSessionsToken.status(), "a token issued to another session");
    } finally {
      client.close();
      server.close().await(10, SECONDS);
      store.clear().await(10, SECONDS);
      store.close().await(10, SECONDS);
    }
  }

  private static TestResponse send(WebClient client, HttpServer server, HttpMethod method, String path,
                                   String cookies, Map<String, String> headers, String body) throws Exception {
    var request = client.request(method, server.actualPort(), "127.0.0.1", path);
    if (cookies != null) {
      request.putHeader("Cookie", cookies);
    }
    headers.forEach(request::putHeader);
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
      .await(10, SECONDS);
    return new TestResponse(response.statusCode(), response.cookies(),
      response.bodyAsString() == null ? "" : response.bodyAsString(), response.headers());
  }

  @Test
  void formLoginFlowWithRedirectsAndANewSessionIdAtLogin() throws Exception {
    TestResponse anonymous = get("/private/page", null);
    assertEquals(302, anonymous.status());
    assertEquals("/loginpage", anonymous.headers().get("Location"));
    String anonymousCookie = anonymous.sid();

    TestResponse badLogin = postForm("/login", anonymousCookie, "username=alice&password=nope");
    assertEquals(401, badLogin.status());

    TestResponse login = postForm("/login", anonymousCookie, "username=alice&password=wonderland");
    assertEquals(302, login.status());
    assertEquals("/private/page", login.headers().get("Location"), "back to where the visit started");
    String loggedIn = login.sid();
    assertNotEquals(anonymousCookie, loggedIn, "the session ID changes at log-in");

    TestResponse page = get("/private/page", loggedIn);
    assertEquals(200, page.status());
    assertEquals("hello alice", page.body());
    assertEquals(302, get("/private/page", anonymousCookie).status(), "the pre-login ID is dead");

    TestResponse logout = get("/logout", loggedIn);
    assertEquals(302, logout.status());
    assertTrue(logout.setCookie("sid").startsWith("sid=; Max-Age=0"), logout.setCookie("sid"));
    assertEquals(302, get("/private/page", loggedIn).status(), "logged out");
  }

  @Test
  void ctxSessionIsAViewOfOurSessionWithVertxWebMeanings() {
    TestResponse first = get("/web-session", null);
    JsonObject seen = first.json();

    assertTrue(seen.getBoolean("sameSession"));
    assertEquals("w", seen.getString("oursSees"));
    assertTrue(seen.getBoolean("oldIdIsPrevious"));
    assertEquals(30 * 60 * 1000L, seen.getLong("timeout"));
    assertTrue(seen.getBoolean("userHolderHidden"));

    JsonObject read = get("/web-session/read", first.sid()).json();
    assertEquals("w", read.getString("viaWeb"));
    assertEquals(42, read.getInteger("computed"));
    assertEquals("bob", read.getString("user"), "a User put into the session comes back as a User");
  }

  @Test
  void destroyThroughTheViewEndsTheSession() {
    TestResponse first = get("/web-session", null);

    TestResponse destroyed = get("/web-session/destroy", first.sid());

    assertTrue(destroyed.json().getBoolean("destroyed"));
    assertTrue(destroyed.setCookie("sid").startsWith("sid=; Max-Age=0"));
    assertNotNull(get("/web-session/read", first.sid()).json());
    assertEquals(null, get("/web-session/read", first.sid()).json().getString("viaWeb"));
  }
}
