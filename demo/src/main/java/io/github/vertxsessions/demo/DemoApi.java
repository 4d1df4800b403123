package io.github.vertxsessions.demo;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;

/** The JSON API under {@code /api}: log in, who am I, count a visit, log out, and the store's health. */
final class DemoApi {

  /** Credentials are tiny: anything larger is refused before it is buffered. */
  static final int BODY_LIMIT_BYTES = 16 * 1024;
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(DemoApi.class);
  private static final String USER = "user";
  private static final String VIEWS = "views";

  private final Vertx vertx;
  private final UserDirectory users;
  private final StoreConnection store;

  DemoApi(Vertx vertx, UserDirectory users, StoreConnection store) {
    this.vertx = vertx;
    this.users = users;
    this.store = store;
  }

  void mount(Router router, SessionHandler sessions) {
    router.route("/api/*").handler(ctx -> {
      // answers depend on the session: no cache may keep one for someone else
      ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      ctx.next();
    });
    // before the session handler, which answers 503 itself when the store cannot load a session
    router.get("/api/health").handler(this::health);
    router.route("/api/*").handler(sessions).handler(BodyHandler.create().setBodyLimit(BODY_LIMIT_BYTES));
    router.post("/api/login").handler(this::login);
    router.get("/api/me").handler(this::me);
    router.post("/api/visits").handler(this::visits);
    router.post("/api/logout").handler(this::logout);
    router.route("/api/*").handler(ctx -> error(ctx, 404, "no such endpoint: " + ctx.request().method().name()
      + " " + ctx.request().path()));
    router.route("/api/*").failureHandler(DemoApi::failure);
  }

  static void storeUnavailable(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
    error(ctx, 503, "the session store is unavailable; try again shortly");
  }

  private void health(RoutingContext ctx) {
    store.probe(HEALTH_TIMEOUT).onComplete(probe -> {
      if (probe.failed()) {
        LOG.warn("Health check: the {} session store did not answer: {}", store.name(), probe.cause().toString());
      }
      ctx.response().setStatusCode(probe.succeeded() ? 200 : 503);
      ctx.json(new JsonObject().put("store", store.name()).put("ok", probe.succeeded()));
    });
  }

  private void login(RoutingContext ctx) {
    // a JSON content type cannot be sent cross-site without a CORS preflight, so no other site can log a visitor in
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      error(ctx, 415, "send the credentials as JSON, with Content-Type: application/json");
      return;
    }
    JsonObject body = jsonObjectBody(ctx);
    if (body == null) {
      error(ctx, 400, "the body must be a JSON object such as {\"username\": \"alice\", \"password\": \"wonderland\"}");
      return;
    }
    if (!(body.getValue("username") instanceof String username) || username.isEmpty()
      || !(body.getValue("password") instanceof String password) || password.isEmpty()) {
      error(ctx, 400, "username and password are required, as non-empty strings");
      return;
    }
    // PBKDF2 is slow on purpose: on a worker, unordered so that log-ins do not queue behind each other
    vertx.executeBlocking(() -> users.verify(username, password), false)
      .compose(valid -> valid ? logIn(SessionHandler.session(ctx), username).map(true) : Future.succeededFuture(false))
      .onSuccess(valid -> {
        if (valid) {
          ctx.json(new JsonObject().put(USER, username));
        } else {
          error(ctx, 401, "wrong username or password");
        }
      })
      .onFailure(ctx::fail);
  }

  /** A new session ID at log-in: an ID planted in the browser beforehand (session fixation) is worthless after it. */
  private static Future<Void> logIn(Session session, String user) {
    session.put(USER, user);
    return session.regenerate();
  }

  private void me(RoutingContext ctx) {
    Session session = SessionHandler.session(ctx);
    String user = session.get(USER);
    if (user == null) {
      error(ctx, 401, "not logged in");
      return;
    }
    ctx.json(new JsonObject()
      .put(USER, user)
      .put(VIEWS, views(session))
      .put("createdAt", session.createdAt().toString())
      .put("expiresAt", session.expiresAt().toString()));
  }

  /** Counts per session, logged in or not: what a visitor counted before logging in is kept through the log-in. */
  private void visits(RoutingContext ctx) {
    Session session = SessionHandler.session(ctx);
    long views = views(session) + 1;
    session.put(VIEWS, views);
    ctx.json(new JsonObject().put(VIEWS, views));
  }

  private void logout(RoutingContext ctx) {
    SessionHandler.session(ctx).destroy()
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private static long views(Session session) {
    Number views = session.get(VIEWS);
    return views == null ? 0 : views.longValue();
  }

  /** The body as a JSON object, or null when it is missing, malformed or another JSON value. */
  private static JsonObject jsonObjectBody(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void failure(RoutingContext ctx) {
    int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
    if (ctx.failure() != null) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    error(ctx, status, status == 413 ? "the body is larger than " + BODY_LIMIT_BYTES / 1024 + " KB"
      : HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT));
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status);
    ctx.json(new JsonObject().put("error", message));
  }
}
