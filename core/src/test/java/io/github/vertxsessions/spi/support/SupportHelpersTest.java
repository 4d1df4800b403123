package io.github.vertxsessions.spi.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helpers for store authors: results delivered on the caller's context in bounded time, and the sweep pace.
 *
 * <p>The pace is checked without reading a clock where it can be: a marker timer set from within a slice, shorter
 * than the interval, fires before the next slice on any machine, since timers fire in the order they fall due.
 */
@ExtendWith(VertxExtension.class)
class SupportHelpersTest {

  @Test
  void anOutcomeFromAnotherThreadArrivesOnTheCallersContext(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    Promise<String> answer = Promise.promise();
    context.runOnContext(v -> {
      CallerContext.within(context, answer.future(), 5_000, "the store").onComplete(test.succeeding(value ->
        test.verify(() -> {
          assertSame(context, Vertx.currentContext());
          assertEquals("done", value);
          test.completeNow();
        })));
      // answered once the caller waits, from a thread that is no Vert.x thread, as some clients answer
      new Thread(() -> answer.complete("done")).start();
    });
  }

  @Test
  void aFailureFromAnotherThreadArrivesOnTheCallersContextToo(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    Promise<String> answer = Promise.promise();
    context.runOnContext(v -> {
      CallerContext.within(context, answer.future(), 5_000, "the store").onComplete(test.failing(failure ->
        test.verify(() -> {
          assertSame(context, Vertx.currentContext());
          assertEquals("broken", failure.getMessage());
          test.completeNow();
        })));
      new Thread(() -> answer.fail(new IllegalStateException("broken"))).start();
    });
  }

  @Test
  void noAnswerInTimeIsATimeoutNamingWhoAndHowLong(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();

    CallerContext.within(context, Promise.promise().future(), 50, "the store").onComplete(test.failing(failure ->
      test.verify(() -> {
        assertInstanceOf(TimeoutException.class, failure);
        assertEquals("the store did not answer within 50 ms", failure.getMessage());
        test.completeNow();
      })));
  }

  @Test
  void aCompletedFutureIsReturnedAsItIs(Vertx vertx) {
    Future<String> done = Future.succeededFuture("x");

    assertSame(done, CallerContext.within(vertx.getOrCreateContext(), done, 50, "the store"));
  }

  @Test
  void closingBeforeTheFirstSliceMeansNoSliceRuns() throws Exception {
    Vertx fresh = Vertx.vertx(); // made here, not injected: its first timer, the schedule's, has ID 0
    try {
      AtomicInteger slices = new AtomicInteger();
      Duration interval = Duration.ofMillis(100);
      SweepSchedule schedule = new SweepSchedule(fresh, interval, () -> {
        slices.incrementAndGet();
        return Future.succeededFuture(false);
      });
      Context context = fresh.getOrCreateContext();
      schedule.start(context);
      // after the start on the same context, so the first slice's timer is set and not yet due
      Promise<Void> closed = Promise.promise();
      context.runOnContext(v -> {
        schedule.close();
        closed.complete();
      });
      closed.future().await(10, SECONDS);

      // set after the slice's timer and due later, it fires after that one would have
      fresh.timer(interval.multipliedBy(2).toMillis()).await(10, SECONDS);

      assertEquals(0, slices.get());
    } finally {
      fresh.close().await(10, SECONDS);
    }
  }

  @Test
  void aBacklogIsWorkedOffAtOnceAndThenTheIntervalIsKept(Vertx vertx, VertxTestContext test) {
    Duration interval = Duration.ofMillis(1000);
    AtomicInteger slices = new AtomicInteger();
    AtomicLong firstSliceAt = new AtomicLong();
    SweepSchedule schedule = new SweepSchedule(vertx, interval, () -> {
      int slice = slices.incrementAndGet();
      if (slice == 1) {
        firstSliceAt.set(System.nanoTime());
      } else if (slice == 6) {
        long backlogMillis = (System.nanoTime() - firstSliceAt.get()) / 1_000_000;
        vertx.setTimer(interval.toMillis() / 2, id -> test.verify(() -> {
          // five slices an interval apart would take five intervals at least, as a timer never fires early
          assertTrue(backlogMillis < 5 * interval.toMillis(), "the backlog took " + backlogMillis + " ms");
          assertEquals(6, slices.get(), "after the backlog, the next slice waits for the interval");
          test.completeNow();
        }));
      }
      return Future.succeededFuture(slice <= 5); // five slices find more, the sixth finds none
    });
    schedule.start(vertx.getOrCreateContext());
  }

  @Test
  void aFailedSliceWaitsForTheInterval(Vertx vertx, VertxTestContext test) {
    Duration interval = Duration.ofMillis(300);
    AtomicInteger slices = new AtomicInteger();
    SweepSchedule schedule = new SweepSchedule(vertx, interval, () -> {
      if (slices.incrementAndGet() == 1) {
        vertx.setTimer(interval.toMillis() / 2, id -> test.verify(() -> {
          assertEquals(1, slices.get(), "no retry at once after a failure");
          test.completeNow();
        }));
      }
      return Future.failedFuture(new IllegalStateException("down"));
    });
    schedule.start(vertx.getOrCreateContext());
  }
}
