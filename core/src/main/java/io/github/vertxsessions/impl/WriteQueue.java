package io.github.vertxsessions.impl;

import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * One session's store writes, run one after another, each bounded by the write timeout and registered with the writes
 * in flight of the Vert.x instance, so that the next request of that session waits for it, and no longer than that.
 */
final class WriteQueue {

  private final Context context;
  private final long timeoutMillis;
  private final WritesInFlight inFlight;
  private Future<Void> last = Future.succeededFuture();

  /** @param context the request's, where every outcome is delivered */
  WriteQueue(Context context, long timeoutMillis, WritesInFlight inFlight) {
    this.context = context;
    this.timeoutMillis = timeoutMillis;
    this.inFlight = inFlight;
  }

  /** Runs {@code write} of session {@code id} once the writes before it are done, well or not. */
  Future<Void> enqueue(String id, Supplier<Future<Void>> write) {
    Future<Void> next = last.transform(ar -> CallerContext.within(context, write.get(), timeoutMillis, "the store"));
    last = next;
    inFlight.track(id, next);
    return next;
  }

  /** Completes when every write asked for so far is done; fails if the last one failed. */
  Future<Void> last() {
    return last;
  }
}
