package io.github.vertxsessions.testservers;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the futures of server set-up and tear-down, which run on the test thread outside any test method (in
 * constructors and {@code close()}), where a checked {@link TimeoutException} has nowhere to go.
 */
final class Blocking {

  /** Generous for a loaded machine: set-up commands answer in milliseconds when nothing is wrong. */
  private static final long TIMEOUT_SECONDS = 10;

  private Blocking() {
  }

  /** The result of {@code future}, or its failure thrown; an {@link IllegalStateException} after the timeout. */
  static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Not completed within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
