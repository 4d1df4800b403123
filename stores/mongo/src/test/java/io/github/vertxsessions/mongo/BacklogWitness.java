package io.github.vertxsessions.mongo;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionObserver;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells, for each full batch of a sweeper's round, whether the next batch started before an interval passed, by the
 * order of two timers on the sweeper's event loop rather than by the time it took. As a full batch's last deletion is
 * reported (on the sweeper's context, where the schedule then sets the next batch's timer), it sets a witness timer of
 * one interval there; the next batch, started when the sweeper reads its clock, cancels it. Timers of one event loop
 * fire in the order of their deadlines: a next batch scheduled after the interval comes after the witness, which then
 * records it as late; one scheduled at once comes first.
 */
final class BacklogWitness implements SessionObserver {

  private final Vertx vertx;
  private final long intervalMillis;
  private final int batchSize;
  private final int expected;
  private final AtomicInteger deleted = new AtomicInteger();
  private final AtomicInteger followedAtOnce = new AtomicInteger();
  private final List<String> late = new CopyOnWriteArrayList<>();
  /** The witness timer of the batch that just ended, or -1: set and read on the sweeper's event loop only. */
  private volatile long pending = -1;
  private volatile int pendingAfter;
  /** The sweeper's event-loop thread: a read of the clock elsewhere (the test's own calls) starts no batch. */
  private volatile Thread sweeperThread;

  /**
   * @param vertx    the Vert.x instance of the store
   * @param interval the sweep interval
   * @param batchSize the sweep batch size
   * @param expected how many expired sessions the round deletes: the batch that deletes the last is not full
   */
  BacklogWitness(Vertx vertx, Duration interval, int batchSize, int expected) {
    this.vertx = vertx;
    this.intervalMillis = interval.toMillis();
    this.batchSize = batchSize;
    this.expected = expected;
  }

  /** The store's clock: {@code clock}'s time, each read of {@code millis()} marking the start of a batch. */
  Clock clockOver(Clock clock) {
    return new BatchStarts(clock);
  }

  /** The full batches whose next batch started before the witness fired. */
  int followedAtOnce() {
    return followedAtOnce.get();
  }

  /** The full batches whose next batch waited until the witness fired, at least an interval. */
  List<String> late() {
    return List.copyOf(late);
  }

  @Override
  public void onEvent(SessionEvent event) {
    if (event.type() != SessionEvent.Type.EXPIRED) {
      return;
    }
    int count = deleted.incrementAndGet();
    if (count % batchSize == 0 && count < expected) {
      sweeperThread = Thread.currentThread();
      pendingAfter = count;
      pending = vertx.setTimer(intervalMillis, id -> {
        if (pending == id) {
          pending = -1;
          late.add("the batch after " + pendingAfter + " deletions");
        }
      });
    }
  }

  /** A batch starts: the sweeper reads the time to find what expired by then. */
  private void batchStarted() {
    long witness = pending;
    if (witness >= 0 && Thread.currentThread() == sweeperThread) {
      pending = -1;
      vertx.cancelTimer(witness);
      followedAtOnce.incrementAndGet();
    }
  }

  /** Delegates to the test's clock, noting each read of the milliseconds (the sweeper's, as a batch starts). */
  private final class BatchStarts extends Clock {

    private final Clock clock;

    BatchStarts(Clock clock) {
      this.clock = clock;
    }

    @Override
    public long millis() {
      batchStarted();
      return clock.millis();
    }

    @Override
    public Instant instant() {
      return clock.instant();
    }

    @Override
    public ZoneId getZone() {
      return clock.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return clock.withZone(zone);
    }
  }
}
