package io.github.vertxsessions.demo;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.SessionRegistry;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.micrometer.SessionMetrics;
import io.github.vertxsessions.spi.SessionStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The vertx-sessions demo: a log-in page at {@code /} and its JSON API under {@code /api}, with sessions in the
 * local, Redis, MongoDB or PostgreSQL store. Deploy one instance from your own code with a JSON config (every key optional):
 *
 * <pre>{@code
 * vertx.deployVerticle(new DemoVerticle(), new DeploymentOptions().setConfig(new JsonObject()
 *     .put("store", "redis")                         // local (default), redis, mongo or postgres
 *     .put("redisUrl", "redis://localhost:6379")     // for redis (this is the default)
 *     .put("mongoUri", "mongodb://localhost:27017/vertx_sessions_demo") // for mongo (this is the default)
 *     .put("pgUri", "postgresql://localhost:5432/vertx_sessions_demo")  // for postgres (this is the default)
 *     .put("host", "127.0.0.1")                      // default; 0.0.0.0 for every interface
 *     .put("port", 8080)                             // default; 0 for any free port, see actualPort()
 *     .put("idleTimeout", "PT30M")                   // or "30m", "90s", or milliseconds; default 30 minutes
 *     .put("secrets", new JsonArray().add("a-secret-of-at-least-32-characters")) // first signs; default random
 *     .put("users", new JsonObject().put("alice", "wonderland").put("bob", "builder")) // the default users
 *     .put("redisStoreOptions", new JsonObject())    // RedisStoreOptions JSON, e.g. {"keyPrefix": "demo:"}
 *     .put("mongoStoreOptions", new JsonObject())    // MongoStoreOptions JSON, e.g. {"collection": "demo"}
 *     .put("pgStoreOptions", new JsonObject())));    // PgStoreOptions JSON, e.g. {"table": "demo_sessions"}
 * }</pre>
 *
 * Besides the page and the API, it answers {@code GET /metrics} with the session meters in Prometheus's text format,
 * and logs each session event at INFO. Start-up fails, closing what it opened, when the config is invalid, the store
 * does not answer or the port is taken. Undeploying closes the HTTP server, the store and the store's client. With the
 * local store, the instances of one Vert.x share its sessions; separate processes do not.
 */
public class DemoVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DemoVerticle.class);
  /** The media type of what {@link PrometheusMeterRegistry#scrape()} writes: Prometheus's text format 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private Clock clock = Clock.systemUTC();
  private StoreConnection connection;
  private HttpServer server;
  private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private SessionMetrics metrics;
  private SessionEventLog eventLog;

  /** Where the sessions' time comes from, for the handler and the store alike; tests pass a clock they move. */
  public DemoVerticle setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The port the demo listens on, once deployed (useful with port 0); -1 before. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** The store in use once deployed, for this package's tests; null before. */
  SessionStore sessionStore() {
    return connection == null ? null : connection.store();
  }

  @Override
  public Future<?> start() {
    DemoConfig config;
    SessionOptions sessionOptions;
    try {
      config = DemoConfig.fromJson(config());
      sessionOptions = new SessionOptions().setSecrets(secrets(config)).setIdleTimeout(config.idleTimeout())
        .setEventsAddress(SessionEventLog.ADDRESS).validate();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    // PBKDF2 takes a while per user: on a worker, so that start-up never stalls an event loop
    return vertx.executeBlocking(() -> UserDirectory.hashing(config.users()), false)
      .compose(users -> StoreConnection.open(vertx, config, clock).compose(opened -> observe(opened)
        .compose(observing -> vertx.createHttpServer().requestHandler(router(users, opened, sessionOptions))
          .listen(config.port(), config.host())
          .recover(err -> Future.failedFuture(new IllegalStateException(
            "cannot listen on " + config.host() + ":" + config.port() + ": " + err.getMessage(), err))))
          .recover(err -> stopObserving().transform(stopped -> opened.close())
            .transform(closed -> Future.failedFuture(err)))
          .onSuccess(listening -> {
            connection = opened;
            server = listening;
            LOG.info("vertx-sessions demo ready on {} (sessions in the {} store, idle timeout {}, users: {})",
              url(config.host(), listening.actualPort()), opened.name(), config.idleTimeout(),
              String.join(", ", new TreeSet<>(users.names())));
          })));
  }

  @Override
  public Future<?> stop() {
    Future<Void> serverClosed = server == null ? Future.succeededFuture() : server.close();
    return serverClosed.transform(ar -> stopObserving())
      .transform(ar -> connection == null ? Future.succeededFuture() : connection.close())
      .onComplete(ar -> LOG.info("vertx-sessions demo stopped"));
  }

  /** Binds the session meters for /metrics and starts logging session events. */
  private Future<Void> observe(StoreConnection opened) {
    metrics = SessionMetrics.bind(vertx, prometheus);
    if (opened.store() instanceof LocalSessionStore local) {
      metrics.bindLocalStore(local);
    }
    return SessionEventLog.start(vertx).map(log -> {
      eventLog = log;
      return null;
    });
  }

  /** Unbinds the meters and stops logging events. */
  private Future<Void> stopObserving() {
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
    return eventLog == null ? Future.succeededFuture() : eventLog.stop();
  }

  private Router router(UserDirectory users, StoreConnection store, SessionOptions options) {
    SessionHandler sessions = SessionHandler.create(vertx, store.store(), options)
      .storeFailureHandler(DemoApi::storeUnavailable);
    // the same store and options as the handler, so that handles match
    SessionRegistry registry = SessionRegistry.create(vertx, store.store(), options);
    Router router = Router.router(vertx);
    router.route().handler(new AccessLog()).handler(DemoVerticle::securityHeaders);
    // outside /api, so no session handler runs: a scrape neither needs nor creates a session
    router.get("/metrics").handler(ctx -> ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(prometheus.scrape()));
    new DemoApi(vertx, new DirectoryAuthentication(vertx, users), registry, store, options).mount(router, sessions);
    router.route().handler(StaticHandler.create("webroot").setCachingEnabled(false));
    return router;
  }

  /** The page has no inline script or style, so it can forbid them: an injected script would not run. */
  private static void securityHeaders(RoutingContext ctx) {
    ctx.response().headers()
      .set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
      .set("X-Content-Type-Options", "nosniff")
      .set("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  private static String url(String host, int port) {
    boolean loopbackOrAny = host.equals("127.0.0.1") || host.equals("0.0.0.0") || host.equals("localhost");
    return "http://" + (loopbackOrAny ? "localhost" : host) + ":" + port;
  }

  private static List<String> secrets(DemoConfig config) {
    if (!config.secrets().isEmpty()) {
      return config.secrets();
    }
    LOG.warn("No session secret given (--secret or SESSION_SECRETS): cookies are signed with a random secret, so "
      + "sessions will not survive a restart");
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }
}
