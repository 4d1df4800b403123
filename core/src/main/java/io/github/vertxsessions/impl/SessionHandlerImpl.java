package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionObserver.StoreOperation;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The request lifecycle, start to end:
 * <ol>
 *   <li>read the ID from the cookie or header ({@link IdCarrier}) and verify its signature; a missing or bad one
 *   means a fresh session and no store call;</li>
 *   <li>wait (at most the write timeout) for this Vert.x instance's writes of that session still under way, then load
 *   it with one store call (bounded by the store timeout), the request body paused meanwhile; a missing session also
 *   means a fresh one; a store that fails gives the routes a degraded session, which is never written, and calls the
 *   store failure handler;</li>
 *   <li>let the routes run;</li>
 *   <li>when the response headers are written: start the save of what changed (unless the status is 5xx) and set
 *   or clear the cookie or header.</li>
 * </ol>
 */
public class SessionHandlerImpl implements SessionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);
  /** The verified cookie ID of the request, for the end of a request that passed this handler twice. */
  private static final String COOKIE_ID_KEY = "io.github.vertxsessions.cookieId";

  private final HandlerRuntime runtime;
  private final SessionOptions options;
  private final CookieSigner signer;
  private final IdCarrier carrier;
  private final FailureLog loadFailures;
  private final FailureLog saveFailures;
  private Handler<RoutingContext> storeFailureHandler = SessionHandlerImpl::serviceUnavailable;

  public SessionHandlerImpl(Vertx vertx, SessionStore store, SessionOptions options) {
    VertxWebBridge.requireInternals();
    this.options = options;
    this.runtime = HandlerRuntime.of(vertx, Objects.requireNonNull(store, "store"), options);
    this.signer = new CookieSigner(options.getSecrets());
    this.carrier = IdCarrier.of(options);
    this.loadFailures = new FailureLog(LOG, runtime.clock(), runtime.failureLogInterval(),
      "Session store unavailable: loading sessions", false);
    this.saveFailures = new FailureLog(LOG, runtime.clock(), runtime.failureLogInterval(),
      "Automatic session saves", true);
  }

  @Override
  public SessionHandler storeFailureHandler(Handler<RoutingContext> handler) {
    this.storeFailureHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!VertxWebBridge.firstPass(ctx, SESSION_KEY)) {
      secondPass(ctx);
      return;
    }
    HttpServerRequest request = ctx.request();
    String cookieId = signer.verify(carrier.read(request));
    if (cookieId == null) {
      begin(ctx, SessionImpl.fresh(runtime), null);
      return;
    }
    Context context = Vertx.currentContext();
    Future<SessionRecord> loading = settledThenLoaded(context, cookieId);
    if (loading.succeeded()) { // an in-memory store answers at once
      loadFailures.succeeded();
      begin(ctx, sessionFor(loading.result()), cookieId);
      return;
    }
    // keep the body for a BodyHandler further down the route while the store answers
    boolean paused = !request.isEnded();
    if (paused) {
      request.pause();
    }
    loading.onComplete(loaded -> {
      if (paused) {
        request.resume();
      }
      if (loaded.failed()) {
        storeFailed(ctx, cookieId, loaded.cause());
      } else {
        loadFailures.succeeded();
        begin(ctx, sessionFor(loaded.result()), cookieId);
      }
    });
  }

  /**
   * Waits for this node's writes of the session still under way, then loads it, within one store timeout in all: a
   * write the store has not answered by then answers as a store that did not answer, since loading before it lands
   * could find nothing and clear a cookie whose session is on its way.
   */
  private Future<SessionRecord> settledThenLoaded(Context context, String id) {
    Future<Void> settled = runtime.writes().settled(id, context);
    if (settled.succeeded()) {
      return load(context, id, runtime.loadTimeout());
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runtime.loadTimeout());
    return CallerContext.within(context, settled, runtime.loadTimeout(), "a write of this session")
      .compose(v -> load(context, id, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
  }

  private Future<SessionRecord> load(Context context, String id, long timeoutMillis) {
    return CallerContext.within(context, runtime.observed(StoreOperation.LOAD,
      () -> runtime.store().load(id, runtime.touchInterval())), timeoutMillis, "the store");
  }

  private SessionImpl sessionFor(SessionRecord record) {
    return record == null ? SessionImpl.fresh(runtime) : SessionImpl.loaded(runtime, record);
  }

  private void begin(RoutingContext ctx, SessionImpl session, String cookieId) {
    if (!carrier.mayAnswer(ctx.request())) {
      session.writer().cannotReachClient();
    }
    ctx.put(SESSION_KEY, session);
    ctx.put(COOKIE_ID_KEY, cookieId);
    VertxWebBridge.attach(ctx, session);
    ctx.addHeadersEndHandler(v -> end(ctx, session, cookieId));
    ctx.next();
  }

  /**
   * A reroute or a second mount of this handler: the session stays; a reroute has dropped the headers-end handlers,
   * so one is added again, and {@link #end} runs once whatever the number of handlers.
   */
  private void secondPass(RoutingContext ctx) {
    if (ctx.get(SESSION_KEY) instanceof SessionImpl session && !session.isDegraded()) {
      String cookieId = ctx.get(COOKIE_ID_KEY);
      ctx.addHeadersEndHandler(v -> end(ctx, session, cookieId));
    }
    ctx.next();
  }

  private void end(RoutingContext ctx, SessionImpl session, String cookieId) {
    SessionWriter writer = session.writer();
    if (writer.hasResponded()) {
      return;
    }
    HttpServerResponse response = ctx.response();
    boolean saves = response.getStatusCode() < 500;
    if (saves) {
      // the handler's own change, so recorded before the mark that makes any later change a late one: a log-in by an
      // authentication handler is no late change
      VertxWebBridge.keepUser(ctx, session, options.getPrincipalName());
    }
    writer.responding();
    if (saves) {
      Future<Void> saving = session.saveAutomatically();
      if (saving != SessionImpl.NOTHING_WRITTEN) {
        saving.onComplete(saved -> automaticSaveDone(session, saved.cause()));
      }
    }
    String storedId = session.storedId();
    long maxAge = cookieMaxAgeSeconds(session);
    boolean clear = storedId == null && cookieId != null;
    boolean set = storedId != null && (!storedId.equals(cookieId) || session.cookieLifetimeChanged()
      || options.isRolling() && maxAge >= 0);
    HttpServerRequest request = ctx.request();
    writer.sent();
    if (!(clear || set) || !carrier.mayAnswer(request)) {
      return;
    }
    if (clear) {
      carrier.clear(request);
    } else {
      carrier.write(request, signer.sign(storedId), maxAge);
    }
  }

  private long cookieMaxAgeSeconds(SessionImpl session) {
    if (session.cookieMaxAge() >= 0) {
      return TimeUnit.MILLISECONDS.toSeconds(session.cookieMaxAge());
    }
    return options.getCookieMaxAge() == null ? -1 : options.getCookieMaxAge().toSeconds();
  }

  /**
   * The routes get a degraded session, never written, in case the failure handler lets the request go on; the
   * cookie is left as it is, so the session is there again once the store is back.
   */
  private void storeFailed(RoutingContext ctx, String id, Throwable cause) {
    loadFailures.failed(SessionRecord.redact(id), cause);
    runtime.monitor().onStoreUnavailable(runtime.store().type(), cause);
    SessionImpl degraded = SessionImpl.degraded(runtime);
    ctx.put(SESSION_KEY, degraded);
    VertxWebBridge.attach(ctx, degraded);
    ctx.put(STORE_FAILURE_KEY, cause);
    storeFailureHandler.handle(ctx);
  }

  private static void serviceUnavailable(RoutingContext ctx) {
    ctx.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
      .putHeader(HttpHeaders.RETRY_AFTER, "1").end("Service Unavailable");
  }

  private void automaticSaveDone(SessionImpl session, Throwable err) {
    if (err == null) {
      saveFailures.succeeded();
    } else if (err instanceof SessionGoneException) {
      // destroyed by a concurrent request (log-out) or expired: not writing it back is the point
      LOG.debug("Session {} was gone by the time its changes were saved", SessionRecord.redact(session.id()));
    } else {
      saveFailures.failed(SessionRecord.redact(session.id()), err);
      runtime.monitor().onAutomaticSaveFailed(runtime.store().type(), err, FailureLog.outcomeUnknown(err));
    }
  }
}
