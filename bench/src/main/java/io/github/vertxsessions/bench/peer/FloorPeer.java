package io.github.vertxsessions.bench.peer;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** No session at all: the same router and routes with nothing behind them, the best any peer can do. */
final class FloorPeer implements Peer {

  @Override
  public Handler<RoutingContext> sessionHandler() {
    return null;
  }

  @Override
  public Object get(RoutingContext ctx, String name) {
    return null;
  }

  @Override
  public void put(RoutingContext ctx, String name, Object value) {
  }

  @Override
  public Future<Long> sessionCount() {
    return Future.succeededFuture(-1L);
  }
}
