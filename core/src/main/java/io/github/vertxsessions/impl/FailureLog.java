package io.github.vertxsessions.impl;

import io.github.vertxsessions.spi.RequestNotSentException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.concurrent.TimeoutException;

/**
 * Logs a run of failures of one kind in a bounded number of lines: the first with its cause, then at most one per
 * interval with the number since the last line, and one when things work again. Under load through an outage that is
 * a handful of lines instead of one per request; the per-request counts are the metrics' job.
 *
 * <p>Safe on any thread: successes, the common case, read one volatile field; failures take a lock, which only
 * requests that are failing anyway contend for.
 */
final class FailureLog {

  private final Logger log;
  private final Clock clock;
  private final long intervalMillis;
  /** What fails, for the lines: such as "Loading sessions from the store". */
  private final String what;
  /** Whether the operations are writes, whose outcome may be unknown; a load's never is. */
  private final boolean writes;
  private volatile boolean failing;
  private long firstFailureAt;
  private long lastLineAt;
  private long sinceLastLine;
  private long unknownSinceLastLine;
  private long total;

  FailureLog(Logger log, Clock clock, long intervalMillis, String what, boolean writes) {
    this.log = log;
    this.clock = clock;
    this.intervalMillis = intervalMillis;
    this.what = what;
    this.writes = writes;
  }

  /**
   * Whether the outcome of a write that failed with {@code cause} is unknown: its request may have reached the store
   * and its answer was lost on the way (a timeout, a closed or reset connection), so the store may have applied it.
   * A request that never left the process is not: a refused connection, a full pool, or a store's own timeout that
   * ended it while it was still queued ({@link RequestNotSentException}). Anything else is an answer from the store,
   * or a failure before the store was asked, and not unknown either.
   */
  static boolean outcomeUnknown(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      // checked first: a refused connection is an IOException, and a timeout may wrap a request never sent
      if (t instanceof ConnectException || t instanceof ConnectionPoolTooBusyException
        || t instanceof RequestNotSentException) {
        return false;
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** One more failure; {@code session} is the redacted ID it happened to. */
  void failed(String session, Throwable cause) {
    // a read applies nothing, whatever became of it
    boolean unknown = writes && outcomeUnknown(cause);
    long now = clock.millis();
    synchronized (this) {
      total++;
      if (!failing) {
        failing = true;
        firstFailureAt = now;
        lastLineAt = now;
        sinceLastLine = 0;
        unknownSinceLastLine = 0;
        log.warn("{} failed{}: session {}: {}; further failures are logged at most every {} ms", what,
          unknown ? " with outcome unknown (the store may have applied it)" : "", session, describe(cause),
          intervalMillis);
        return;
      }
      sinceLastLine++;
      if (unknown) {
        unknownSinceLastLine++;
      }
      if (now - lastLineAt >= intervalMillis) {
        log.warn("{} still failing: {} more since the last line{}, {} in {} ms; last: {}", what, sinceLastLine,
          unknownSinceLastLine == 0 ? "" : " (" + unknownSinceLastLine + " with outcome unknown)", total,
          now - firstFailureAt, describe(cause));
        lastLineAt = now;
        sinceLastLine = 0;
        unknownSinceLastLine = 0;
      }
    }
  }

  /** A success: ends a run of failures, if one is going on. */
  void succeeded() {
    if (!failing) {
      return;
    }
    long now = clock.millis();
    synchronized (this) {
      if (failing) {
        failing = false;
        log.info("{}: the store answers again, after {} failures in {} ms", what, total, now - firstFailureAt);
        total = 0;
      }
    }
  }

  static String describe(Throwable err) {
    return err.getClass().getSimpleName() + (err.getMessage() == null ? "" : ": " + err.getMessage());
  }
}
