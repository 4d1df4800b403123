package io.github.vertxsessions.bench.peer;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;

/**
 * This library's SessionHandler over one of its stores, with its defaults (rolling, touch interval 1/100); owned, a
 * log-in also gives the session to its user, so the store keeps its index by principal.
 */
final class OurPeer implements Peer {

  /** Only signs benchmark cookies; never used anywhere else. */
  private static final String SECRET = "vertx-sessions-benchmark-secret-0123456789";

  private final SessionStore store;
  private final SessionHandler handler;
  private final boolean owned;

  OurPeer(Vertx vertx, SessionStore store, boolean owned) {
    this(vertx, store, owned, null);
  }

  /** @param cookieMaxAge the cookie's Max-Age, re-sent on every response (rolling); null for a browser-session one */
  OurPeer(Vertx vertx, SessionStore store, boolean owned, Duration cookieMaxAge) {
    this.store = store;
    this.owned = owned;
    this.handler = SessionHandler.create(vertx, store, new SessionOptions()
      .setSecrets(List.of(SECRET))
      .setCookieName(PeerKind.COOKIE_NAME)
      .setIdleTimeout(PeerKind.IDLE_TIMEOUT)
      .setCookieMaxAge(cookieMaxAge));
  }

  @Override
  public Handler<RoutingContext> sessionHandler() {
    return handler;
  }

  @Override
  public Object get(RoutingContext ctx, String name) {
    return SessionHandler.session(ctx).get(name);
  }

  @Override
  public void put(RoutingContext ctx, String name, Object value) {
    Session session = SessionHandler.session(ctx).put(name, value);
    if (owned && Routes.USER.equals(name)) {
      session.setPrincipal(value.toString());
    }
  }

  @Override
  public Future<Long> sessionCount() {
    return store.count();
  }
}
