package io.github.vertxsessions.spi.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a store's clean-up of expired sessions on an event loop, one bounded slice at a time: a slice says whether
 * expired sessions remain, and the next one then comes after a millisecond, so other events interleave; otherwise
 * after the interval. For stores that must sweep themselves (those whose server does not expire data on its own).
 */
public final class SweepSchedule {

  private static final long BACKLOG_RETRY_MILLIS = 1;

  private final Vertx vertx;
  private final long intervalMillis;
  private final Supplier<Future<Boolean>> slice;
  private volatile long timerId = -1;
  private volatile boolean closed;

  /**
   * A schedule that does not run until {@link #start started}.
   *
   * @param vertx    the Vert.x instance whose timers run the slices
   * @param interval how long to wait between sweeps once no backlog remains
   * @param slice    removes a bounded number of expired sessions; completes with whether more remain (after a
   *                 failure, the next slice waits an interval)
   */
  public SweepSchedule(Vertx vertx, Duration interval, Supplier<Future<Boolean>> slice) {
    this.vertx = vertx;
    this.intervalMillis = interval.toMillis();
    this.slice = slice;
  }

  /**
   * Runs the first slice an interval from now, and every later one, on {@code context}.
   *
   * @param context where the slices run, such as a context of the store's own
   */
  public void start(Context context) {
    context.runOnContext(v -> schedule(intervalMillis));
  }

  /** Stops the schedule: no slice starts after this, though one under way completes. Closing twice is harmless. */
  public void close() {
    closed = true;
    long id = timerId;
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
  }

  private void schedule(long delayMillis) {
    if (!closed) {
      timerId = vertx.setTimer(delayMillis, id -> slice.get().onComplete(backlog ->
        schedule(backlog.succeeded() && backlog.result() ? BACKLOG_RETRY_MILLIS : intervalMillis)));
    }
  }
}
