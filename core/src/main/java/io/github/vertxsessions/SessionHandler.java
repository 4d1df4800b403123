package io.github.vertxsessions;

import io.github.vertxsessions.impl.SessionHandlerImpl;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Gives every request that passes it a {@link Session}: mount it on a {@code Router} before the routes that use
 * sessions. It reads the signed cookie (or header: {@link SessionOptions#setIdTransport}), loads the session with one
 * store call, and saves what changed when the response is sent.
 *
 * <p>Like vertx-web's own session handler it is a {@link PlatformHandler}: it goes before body, authentication,
 * CSRF and user handlers on a route, and a request passes it once (a reroute or a second mount goes straight on).
 *
 * <pre>{@code
 * router.route().handler(SessionHandler.create(vertx, LocalSessionStore.create(vertx),
 *     new SessionOptions().setSecrets(List.of(secret))));
 * router.get("/").handler(ctx -> ctx.end("Hello " + SessionHandler.session(ctx).get("user")));
 * }</pre>
 */
public interface SessionHandler extends PlatformHandler {

  /** The key of the current {@link Session} in the routing context's data. */
  String SESSION_KEY = "io.github.vertxsessions.session";
  /**
   * The key of the store's failure (a {@code Throwable}) in the routing context's data, for a
   * {@link #storeFailureHandler store failure handler}.
   */
  String STORE_FAILURE_KEY = "io.github.vertxsessions.storeFailure";

  /**
   * A handler that keeps its sessions in {@code store}.
   *
   * @param vertx   the Vert.x instance the handler runs on
   * @param store   where sessions live between requests, such as a {@link LocalSessionStore}; the handler never
   *                closes it, and its {@link SessionStore#clock() clock} gives every session time
   * @param options the handler's options, copied: changing them afterwards does not change the handler
   * @return the handler, to mount on a router before the routes that use sessions
   * @throws IllegalArgumentException naming the option at fault when the options are invalid, such as when no secret
   *                                  is set
   */
  static SessionHandler create(Vertx vertx, SessionStore store, SessionOptions options) {
    return new SessionHandlerImpl(vertx, store, new SessionOptions(options).validate());
  }

  /**
   * The session of the current request.
   *
   * @param ctx the request's routing context
   * @return its session, or {@code null} when no session handler is on its route (or none has run yet)
   */
  static Session session(RoutingContext ctx) {
    return ctx.get(SESSION_KEY);
  }

  /**
   * Replaces the default answer to a store that fails or does not answer within the store timeout while loading a
   * session: 503 with a short plain-text body. The failure is in the context under {@link #STORE_FAILURE_KEY}. A
   * handler may answer, or call {@code ctx.next()} to let the routes serve the request without its session: they
   * then get a {@link Session#isDegraded() degraded} session, empty and never written.
   *
   * @param handler called on the request's context with the routing context of the request that failed
   * @return this handler
   */
  SessionHandler storeFailureHandler(Handler<RoutingContext> handler);
}
