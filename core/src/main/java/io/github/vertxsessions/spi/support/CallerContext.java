package io.github.vertxsessions.spi.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeoutException;

/**
 * Delivering an asynchronous result where the SPI contract wants it: on the caller's context, and in bounded time.
 * (Future.timeout would fire on a global executor thread for a Future that carries no context.) For store authors
 * whose client completes its futures elsewhere, and for the handler's own bounded loads.
 */
public final class CallerContext {

  private CallerContext() {
  }

  /**
   * The outcome of {@code future}, completed on {@code context}; or a {@link TimeoutException} saying that
   * {@code who} did not answer, if it takes longer than {@code timeoutMillis}. A future already complete is returned
   * as it is. The timeout does not cancel the work behind {@code future}, whose later outcome is then dropped.
   *
   * @param context       where the outcome is delivered, usually {@code Vertx.currentContext()} of the caller
   * @param future        the operation's outcome
   * @param timeoutMillis how long to wait for it, in milliseconds
   * @param who           what is waited for, for the timeout's message, such as {@code "Redis"}
   * @param <T>           the result's type
   * @return a future completed on {@code context} with the outcome of {@code future} or the timeout
   */
  public static <T> Future<T> within(Context context, Future<T> future, long timeoutMillis, String who) {
    if (future.isComplete()) {
      return future;
    }
    Vertx vertx = context.owner();
    Promise<T> outcome = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, id -> context.runOnContext(v -> outcome.tryFail(
      new TimeoutException(who + " did not answer within " + timeoutMillis + " ms"))));
    future.onComplete(ar -> {
      Runnable settle = () -> {
        vertx.cancelTimer(timer);
        if (ar.succeeded()) {
          outcome.tryComplete(ar.result());
        } else {
          outcome.tryFail(ar.cause());
        }
      };
      if (Vertx.currentContext() == context) {
        settle.run();
      } else {
        context.runOnContext(v -> settle.run());
      }
    });
    return outcome.future();
  }
}
