package io.github.vertxsessions.postgres;

import io.github.vertxsessions.postgres.impl.PgSessionStoreImpl;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * Sessions in a PostgreSQL table, one row per session with readable columns and the attributes as {@code jsonb},
 * shared by every node that uses the same database and table. Expired rows are never returned (every statement
 * filters on {@code expires_at} against the store's clock) and are deleted by the store's sweeper, in bounded
 * batches.
 *
 * <p>Every operation is one prepared statement, so one round trip: a load is a plain read, followed by a second
 * statement that touches the session only when its touch is due (once per touch interval); a save applies only the changed attributes ({@code jsonb - text[] || jsonb}) to a
 * live row and fails with {@link io.github.vertxsessions.spi.SessionGoneException} when there is none; a creation
 * inserts, or replaces an expired row, and fails with
 * {@link io.github.vertxsessions.spi.DuplicateSessionIdException} over a live one; an ID change is one
 * {@code UPDATE} of the row's {@code id} (and two statements more when the new ID is that of an expired row the sweeper
 * has not deleted yet). A session's owner is kept in the {@code principal} and {@code description} columns, and
 * {@link #findByPrincipal} is one query through a partial index on {@code principal}.
 *
 * <p>The pool should cache prepared statements ({@code PgConnectOptions.setCachePreparedStatements(true)}), so that
 * each connection parses and plans each of the store's statements once instead of on every request; the store logs a
 * warning at start when it does not.
 *
 * <p>The store uses the pool it is given and never closes it. A pool reconnects by itself once the database is back,
 * so the store needs no restart after an outage.
 */
public interface PgSessionStore extends IndexedSessionStore {

  /**
   * A store with default options; see {@link #create(Vertx, Pool, PgStoreOptions)}.
   *
   * @param vertx the Vert.x instance the store runs on
   * @param pool  the pool of the database that holds the session table; the store never closes it
   * @return the store, to {@link #close()} when done with it (that stops its sweeper and leaves the pool open)
   */
  static PgSessionStore create(Vertx vertx, Pool pool) {
    return create(vertx, pool, new PgStoreOptions());
  }

  /**
   * A store with the given options, usable at once. Unless {@link PgStoreOptions#setCreateSchema schema creation} is
   * off, it starts creating its table and indexes if they are missing; {@link #ready()} tells how that went, and
   * {@link #createAndInit} waits for it.
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param pool    the pool of the database that holds the session table; the store never closes it
   * @param options the store's options, copied: changing them afterwards does not change the store
   * @return the store, to {@link #close()} when done with it (that stops its sweeper and leaves the pool open)
   */
  static PgSessionStore create(Vertx vertx, Pool pool, PgStoreOptions options) {
    return new PgSessionStoreImpl(vertx, pool, new PgStoreOptions(options));
  }

  /**
   * A store whose table is in place: fails, and closes the store, when the schema cannot be created (the database
   * cannot be reached, or the user may not create tables), or, with schema creation off, when the table is missing.
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param pool    the pool of the database that holds the session table; the store never closes it
   * @param options the store's options, copied
   * @return the store, once its table is in place
   */
  static Future<PgSessionStore> createAndInit(Vertx vertx, Pool pool, PgStoreOptions options) {
    PgSessionStore store = create(vertx, pool, options);
    return store.ready().compose(v -> Future.succeededFuture(store),
      failure -> store.close().transform(closed -> Future.failedFuture(failure)));
  }

  /**
   * The outcome of the store's first attempt, at creation, to put its schema in place: the table and its indexes
   * created if missing, or, with schema creation off, the table found. After a failure the store tries again before
   * each sweep; operations fail while the table is missing.
   *
   * @return completes once the table is in place, or fails with why it is not
   */
  Future<Void> ready();

  /**
   * How many expired sessions the store's sweeper deleted.
   *
   * @return the count since the store was created
   */
  long swept();
}
