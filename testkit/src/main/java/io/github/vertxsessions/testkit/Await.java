package io.github.vertxsessions.testkit;

import io.vertx.core.Future;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Test-thread helpers: block the JUnit thread (never an event loop) until a Future completes.
 *
 * @deprecated to be removed once every module uses Future.await: {@code future.await(10, TimeUnit.SECONDS)} on the
 *   test thread, or a {@code VertxTestContext} in callbacks.
 */
@Deprecated(forRemoval = true)
public final class Await {

  private Await() {
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("Future did not complete in 10 s", e);
    }
  }

  /** The failure of a Future that must fail. */
  public static Throwable awaitFailure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("Expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("Future did not complete in 10 s", e);
    }
  }
}
