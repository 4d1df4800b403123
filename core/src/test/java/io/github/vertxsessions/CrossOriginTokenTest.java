package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.testkit.RecordingStore;
import io.github.vertxsessions.testkit.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A single-page app on another origin, as a browser's {@code fetch} would talk to the API: a preflight, a log-in
 * whose token the script can read only because CORS exposes the header, and the token sent back. No cookie and no
 * credentials mode anywhere.
 */
@ExtendWith(VertxExtension.class)
class CrossOriginTokenTest {

  private static final String APP_ORIGIN = "https://app.example.test";
  private static final String HEADER = SessionOptions.DEFAULT_ID_HEADER_NAME;

  private Vertx vertx;
  private RecordingStore store;
  private WebClient browser;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    store = new RecordingStore(vertx, LocalSessionStore.create(vertx));
    Router router = Router.router(vertx);
    // before the session handler, so that a preflight is answered without a session
    router.route().handler(CorsHandler.create().addOrigin(APP_ORIGIN)
      .allowedMethod(HttpMethod.GET).allowedMethod(HttpMethod.POST)
      .allowedHeader(HEADER).exposedHeader(HEADER));
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions()
      .setSecrets(List.of(TestApp.SECRET)).setIdTransport(SessionIdTransport.HEADER)));
    router.post("/login").handler(ctx -> {
      Session session = SessionHandler.session(ctx).put("user", "alice");
      session.regenerate().onSuccess(v -> ctx.json(new JsonObject().put("user", "alice"))).onFailure(ctx::fail);
    });
    router.get("/me").handler(ctx -> ctx.json(new JsonObject()
      .put("user", SessionHandler.session(ctx).getString("user"))));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, SECONDS);
    browser = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(server.actualPort()));
  }

  @Test
  void aPreflightTheExposedTokenAndTheTokenSentBack() throws Exception {
    HttpResponse<Buffer> preflight = browser.request(HttpMethod.OPTIONS, "/me")
      .putHeader("Origin", APP_ORIGIN).putHeader("Access-Control-Request-Method", "GET")
      .putHeader("Access-Control-Request-Headers", HEADER.toLowerCase()).send().await(10, SECONDS);

    assertEquals(204, preflight.statusCode());
    assertEquals(APP_ORIGIN, preflight.getHeader("Access-Control-Allow-Origin"));
    assertTrue(preflight.getHeader("Access-Control-Allow-Headers").contains(HEADER),
      preflight.getHeader("Access-Control-Allow-Headers"));
    assertNull(preflight.getHeader(HEADER));
    assertEquals(List.of(), store.calls(), "a preflight costs no store call");

    HttpResponse<Buffer> login = browser.post("/login").putHeader("Origin", APP_ORIGIN).send().await(10, SECONDS);

    assertEquals(200, login.statusCode());
    assertEquals(APP_ORIGIN, login.getHeader("Access-Control-Allow-Origin"));
    assertTrue(login.getHeader("Access-Control-Expose-Headers").contains(HEADER),
      "without this the script cannot read the token: " + login.getHeader("Access-Control-Expose-Headers"));
    String token = login.getHeader(HEADER);
    assertTrue(token != null && !token.isEmpty(), String.valueOf(token));
    assertEquals(List.of(), login.cookies());
    assertNull(login.getHeader("Access-Control-Allow-Credentials"), "a header needs no credentials mode");

    HttpResponse<Buffer> me = browser.get("/me").putHeader("Origin", APP_ORIGIN).putHeader(HEADER, token)
      .send().await(10, SECONDS);

    assertEquals("alice", me.bodyAsJsonObject().getString("user"));
    assertNull(me.getHeader(HttpHeaders.SET_COOKIE.toString()));
  }
}
