package io.github.vertxsessions.postgres.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.postgres.PgSessionStore;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.github.vertxsessions.spi.support.SweepBatches;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Deletes expired rows in bounded batches, one {@code DELETE} of at most {@code batchSize} rows each, never an
 * open-ended delete that could hold the table for long. Runs on one Vert.x context, so one batch at most is in flight.
 * The delete returns the rows it removed, so each is published as {@code expired} by the one node that removed it.
 */
final class ExpiredRowSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(PgSessionStore.class);

  private final Pool pool;
  private final SessionSql sql;
  private final Clock clock;
  private final int batchSize;
  private final SessionMonitor monitor;
  private final SessionStore store;
  private final SweepBatches batches;

  ExpiredRowSweeper(Pool pool, SessionSql sql, String table, Clock clock, int batchSize, SessionMonitor monitor,
                    SessionStore store) {
    this.pool = pool;
    this.sql = sql;
    this.clock = clock;
    this.batchSize = batchSize;
    this.batches = new SweepBatches(LOG, "table '" + table + "'");
    this.monitor = monitor;
    this.store = store;
  }

  int batchSize() {
    return batchSize;
  }

  long swept() {
    return batches.swept();
  }

  /** One batch; joins the batch in flight if there is one. Call on the sweeper's context only. */
  Future<Integer> sweepBatch() {
    return batches.run(this::deleteBatch);
  }

  private Future<Integer> deleteBatch() {
    return pool.preparedQuery(sql.sweep)
      .execute(Tuple.of(SessionRows.time(clock.millis()), (long) batchSize))
      .map(rows -> {
        if (monitor.isActive()) {
          rows.forEach(row -> monitor.publish(SessionEvent.Type.EXPIRED, row.getString("id"),
            row.getString("principal"), store));
        }
        return rows.rowCount();
      });
  }
}
