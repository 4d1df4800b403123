package io.github.vertxsessions.postgres.impl;

import io.github.vertxsessions.postgres.PgSessionStore;
import io.github.vertxsessions.postgres.PgStoreOptions;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.github.vertxsessions.spi.support.SweepSchedule;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL store: each operation is one prepared statement of {@link SessionSql}, so one round trip (a load
 * whose touch is due takes two, an ID change to the ID of an expired, unswept row three); see {@link PgSessionStore}. A save refuses what the table
 * cannot hold before sending anything ({@link AttributeJson}).
 */
public class PgSessionStoreImpl implements PgSessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(PgSessionStore.class);
  private static final String UNIQUE_VIOLATION = "23505";
  /** $1 a statement's text: whether this connection holds it as a named prepared statement. */
  private static final String CACHED = "SELECT EXISTS (SELECT 1 FROM pg_prepared_statements WHERE statement = $1)";
  /**
   * The errors of two nodes creating the same table at once (a unique violation in the catalog, the table, or its row
   * type, "duplicate_object" 42710, already there); the second attempt then finds it in place.
   */
  private static final List<String> CONCURRENT_DDL = List.of(UNIQUE_VIOLATION, "42P07", "42710");

  private final Context context;
  private final Pool pool;
  private final String table;
  private final boolean createSchema;
  private final Clock clock;
  private final SessionSql sql;
  private final SessionRows rows;
  private final ExpiredRowSweeper sweeper;
  private final SweepSchedule sweeps;
  private final Promise<Void> ready = Promise.promise();
  private volatile boolean schemaInPlace;

  public PgSessionStoreImpl(Vertx vertx, Pool pool, PgStoreOptions options) {
    this.pool = pool;
    this.table = options.getTable();
    this.createSchema = options.isCreateSchema();
    this.clock = options.getClock();
    this.sql = new SessionSql(table);
    this.rows = new SessionRows(table);
    this.sweeper = new ExpiredRowSweeper(pool, sql, table, clock, options.getSweepBatchSize(), SessionMonitor.of(vertx),
      this);
    this.sweeps = new SweepSchedule(vertx, options.getSweepInterval(), () -> {
      // a database unreachable at start-up gets the schema before the first sweep that reaches it
      Future<Void> schema = schemaInPlace ? Future.succeededFuture() : ensureSchema();
      return schema.compose(v -> sweeper.sweepBatch()).map(removed -> removed == sweeper.batchSize());
    });
    this.context = vertx.getOrCreateContext();
    context.runOnContext(v -> ensureSchema().compose(schema -> checkStatementCache()).onComplete(ready));
    sweeps.start(context);
  }

  @Override
  public Future<Void> ready() {
    return ready.future();
  }

  /**
   * A plain read of the live row; when its touch is due, once per touch interval, a second statement touches it (and
   * reads it again, or as it was when nothing matched: another node touched it, or it changed after the read).
   */
  @Override
  public Future<SessionRecord> load(String id, long touchInterval) {
    long now = clock.millis();
    OffsetDateTime at = SessionRows.time(now);
    return pool.preparedQuery(sql.load).execute(Tuple.of(id, at)).compose(found -> {
      SessionRecord record = first(found);
      if (record == null || !record.isLiveAt(now)) {
        return Future.succeededFuture();
      }
      if (!record.isTouchDue(now, touchInterval)) {
        return Future.succeededFuture(record);
      }
      // due: the interval is at most the time since the stored access, so this threshold is a time the table holds
      OffsetDateTime dueAtOrBefore = SessionRows.time(now - touchInterval);
      return pool.preparedQuery(sql.loadTouching).execute(Tuple.of(id, at, dueAtOrBefore))
        .map(touched -> {
          SessionRecord fresh = first(touched);
          return fresh != null && fresh.isLiveAt(now) ? fresh : record;
        });
    });
  }

  @Override
  public Future<Long> save(SessionDelta delta) {
    long now = clock.millis();
    Tuple parameters;
    try {
      parameters = delta.creation() ? creation(delta, now) : change(delta, now);
    } catch (IllegalArgumentException unstorable) {
      return Future.failedFuture(unstorable);
    }
    if (delta.creation()) {
      return pool.preparedQuery(sql.create).execute(parameters).compose(result -> result.size() == 1
        ? Future.succeededFuture(1L) : Future.failedFuture(new DuplicateSessionIdException(delta.id())));
    }
    return pool.preparedQuery(sql.change).execute(parameters).compose(result -> result.size() == 1
      ? Future.succeededFuture(result.iterator().next().getLong(0))
      : Future.failedFuture(new SessionGoneException(delta.id())));
  }

  @Override
  public Future<Long> changeId(String oldId, String newId) {
    return changeId(oldId, newId, true);
  }

  /**
   * The one {@code UPDATE} of {@link SessionSql#changeId}. A unique violation means a row holds the new ID: a live
   * session's, or an expired one the sweeper has not deleted yet, which is deleted and the change tried once more.
   */
  private Future<Long> changeId(String oldId, String newId, boolean mayDeleteExpired) {
    OffsetDateTime now = SessionRows.time(clock.millis());
    return pool.preparedQuery(sql.changeId).execute(Tuple.of(oldId, now, newId)).compose(
      result -> result.size() == 1 ? Future.succeededFuture(result.iterator().next().getLong(0))
        : Future.failedFuture(new SessionGoneException(oldId)),
      failure -> {
        if (!(failure instanceof PgException e && UNIQUE_VIOLATION.equals(e.getSqlState()))) {
          return Future.failedFuture(failure);
        }
        if (!mayDeleteExpired) {
          return Future.failedFuture(new DuplicateSessionIdException(newId));
        }
        return pool.preparedQuery(sql.deleteExpired).execute(Tuple.of(newId, now)).compose(deleted ->
          deleted.rowCount() == 1 ? changeId(oldId, newId, false)
            : Future.failedFuture(new DuplicateSessionIdException(newId)));
      });
  }

  @Override
  public Future<Void> touch(String id) {
    return pool.preparedQuery(sql.touch).execute(Tuple.of(id, SessionRows.time(clock.millis()))).mapEmpty();
  }

  @Override
  public Future<Void> delete(String id) {
    return pool.preparedQuery(sql.delete).execute(Tuple.of(id)).mapEmpty();
  }

  @Override
  public Future<List<SessionRecord>> findByPrincipal(String principal) {
    if (principal == null) {
      return Future.failedFuture(new NullPointerException("principal"));
    }
    long now = clock.millis();
    return pool.preparedQuery(sql.findByPrincipal).execute(Tuple.of(principal, SessionRows.time(now))).map(found -> {
      List<SessionRecord> records = new ArrayList<>(found.size());
      for (Row row : found) {
        SessionRecord record = rows.fromRow(row);
        if (record != null && record.isLiveAt(now)) {
          records.add(record);
        }
      }
      return records;
    });
  }

  @Override
  public Future<Long> count() {
    return pool.preparedQuery(sql.count).execute(Tuple.of(SessionRows.time(clock.millis())))
      .map(result -> result.iterator().next().getLong(0));
  }

  @Override
  public Future<Void> clear() {
    return pool.preparedQuery(sql.clear).execute().mapEmpty();
  }

  @Override
  public Future<Void> close() {
    sweeps.close();
    return Future.succeededFuture();
  }

  @Override
  public String type() {
    return "postgres";
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public long swept() {
    return sweeper.swept();
  }

  /** One sweeper batch now, as the timer would run it; how many expired sessions it deleted. */
  public Future<Integer> sweep() {
    Promise<Integer> removed = Promise.promise();
    context.runOnContext(v -> sweeper.sweepBatch().onComplete(removed));
    return removed.future();
  }

  private SessionRecord first(RowSet<Row> found) {
    return found.size() == 0 ? null : rows.fromRow(found.iterator().next());
  }

  private static Tuple creation(SessionDelta delta, long now) {
    SessionOwner owner = delta.changesOwner() ? delta.owner() : SessionOwner.NONE;
    return Tuple.of(delta.id(), AttributeJson.encode(delta.set()), SessionRows.time(delta.createdAt()),
        SessionRows.time(now), delta.idleTimeout(), delta.maxLifetime(), delta.cookieMaxAge())
      .addString(storable("A principal", owner.principal()))
      .addString(storable("A session description", owner.description()));
  }

  private static Tuple change(SessionDelta delta, long now) {
    SessionOwner owner = delta.changesOwner() ? delta.owner() : SessionOwner.NONE;
    return Tuple.of(delta.id(), SessionRows.time(now), delta.unset().toArray(new String[0]),
        AttributeJson.encode(delta.set()), delta.idleTimeout(), delta.cookieMaxAge())
      .addBoolean(delta.changesOwner())
      .addString(storable("A principal", owner.principal()))
      .addString(storable("A session description", owner.description()));
  }

  private static String storable(String what, String text) {
    if (text != null) {
      AttributeJson.requireStorableText(what, text);
    }
    return text;
  }

  /** Creates the table and its indexes if missing, or, with schema creation off, checks that the table is there. */
  private Future<Void> ensureSchema() {
    Future<Void> attempt = createSchema ? createSchema().recover(failure -> isConcurrentDdl(failure)
      ? createSchema() : Future.failedFuture(failure)) : pool.preparedQuery(sql.probe).execute().mapEmpty();
    return attempt
      .onSuccess(v -> schemaInPlace = true)
      .onFailure(failure -> LOG.warn("The session table '{}' is not in place yet; retrying before each sweep: {}",
        table, failure.toString()));
  }

  /** DDL goes as one simple query: three statements, no parameters, once per start. */
  private Future<Void> createSchema() {
    return pool.query(sql.schema).execute().mapEmpty();
  }

  /**
   * Warns once when the pool does not cache prepared statements: PostgreSQL then parses and plans each statement again
   * on every request, several times the server's CPU of a cached one. Seen on one connection: after the probe, a
   * caching connection holds it as a named statement. Never fails the start: the store works either way.
   */
  private Future<Void> checkStatementCache() {
    return pool.withConnection(connection -> connection.preparedQuery(sql.probe).execute()
        .compose(probed -> connection.preparedQuery(CACHED).execute(Tuple.of(sql.probe))))
      .<Void>map(found -> {
        if (!found.iterator().next().getBoolean(0)) {
          LOG.warn("The pool of session table '{}' does not cache prepared statements, so PostgreSQL plans every "
            + "session statement again on every request: build it with PgConnectOptions"
            + ".setCachePreparedStatements(true) (see the PostgreSQL store's manual page)", table);
        }
        return null;
      })
      .otherwise(unknown -> null);
  }

  private static boolean isConcurrentDdl(Throwable failure) {
    return failure instanceof PgException e && CONCURRENT_DDL.contains(e.getSqlState());
  }
}
