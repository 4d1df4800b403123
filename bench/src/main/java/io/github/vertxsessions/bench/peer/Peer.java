package io.github.vertxsessions.bench.peer;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * One session implementation under test, as the shared {@link Routes} see it: the handler to mount and one attribute
 * read or written on the current request's session. Every peer serves the very same routes through this interface,
 * so the figures differ only by what sits behind it.
 */
public interface Peer {

  /** The handler mounted in front of the routes, or null for none (the floor). */
  Handler<RoutingContext> sessionHandler();

  Object get(RoutingContext ctx, String name);

  void put(RoutingContext ctx, String name, Object value);

  /** How many sessions the store holds; -1 when there is no store. */
  Future<Long> sessionCount();
}
