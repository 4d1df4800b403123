package io.github.vertxsessions.testkit;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A real HTTP server with a SessionHandler over a recording store, and routes that exercise the Session API; each
 * answers {@code {"id", "isNew", "data", "expiresAt"}} describing the session after the route ran.
 */
public final class TestApp implements AutoCloseable {

  public static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
  /** The longest wait for a response or for start-up and close: each takes milliseconds when nothing is wrong. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  public final Vertx vertx;
  public final TestClock clock;
  public final RecordingStore store;
  public final SessionHandler handler;
  private final HttpServer server;
  private final WebClient client;

  public TestApp(SessionOptions options) {
    this(options, null, router -> { });
  }

  /**
   * An app on {@code vertx}, such as the one {@code VertxExtension} injects, with a local store on a new clock.
   *
   * @param vertx   where the server, the client and the store run; {@link #close()} closes it
   * @param options the handler's options (the test secret if they name none)
   */
  public TestApp(Vertx vertx, SessionOptions options) {
    this(vertx, options, null, router -> { });
  }

  /**
   * An app on {@code vertx} with a new clock.
   *
   * @param vertx   where the server, the client and the store run; {@link #close()} closes it
   * @param options the handler's options (the test secret if they name none)
   * @param store   the store behind the recorder; null for a local store on this app's clock
   * @param routes  extra routes, mounted after the session handler and before the standard ones
   */
  public TestApp(Vertx vertx, SessionOptions options, SessionStore store, Consumer<Router> routes) {
    this(vertx, new TestClock(), options, store, routes, new HttpServerOptions());
  }

  /**
   * An app on {@code vertx} with a new clock.
   *
   * @param vertx   where the server, the client and the store run; {@link #close()} closes it
   * @param options the handler's options (the test secret if they name none)
   * @param store   the store behind the recorder; null for a local store on this app's clock
   * @param routes  extra routes, given the router and this app's handler (to mount it again, say)
   */
  public TestApp(Vertx vertx, SessionOptions options, SessionStore store, BiConsumer<Router, SessionHandler> routes) {
    this(vertx, new TestClock(), options, store, routes, new HttpServerOptions());
  }

  /**
   * @param store  the store behind the recorder; null for a local store on this app's clock
   * @param routes extra routes, mounted after the session handler and before the standard ones
   */
  public TestApp(SessionOptions options, SessionStore store, Consumer<Router> routes) {
    this(Vertx.vertx(), new TestClock(), options, store, routes, new HttpServerOptions());
  }

  /** @param routes extra routes, given the router and this app's handler (to mount it again, say) */
  public TestApp(SessionOptions options, SessionStore store, BiConsumer<Router, SessionHandler> routes) {
    this(Vertx.vertx(), new TestClock(), options, store, routes, new HttpServerOptions());
  }

  public TestApp(Vertx vertx, TestClock clock, SessionOptions options, SessionStore store, Consumer<Router> routes,
                 HttpServerOptions serverOptions) {
    this(vertx, clock, options, store, (router, handler) -> routes.accept(router), serverOptions);
  }

