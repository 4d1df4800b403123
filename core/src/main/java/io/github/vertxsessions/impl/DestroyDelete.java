package io.github.vertxsessions.impl;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionObserver.StoreOperation;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delete of a destroyed session. The client's cookie is cleared whatever happens, so a delete that fails or goes
 * unanswered would leave a stolen copy of that cookie valid until the idle timeout: it is tried again after
 * {@link #RETRY_PAUSES_MILLIS}, each attempt bounded by the write timeout, every failure reported to the observers.
 * Until the last attempt ends, this node holds the session's requests as a write in flight.
 */
final class DestroyDelete {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  /** The pauses before the second, third and fourth attempt; then the delete is given up on. */
  static final long[] RETRY_PAUSES_MILLIS = {1_000, 2_000, 4_000};

  private final HandlerRuntime runtime;
  private final Context context;
  private final String id;
  private final String principal;
  private final Promise<Void> done = Promise.promise();

  private DestroyDelete(HandlerRuntime runtime, Context context, String id, String principal) {
    this.runtime = runtime;
    this.context = context;
    this.id = id;
    this.principal = principal;
  }

  /**
   * Deletes session {@code id}, which belonged to {@code principal} (or null).
   *
   * @return the first attempt's outcome; the retries, if any, go on after it
   */
  static Future<Void> start(HandlerRuntime runtime, Context context, String id, String principal) {
    DestroyDelete delete = new DestroyDelete(runtime, context, id, principal);
    runtime.writes().track(id, delete.done.future());
    return delete.attempt(0);
  }

  private Future<Void> attempt(int retry) {
    Future<Void> attempt = CallerContext.within(context, runtime.observed(StoreOperation.DELETE,
      () -> runtime.store().delete(id, true)), runtime.writeTimeout(), "the store");
    return attempt.onComplete(ar -> {
      if (ar.succeeded()) {
        runtime.monitor().publish(SessionEvent.Type.DESTROYED, id, principal, runtime.store());
        done.complete();
      } else {
        failed(ar.cause(), retry);
      }
    });
  }

  private void failed(Throwable cause, int retry) {
    boolean retrying = retry < RETRY_PAUSES_MILLIS.length;
    runtime.monitor().onDeleteFailed(runtime.store().type(), cause, retrying);
    if (!retrying) {
      LOG.error("Session {}: deleting the destroyed session failed {} times, last with {}; it lives in the store "
        + "until it expires", SessionRecord.redact(id), retry + 1, cause.toString());
      done.complete();
      return;
    }
    LOG.warn("Session {}: deleting the destroyed session failed ({}); trying again in {} ms", SessionRecord.redact(id),
      cause.toString(), RETRY_PAUSES_MILLIS[retry]);
    runtime.vertx().setTimer(RETRY_PAUSES_MILLIS[retry], t -> context.runOnContext(v -> attempt(retry + 1)));
  }
}
