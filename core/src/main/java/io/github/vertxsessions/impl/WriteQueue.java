package io.github.vertxsessions.impl;

import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.function.Supplier;

/**
 * One session's store writes, run one after another. The caller's answer is bounded by the write timeout; the write
 * itself stays registered with the writes in flight of the Vert.x instance until the store has answered, so that a
 * later request of the session never mistakes a slow write for a missing session, and for at most
 * {@value #HELD_TIMEOUTS} write timeouts, so that a store call that never completes does not hold its session forever.
 */
final class WriteQueue {

  /** How many write timeouts an unanswered write holds its session's requests on this node. */
  static final int HELD_TIMEOUTS = 10;

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

  /**
   * Runs {@code write} once the writes before it are done (or have timed out), registered under every ID it touches.
   *
   * @return its outcome, or a {@link java.util.concurrent.TimeoutException} after the write timeout
   */
  <T> Future<T> enqueue(Supplier<Future<T>> write, String... ids) {
    Promise<Void> answered = Promise.promise();
    Future<T> next = last.transform(ar -> {
      Future<T> running;
      try {
        running = write.get();
      } catch (RuntimeException e) { // a write that cannot even start must not stay in flight
        running = Future.failedFuture(e);
      }
      running.onComplete(done -> answered.tryComplete());
      return CallerContext.within(context, running, timeoutMillis, "the store");
    });
    last = next.mapEmpty();
    if (!answered.future().isComplete()) {
      // a store that answered at once (the local one) holds nothing: no timer, nothing in flight
      long held = context.owner().setTimer(timeoutMillis * HELD_TIMEOUTS, t -> answered.tryComplete());
      answered.future().onComplete(ar -> context.owner().cancelTimer(held));
      for (String id : ids) {
        inFlight.track(id, answered.future());
      }
    }
    return next;
  }

  /** Completes when every write asked for so far is done or timed out; fails if the last one failed. */
  Future<Void> last() {
    return last;
  }
}