  public TestApp(Vertx vertx, TestClock clock, SessionOptions options, SessionStore store,
                 BiConsumer<Router, SessionHandler> routes, HttpServerOptions serverOptions) {
    this.vertx = vertx;
    this.clock = clock;
    SessionStore real = store != null ? store
      : LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
    this.store = new RecordingStore(vertx, real);
    SessionOptions effective = new SessionOptions(options);
    if (effective.getSecrets().isEmpty()) {
      effective.setSecrets(List.of(SECRET));
    }
    this.handler = SessionHandler.create(vertx, this.store, effective);
    Router router = Router.router(vertx);
    router.route().handler(handler);
    routes.accept(router, handler);
    mountStandardRoutes(router);
    this.server = within(vertx.createHttpServer(serverOptions.setPort(0).setHost("127.0.0.1"))
      .requestHandler(router).listen(), "the test server listening");
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setSsl(serverOptions.isSsl()).setTrustAll(true)
      .setVerifyHost(false).setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  public int port() {
    return server.actualPort();
  }

  public static JsonObject describe(Session session) {
    return new JsonObject()
      .put("id", session.id())
      .put("isNew", session.isNew())
      .put("destroyed", session.isDestroyed())
      .put("degraded", session.isDegraded())
      .put("data", new JsonObject(Map.copyOf(session.data())))
      .put("createdAt", session.createdAt().toEpochMilli())
      .put("expiresAt", session.expiresAt().toEpochMilli());
  }

  public static void reply(RoutingContext ctx, Session session) {
    ctx.json(describe(session));
  }

  private void mountStandardRoutes(Router router) {
    router.get("/read").handler(ctx -> reply(ctx, SessionHandler.session(ctx)));
    router.get("/put/:name/:value").handler(ctx -> {
      Session session = SessionHandler.session(ctx).put(ctx.pathParam("name"), ctx.pathParam("value"));
      reply(ctx, session);
    });
    router.get("/incr/:name").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      Number n = session.get(ctx.pathParam("name"));
      session.put(ctx.pathParam("name"), n == null ? 1 : n.intValue() + 1);
      reply(ctx, session);
    });
    router.get("/slow-incr/:name/:millis").handler(ctx -> vertx.setTimer(Long.parseLong(ctx.pathParam("millis")), t -> {
      Session session = SessionHandler.session(ctx);
      Number n = session.get(ctx.pathParam("name"));
      session.put(ctx.pathParam("name"), n == null ? 1 : n.intValue() + 1);
      reply(ctx, session);
    }));
    router.get("/remove/:name").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      session.remove(ctx.pathParam("name"));
      reply(ctx, session);
    });
    router.get("/edit-in-place/:name/:key/:value").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      JsonObject object = session.get(ctx.pathParam("name"));
      if (object == null) {
        session.put(ctx.pathParam("name"), new JsonObject().put(ctx.pathParam("key"), ctx.pathParam("value")));
      } else {
        object.put(ctx.pathParam("key"), ctx.pathParam("value"));
      }
      reply(ctx, session);
    });
    router.post("/regenerate").handler(ctx -> answerAfter(ctx, SessionHandler.session(ctx).regenerate()));
    router.post("/destroy").handler(ctx -> answerAfter(ctx, SessionHandler.session(ctx).destroy()));
    router.post("/save").handler(ctx -> answerAfter(ctx, SessionHandler.session(ctx).put("saved", true).save()));
    router.post("/reload").handler(ctx -> answerAfter(ctx, SessionHandler.session(ctx).reload()));
    router.post("/touch").handler(ctx -> answerAfter(ctx, SessionHandler.session(ctx).touch()));
    router.get("/remember").handler(ctx -> {
      Session session = SessionHandler.session(ctx).setMaxAge(Duration.ofDays(30)).put("remembered", true);
      reply(ctx, session);
    });
    router.get("/forget").handler(ctx -> reply(ctx, SessionHandler.session(ctx).setMaxAge(null)));
    router.get("/fail").handler(ctx -> {
      SessionHandler.session(ctx).put("during-failure", true);
      ctx.response().setStatusCode(500).end();
    });
    router.get("/put-object").handler(ctx -> {
      try {
        SessionHandler.session(ctx).put("thread", new Object());
        ctx.end("accepted");
      } catch (IllegalArgumentException e) {
        ctx.response().setStatusCode(400).end(e.getMessage());
      }
    });
    router.post("/body").handler(BodyHandler.create()).handler(ctx -> {
      SessionHandler.session(ctx).put("body", ctx.body().asString());
      reply(ctx, SessionHandler.session(ctx));
    });
  }

  /** Answers once {@code operation} completes: 409 with the failure's simple class name, else the session. */
  public static void answerAfter(RoutingContext ctx, Future<Void> operation) {
    operation.onComplete(ar -> {
      if (ar.failed()) {
        ctx.response().setStatusCode(409).end(ar.cause().getClass().getSimpleName());
      } else {
        reply(ctx, SessionHandler.session(ctx));
      }
    });
  }

  /** Sends a request with exactly the given Cookie header (null for none). */
  public TestResponse send(HttpMethod method, String path, String cookieHeader) {
    return within(sendAsync(method, path, cookieHeader, Map.of(), null), "the response to " + method + " " + path);
  }

  public TestResponse get(String path, String cookieHeader) {
    return send(HttpMethod.GET, path, cookieHeader);
  }

  public TestResponse post(String path, String cookieHeader) {
    return send(HttpMethod.POST, path, cookieHeader);
  }

  public Future<TestResponse> sendAsync(HttpMethod method, String path, String cookieHeader,
                                        Map<String, String> headers, String body) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (cookieHeader != null) {
      request.putHeader(HttpHeaders.COOKIE.toString(), cookieHeader);
    }
    headers.forEach(request::putHeader);
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).map(TestApp::response);
  }

  /** Sends a request with exactly these headers, where a name may come more than once (a doubled header). */
  public TestResponse send(HttpMethod method, String path, MultiMap headers) {
    return within(client.request(method, path).putHeaders(headers).send().map(TestApp::response),
      "the response to " + method + " " + path);
  }

  private static TestResponse response(HttpResponse<Buffer> resp) {
    return new TestResponse(resp.statusCode(), resp.headers().getAll(HttpHeaders.SET_COOKIE),
      resp.bodyAsString() == null ? "" : resp.bodyAsString(), resp.headers());
  }

  /** Closes the Vert.x instance, and with it the server, the client and the store. */
  @Override
  public void close() {
    within(vertx.close(), "Vert.x closed");
  }

  /**
   * The result of a future the test thread needs now, within {@link #PATIENCE}. These methods stand for blocking
   * calls in tests, often inside lambdas, where a checked {@link TimeoutException} could not go; a timeout fails the
   * test as an assertion.
   */
  private static <T> T within(Future<T> future, String what) {
    try {
      return future.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Not within " + PATIENCE.toSeconds() + " s: " + what, e);
    }
  }
}
