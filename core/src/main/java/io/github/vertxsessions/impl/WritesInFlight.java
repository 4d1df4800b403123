package io.github.vertxsessions.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The store writes of one Vert.x instance still under way, by session ID. A request waits for the writes of its
 * session before loading it, so that a client never reads a state older than the one its previous response was built
 * on, whichever handler, verticle or event loop of that Vert.x instance served that response. Two Vert.x instances in
 * one JVM are two nodes: they do not wait on each other. Every write tracked here is bounded by the handler's write
 * timeout, so a write that never completes is given up on instead of holding its session's requests forever.
 */
final class WritesInFlight implements Shareable {

  private static final String SHARED_MAP = "io.github.vertxsessions.writes-in-flight";

  private final ConcurrentHashMap<String, Future<Void>> writes = new ConcurrentHashMap<>();

  /** The registry of {@code vertx}, made at its first use. */
  static WritesInFlight of(Vertx vertx) {
    return vertx.sharedData().<String, WritesInFlight>getLocalMap(SHARED_MAP)
      .computeIfAbsent("writes", name -> new WritesInFlight());
  }

  void track(String id, Future<Void> write) {
    if (write.isComplete()) {
      return;
    }
    // join, unlike all, waits for every write to finish even when one fails
    Future<Void> tracked = writes.merge(id, write, (earlier, later) -> Future.join(earlier, later).mapEmpty());
    tracked.onComplete(ar -> writes.remove(id, tracked));
  }

  /** Completes on {@code context} once the writes of {@code id} under way now have finished, well or not. */
  Future<Void> settled(String id, Context context) {
    Future<Void> pending = writes.get(id);
    if (pending == null) {
      return Future.succeededFuture();
    }
    Promise<Void> settled = Promise.promise();
    pending.onComplete(ar -> context.runOnContext(v -> settled.complete()));
    return settled.future();
  }
}
