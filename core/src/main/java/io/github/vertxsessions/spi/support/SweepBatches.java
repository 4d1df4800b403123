package io.github.vertxsessions.spi.support;

import io.vertx.core.Future;
import org.slf4j.Logger;

import java.util.function.Supplier;

/**
 * The bookkeeping around a store's batches of deletions of expired sessions, for stores whose sweeper deletes on a
 * server: one batch at most in flight (a batch asked for meanwhile, by the schedule or a test, joins it), how many
 * sessions were removed so far, and a failing server logged once when it starts failing and once when it works
 * again, not at every batch. Use it on the context the sweeper runs on.
 */
public final class SweepBatches {

  private final Logger log;
  private final String where;
  private Future<Integer> inFlight;
  private boolean failing;
  private volatile long swept;

  /**
   * @param log   the store's logger
   * @param where what is swept, for the log lines, such as {@code "collection 'sessions'"}
   */
  public SweepBatches(Logger log, String where) {
    this.log = log;
    this.where = where;
  }

  /**
   * Runs one batch, or joins the one in flight.
   *
   * @param batch deletes a bounded number of expired sessions; completes with how many it removed
   * @return how many sessions the batch removed
   */
  public Future<Integer> run(Supplier<Future<Integer>> batch) {
    if (inFlight != null) {
      return inFlight;
    }
    Future<Integer> running = batch.get();
    inFlight = running;
    running.onComplete(ar -> {
      inFlight = null;
      if (ar.succeeded()) {
        swept += ar.result();
        if (failing) {
          failing = false;
          log.info("Sweeping expired sessions from {} works again", where);
        }
      } else if (!failing) {
        failing = true;
        log.warn("Sweeping expired sessions from {} failed; retrying at every sweep: {}", where, ar.cause().toString());
      }
    });
    return running;
  }

  /**
   * How many expired sessions the batches removed so far.
   *
   * @return the count
   */
  public long swept() {
    return swept;
  }
}
