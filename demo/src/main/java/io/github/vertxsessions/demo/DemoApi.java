package io.github.vertxsessions.demo;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.SessionRegistry;
import io.github.vertxsessions.health.SessionStoreHealth;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The JSON API under {@code /api}: log in, who am I, count a visit, log out, the store's health, and the signed-in
 * user's sessions (list, sign one out, sign out the others).
 */
final class DemoApi {

  /** Credentials are tiny: anything larger is refused before it is buffered. */
  static final int BODY_LIMIT_BYTES = 16 * 1024;
  /** How long the store may take to answer the health check's probe. */
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);
  /** The health checks' own bound, above the probe's, so that a slow store reports the probe's DOWN and its data. */
  private static final Duration HEALTH_CHECKS_TIMEOUT = HEALTH_TIMEOUT.multipliedBy(2);
  /** The check's {@code id} in the /api/health answer. */
  static final String HEALTH_CHECK = "session-store";

  private static final Logger LOG = LoggerFactory.getLogger(DemoApi.class);
  private static final String USER = "user";
  private static final String VIEWS = "views";
  /** The credentials of a log-in, from its first handler to the authentication handler. */
  private static final String CREDENTIALS = "io.github.vertxsessions.demo.credentials";

  private final AuthenticationProvider auth;
  private final SessionRegistry registry;
  private final HealthCheckHandler health;
  /** The store's clock, which decides when sessions expire. */
  private final Clock clock;
  private final String cookieName;

  DemoApi(Vertx vertx, AuthenticationProvider auth, SessionRegistry registry, StoreConnection store,
          SessionOptions options) {
    this.auth = auth;
    this.registry = registry;
    this.clock = store.store().clock();
    this.cookieName = options.getCookieName();
    this.health = HealthCheckHandler.create(vertx).register(HEALTH_CHECK, HEALTH_CHECKS_TIMEOUT.toMillis(),
      promise -> SessionStoreHealth.probe(vertx, store.store(), HEALTH_TIMEOUT).onSuccess(status -> {
        if (!status.isOk()) {
          LOG.warn("Health check: the {} session store did not answer: {}", store.name(),
            status.getData().getString("cause"));
        }
      }).onComplete(promise));
  }

  void mount(Router router, SessionHandler sessions) {
    router.route("/api/*").handler(ctx -> {
      // answers depend on the session: no cache may keep one for someone else
      ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      ctx.next();
    });
    // before the session handler, which answers 503 itself when the store cannot load a session
    router.get("/api/health").handler(health);
    router.route("/api/*").handler(sessions).handler(BodyHandler.create().setBodyLimit(BODY_LIMIT_BYTES));
    // vertx-web's authentication flow: the handler sets ctx.user(), and the session handler stores that user and
    // makes its name (User.subject()) the session's principal, by which the sessions routes below find it. Three
    // routes, as vertx-web puts an authentication handler on a route of its own, before any plain handler.
    router.post("/api/login").handler(this::credentials);
    router.post("/api/login").handler(SimpleAuthenticationHandler.create().authenticate(this::authenticate));
    router.post("/api/login").handler(this::loggedIn);
    router.get("/api/me").handler(this::me);
    router.post("/api/visits").handler(this::visits);
    router.post("/api/logout").handler(this::logout);
    router.get("/api/sessions").handler(this::sessions);
    router.post("/api/sessions/revoke").handler(this::revoke);
    router.post("/api/sessions/revoke-others").handler(this::revokeOthers);
    router.route("/api/*").handler(ctx -> error(ctx, 404, "no such endpoint: " + ctx.request().method().name()
      + " " + ctx.request().path()));
    router.route("/api/*").failureHandler(DemoApi::failure);
  }

  static void storeUnavailable(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
    error(ctx, 503, "the session store is unavailable; try again shortly");
  }

  /** The log-in's first step: the credentials from the JSON body, for the authentication handler. */
  private void credentials(RoutingContext ctx) {
    if (!isJson(ctx, "the credentials")) {
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
    UsernamePasswordCredentials credentials = new UsernamePasswordCredentials(username, password);
    User current = ctx.user();
    if (current == null) {
      ctx.put(CREDENTIALS, credentials);
      ctx.next();
      return;
    }
    // vertx-web's authentication handlers let a request that has a user through unchecked: a log-in must check the
    // credentials all the same, and may not swap the session's user for another behind its back
    auth.authenticate(credentials).onComplete(ar -> {
      if (ar.failed()) {
        answerFailedLogIn(ctx, ar.cause());
      } else if (!ar.result().subject().equals(current.subject())) {
        error(ctx, 409, "already logged in as " + current.subject() + ": log out first");
      } else {
        ctx.next();
      }
    });
  }

  /** For the authentication handler: the user, or the HTTP error it answers (401 for wrong credentials). */
  private Future<User> authenticate(RoutingContext ctx) {
    UsernamePasswordCredentials credentials = ctx.remove(CREDENTIALS);
    return auth.authenticate(credentials).recover(err -> Future.failedFuture(
      err instanceof DirectoryAuthentication.WrongCredentials ? new HttpException(401, err.getMessage(), err)
        : new HttpException(500, err)));
  }

  private static void answerFailedLogIn(RoutingContext ctx, Throwable err) {
    if (err instanceof DirectoryAuthentication.WrongCredentials) {
      error(ctx, 401, err.getMessage());
    } else {
      ctx.fail(err);
    }
  }

  /**
   * The log-in's last step, once {@code ctx.user()} is set. A new session ID at log-in: an ID planted in the browser
   * beforehand (session fixation) is worthless after it. The description, for the user's list of sessions, says
   * which browser this is; never anything secret.
   */
  private void loggedIn(RoutingContext ctx) {
    Session session = SessionHandler.session(ctx)
      .setDescription(UserAgents.describe(ctx.request().getHeader(HttpHeaders.USER_AGENT)));
    session.regenerate()
      .onSuccess(v -> ctx.json(new JsonObject().put(USER, ctx.user().subject())))
      .onFailure(ctx::fail);
  }

  /**
   * Who is logged in. Nobody is an answer, not an error: the page asks on every load, and a 401 would show in red in
   * the browser's console each time. That answer says whether the browser sent a session cookie whose session is gone
   * (expired, signed out from elsewhere, or never valid), and the store's time, so that a page which was logged in
   * can tell an expired session from one signed out early without trusting the browser's clock.
   */
  private void me(RoutingContext ctx) {
    User user = ctx.user();
    if (user == null) {
      boolean sessionGone = ctx.request().getCookie(cookieName) != null && SessionHandler.session(ctx).isNew();
      ctx.json(new JsonObject().putNull(USER).put("sessionGone", sessionGone).put("now", clock.instant().toString()));
      return;
    }
    Session session = SessionHandler.session(ctx);
    ctx.json(new JsonObject()
      .put(USER, user.subject())
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

  /** The signed-in user's sessions, newest first, the one of this request marked {@code "current": true}. */
  private void sessions(RoutingContext ctx) {
    String principal = sessionsOwner(ctx);
    if (principal == null) {
      return;
    }
    String current = registry.handleOf(SessionHandler.session(ctx));
    registry.list(principal)
      .onSuccess(list -> ctx.json(new JsonObject().put("sessions", new JsonArray(list.stream()
        .map(info -> info.toJson().put("current", info.handle().equals(current))).toList()))))
      .onFailure(err -> registryFailed(ctx, "Listing", err));
  }

  /** Signs the user out of one of their sessions, named by its handle; this very one is a log-out. */
  private void revoke(RoutingContext ctx) {
    String principal = sessionsOwner(ctx);
    if (principal == null || !isJson(ctx, "the handle")) {
      return;
    }
    JsonObject body = jsonObjectBody(ctx);
    if (body == null || !(body.getValue("handle") instanceof String handle) || handle.isEmpty()) {
      error(ctx, 400, "the body must be a JSON object such as {\"handle\": \"...\"}, with a handle from "
        + "GET /api/sessions");
      return;
    }
    Session session = SessionHandler.session(ctx);
    if (handle.equals(registry.handleOf(session))) {
      // deleted by the session itself, so that the end of this request does not try to save it, and its cookie goes
      session.destroy()
        .onSuccess(v -> ctx.json(new JsonObject().put("revoked", true)))
        .onFailure(ctx::fail);
      return;
    }
    registry.revoke(principal, handle)
      .onSuccess(revoked -> {
        if (revoked) {
          ctx.json(new JsonObject().put("revoked", true));
        } else {
          error(ctx, 404, "no session of yours has that handle (signed out already, or expired)");
        }
      })
      .onFailure(err -> registryFailed(ctx, "Revoking", err));
  }

  /** Signs the user out everywhere but here. */
  private void revokeOthers(RoutingContext ctx) {
    String principal = sessionsOwner(ctx);
    if (principal == null || !isJson(ctx, "the request")) {
      return;
    }
    registry.revokeOthers(principal, SessionHandler.session(ctx))
      .onSuccess(revoked -> ctx.json(new JsonObject().put("revoked", revoked)))
      .onFailure(err -> registryFailed(ctx, "Revoking", err));
  }

  /**
   * The user whose sessions this request may see and revoke: the principal the session handler stored at log-in.
   *
   * @return the principal, or null once this has answered 401 (not logged in)
   */
  private String sessionsOwner(RoutingContext ctx) {
    if (ctx.user() == null) {
      error(ctx, 401, "not logged in");
      return null;
    }
    String principal = SessionHandler.session(ctx).principal();
    if (principal == null) { // a user without a name: no sessions to find by it
      error(ctx, 401, "not logged in");
    }
    return principal;
  }

  /** The registry's only failures are the store's. */
  private static void registryFailed(RoutingContext ctx, String what, Throwable err) {
    LOG.warn("{} the sessions of a user failed: {}", what, err.toString());
    storeUnavailable(ctx);
  }

  /**
   * Whether the request says it sends JSON, else answers 415. A JSON content type cannot be sent cross-site without a
   * CORS preflight, which this API never answers, so no other site can log a visitor in or sign their sessions out.
   */
  private static boolean isJson(RoutingContext ctx, String what) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      error(ctx, 415, "send " + what + " as JSON, with Content-Type: application/json");
      return false;
    }
    return true;
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
    // a wrong password (401 from the authentication handler) is the client's error, not the server's
    if (ctx.failure() != null && status >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    String said = status < 500 && ctx.failure() instanceof HttpException http ? http.getPayload() : null;
    if (said == null) {
      said = status == 413 ? "the body is larger than " + BODY_LIMIT_BYTES / 1024 + " KB"
        : HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT);
    }
    error(ctx, status, said);
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status);
    ctx.json(new JsonObject().put("error", message));
  }
}
