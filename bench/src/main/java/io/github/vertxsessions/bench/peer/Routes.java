package io.github.vertxsessions.bench.peer;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The routes every peer serves, written once against {@link Peer}. */
public final class Routes {

  static final String USER = "user";
  static final String COUNTER = "n";

  private Routes() {
  }

  public static Router router(Vertx vertx, Peer peer) {
    Router router = Router.router(vertx);
    // before the session handler, so that asking for figures creates no session
    router.get("/stats").handler(ctx -> peer.sessionCount().onComplete(count -> {
      if (count.succeeded()) {
        ctx.json(new JsonObject().put("sessions", count.result()));
      } else {
        ctx.fail(count.cause());
      }
    }));
    if (peer.sessionHandler() != null) {
      router.route().handler(peer.sessionHandler());
    }
    router.get("/read").handler(ctx -> read(ctx, peer));
    router.get("/write").handler(ctx -> write(ctx, peer));
    router.get("/login").handler(ctx -> login(ctx, peer));
    router.get("/counter").handler(ctx -> counter(ctx, peer));
    return router;
  }

  /** Reads one attribute and changes nothing. */
  private static void read(RoutingContext ctx, Peer peer) {
    Object user = peer.get(ctx, USER);
    ctx.end(user == null ? "anonymous" : user.toString());
  }

  /** Increments a counter. */
  private static void write(RoutingContext ctx, Peer peer) {
    Object n = peer.get(ctx, COUNTER);
    long next = n instanceof Number number ? number.longValue() + 1 : 1;
    peer.put(ctx, COUNTER, next);
    ctx.end(Long.toString(next));
  }

  /** Reads the counter and changes nothing: the suite sums it after the write scenario to find lost writes. */
  private static void counter(RoutingContext ctx, Peer peer) {
    Object n = peer.get(ctx, COUNTER);
    ctx.end(n instanceof Number number ? Long.toString(number.longValue()) : "0");
  }

  /** Puts a user into the request's session: requests without a cookie mint a new one. */
  private static void login(RoutingContext ctx, Peer peer) {
    peer.put(ctx, USER, "user-" + Long.toHexString(System.nanoTime()));
    ctx.end("welcome");
  }
}
