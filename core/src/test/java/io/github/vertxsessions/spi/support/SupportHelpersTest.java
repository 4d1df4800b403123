package io.github.vertxsessions.spi.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helpers for store authors: results delivered on the caller's context in bounded time, and the sweep pace. */
class SupportHelpersTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void anOutcomeFromAnotherThreadArrivesOnTheCallersContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    Promise<String> answer = Promise.promise();
    CompletableFuture<Context> deliveredOn = new CompletableFuture<>();
    CompletableFuture<String> value = new CompletableFuture<>();
    context.runOnContext(v -> CallerContext.within(context, answer.future(), 5_000, "the store").onComplete(ar -> {
      deliveredOn.complete(Vertx.currentContext());
      value.complete(ar.result());
    }));

    Thread other = new Thread(() -> answer.complete("done"));
    Thread.sleep(20);
    other.start();

    assertSame(context, deliveredOn.get(5, TimeUnit.SECONDS));
    assertEquals("done", value.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aFailureFromAnotherThreadArrivesOnTheCallersContextToo() throws Exception {
    Context context = vertx.getOrCreateContext();
    Promise<String> answer = Promise.promise();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CompletableFuture<Context> deliveredOn = new CompletableFuture<>();
    context.runOnContext(v -> CallerContext.within(context, answer.future(), 5_000, "the store").onComplete(ar -> {
      deliveredOn.complete(Vertx.currentContext());
      failure.complete(ar.cause());
    }));

    new Thread(() -> answer.fail(new IllegalStateException("broken"))).start();

    assertSame(context, deliveredOn.get(5, TimeUnit.SECONDS));
    assertEquals("broken", failure.get(5, TimeUnit.SECONDS).getMessage());
  }

  @Test
  void noAnswerInTimeIsATimeoutNamingWhoAndHowLong() {
    Context context = vertx.getOrCreateContext();

    Throwable failure = awaitFailure(CallerContext.within(context, Promise.promise().future(), 50, "the store"));

    assertInstanceOf(TimeoutException.class, failure);
    assertEquals("the store did not answer within 50 ms", failure.getMessage());
  }

  @Test
  void aCompletedFutureIsReturnedAsItIs() {
    Future<String> done = Future.succeededFuture("x");

    assertSame(done, CallerContext.within(vertx.getOrCreateContext(), done, 50, "the store"));
  }

  @Test
  void closingBeforeTheFirstSliceMeansNoSliceRuns() throws InterruptedException {
    Vertx fresh = Vertx.vertx(); // its first timer has ID 0
    try {
      AtomicInteger slices = new AtomicInteger();
      SweepSchedule schedule = new SweepSchedule(fresh, Duration.ofMillis(100), () -> {
        slices.incrementAndGet();
        return Future.succeededFuture(false);
      });
      schedule.start(fresh.getOrCreateContext());
      Thread.sleep(30);

      schedule.close();
      Thread.sleep(250);

      assertEquals(0, slices.get());
    } finally {
      await(fresh.close());
    }
  }

  @Test
  void aBacklogIsWorkedOffAtOnceAndThenTheIntervalIsKept() throws InterruptedException {
    AtomicInteger slices = new AtomicInteger();
    SweepSchedule schedule = new SweepSchedule(vertx, Duration.ofMillis(400), () ->
      Future.succeededFuture(slices.incrementAndGet() <= 5)); // five slices find more, the sixth finds none
    schedule.start(vertx.getOrCreateContext());

    long deadline = System.currentTimeMillis() + 3_000;
    while (slices.get() < 6 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    long sixth = System.currentTimeMillis();
    Thread.sleep(150);
    int afterwards = slices.get();
    schedule.close();

    assertTrue(sixth < deadline, "the six slices ran: " + slices.get());
    assertEquals(6, afterwards, "after the backlog, the next slice waits for the interval");
  }

  @Test
  void aFailedSliceWaitsForTheInterval() throws InterruptedException {
    AtomicInteger slices = new AtomicInteger();
    SweepSchedule schedule = new SweepSchedule(vertx, Duration.ofMillis(300), () -> {
      slices.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("down"));
    });
    schedule.start(vertx.getOrCreateContext());

    Thread.sleep(450);
    schedule.close();

    assertEquals(1, slices.get(), "no retry at once after a failure");
  }
}
