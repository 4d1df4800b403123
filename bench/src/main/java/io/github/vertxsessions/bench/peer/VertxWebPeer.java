package io.github.vertxsessions.bench.peer;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * vertx-web's own SessionHandler over one of its stores, configured as a user would: its defaults, except the
 * cookie name and idle timeout every peer shares. (Its cookie is unsigned by default; ours is always signed.)
 */
final class VertxWebPeer implements Peer {

  private final SessionStore store;
  private final SessionHandler handler;

  VertxWebPeer(SessionStore store) {
    this.store = store;
    this.handler = SessionHandler.create(store)
      .setSessionCookieName(PeerKind.COOKIE_NAME)
      .setSessionTimeout(PeerKind.IDLE_TIMEOUT.toMillis());
  }

  @Override
  public Handler<RoutingContext> sessionHandler() {
    return handler;
  }

  @Override
  public Object get(RoutingContext ctx, String name) {
    return ctx.session().get(name);
  }

  @Override
  public void put(RoutingContext ctx, String name, Object value) {
    ctx.session().put(name, value);
  }

  @Override
  public Future<Long> sessionCount() {
    return store.size().map(Integer::longValue);
  }
}
