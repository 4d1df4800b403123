package io.github.vertxsessions.impl;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionObserver.StoreOperation;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeoutException;

/**
 * What follows a change of ID whose outcome the caller does not know: an answer lost, replicas that did not confirm,
 * or a store that applied it after the write timeout, when the response had already kept the old ID.
 */
final class UncertainIdChange {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private UncertainIdChange() {
  }

  /**
   * After a change to {@code to} failed with {@code err}: one load of the new ID tells whether the store applied it.
   *
   * @return the session's version under {@code to} when it is there; else {@code err}, as it is for the failures
   *         that say the store applied nothing (gone, taken, not supported)
   */
  static Future<Long> whereIsIt(HandlerRuntime runtime, Context context, String to, Throwable err) {
    if (err instanceof SessionGoneException || err instanceof DuplicateSessionIdException
      || err instanceof UnsupportedOperationException) {
      return Future.failedFuture(err);
    }
    return CallerContext.within(context, runtime.store().load(to, Long.MAX_VALUE), runtime.loadTimeout(), "the store")
      .transform(found -> found.succeeded() && found.result() != null
        ? Future.succeededFuture(found.result().version()) : Future.failedFuture(err));
  }

  /**
   * A move the store made after the caller was told it failed goes back to the ID the cookie keeps, or the client
   * would hold an ID that reaches nothing.
   *
   * @return fails in any case: the change the caller was told about did fail
   */
  static Future<Long> moveBack(HandlerRuntime runtime, String to, String at) {
    LOG.warn("Session {}: its change of ID was applied after the write timeout, when the response already kept the "
      + "old ID; moving it back", SessionRecord.redact(at));
    return runtime.observed(StoreOperation.CHANGE_ID, () -> runtime.store().changeId(to, at)).transform(ar -> {
      if (ar.failed()) {
        LOG.error("Session {}: moving it back to its old ID failed ({}); its client has lost it",
          SessionRecord.redact(at), ar.cause().toString());
      }
      return Future.failedFuture(new TimeoutException(
        "The change of ID was applied after the write timeout, and moved back"));
    });
  }
}
