package io.github.vertxsessions.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The store writes of this JVM still under way, by session ID. A request waits for the writes of its session before
 * loading it, so that a client never reads a state older than the one its previous response was built on, whichever
 * handler, verticle or event loop served that response.
 */
final class WritesInFlight {

  static final WritesInFlight JVM_WIDE = new WritesInFlight();

  private final ConcurrentHashMap<String, Future<Void>> writes = new ConcurrentHashMap<>();

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
