package io.github.vertxsessions.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one polling helper of the tests: waits on the test thread until something observable from outside (a log line,
 * a server's state, a consumer's count) holds, and fails after a bound. The bound is a ceiling, never a duration the
 * test relies on: a fast machine returns at the first poll that holds, a loaded one may take most of the bound. Derive
 * it from the configured timeout that governs the awaited state, with margin.
 */
public final class Eventually {

  /** Between two polls: short, since a poll that holds returns at once and a slow one only costs CPU. */
  private static final long POLL_MILLIS = 10;

  private Eventually() {
  }

  /**
   * Returns once {@code done} holds.
   *
   * @param bound how long to poll at most
   * @param what  what is awaited, for the failure message
   * @param done  polled on the calling thread until it answers true
   * @throws AssertionError if {@code done} still answers false after {@code bound}
   */
  public static void eventually(Duration bound, String what, BooleanSupplier done) {
    eventually(bound, what, done::getAsBoolean, Boolean::booleanValue);
  }

  /**
   * Returns the first value of {@code value} that {@code done} accepts.
   *
   * @param bound how long to poll at most
   * @param what  what is awaited, for the failure message (which names the last value too)
   * @param value polled on the calling thread
   * @param done  whether a value is the awaited one
   * @param <T>   the polled value's type
   * @return the accepted value
   * @throws AssertionError if no value was accepted within {@code bound}
   */
  public static <T> T eventually(Duration bound, String what, Supplier<T> value, Predicate<? super T> done) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      T current = value.get();
      if (done.test(current)) {
        return current;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Not within " + bound.toMillis() + " ms: " + what + " (last: " + current + ")");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + what, e);
      }
    }
  }
}
