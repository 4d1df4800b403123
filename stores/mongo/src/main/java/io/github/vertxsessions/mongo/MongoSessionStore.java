package io.github.vertxsessions.mongo;

import io.github.vertxsessions.mongo.impl.MongoSessionStoreImpl;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;

/**
 * Sessions in a MongoDB collection, one document per session, shared by every node that uses the same database and
 * collection. Expired sessions are never returned (reads filter on the store's clock) and are deleted by MongoDB's
 * TTL monitor and by the store's own sweeper.
 *
 * <p>A session's owner is kept in top-level fields of its document, {@code principal} (in clear, indexed) and
 * {@code description} ({@code encryptedDescription} when encrypting at rest), so that {@link #findByPrincipal} is
 * one query on an index the store ensures at start, beside the TTL index.
 *
 * <p>The store uses the client it is given and never closes it: configure the client's connection string with a
 * {@code serverSelectionTimeoutMS} below the session handler's store timeout, so that operations fail fast while the
 * server is unreachable.
 */
public interface MongoSessionStore extends IndexedSessionStore {

  /**
   * A store with default options; see {@link #create(Vertx, MongoClient, MongoStoreOptions)}.
   *
   * @param vertx the Vert.x instance the store runs on
   * @param mongo the client of the database that holds the session collection; the store never closes it
   * @return the store, to {@link #close()} when done with it (that stops its sweeper and leaves the client open)
   */
  static MongoSessionStore create(Vertx vertx, MongoClient mongo) {
    return create(vertx, mongo, new MongoStoreOptions());
  }

  /**
   * A store with the given options, usable at once. It starts ensuring its TTL index and its sweeper as it is created;
   * {@link #ready()} tells how the index went, and {@link #createAndInit} waits for it.
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param mongo   the client of the database that holds the session collection; the store never closes it
   * @param options the store's options, copied: changing them afterwards does not change the store
   * @return the store, to {@link #close()} when done with it (that stops its sweeper and leaves the client open)
   */
  static MongoSessionStore create(Vertx vertx, MongoClient mongo, MongoStoreOptions options) {
    return new MongoSessionStoreImpl(vertx, mongo, new MongoStoreOptions(options));
  }

  /**
   * A store whose indexes are in place: fails with {@link TtlIndexConflictException} when the collection has an
   * index on {@code expiresAt} with other options, with an {@link IllegalStateException} when it has a unique index
   * on {@code principal}, or when the server cannot be reached (and then closes the store).
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param mongo   the client of the database that holds the session collection; the store never closes it
   * @param options the store's options, copied
   * @return the store, once its index is in place
   */
  static Future<MongoSessionStore> createAndInit(Vertx vertx, MongoClient mongo, MongoStoreOptions options) {
    MongoSessionStore store = create(vertx, mongo, options);
    return store.ready().compose(v -> Future.succeededFuture(store),
      failure -> store.close().transform(closed -> Future.failedFuture(failure)));
  }

  /**
   * The outcome of the store's first attempt, at creation, to ensure its indexes: the TTL index on {@code expiresAt}
   * and the sparse index on {@code principal}. The store works without them (finding a user's sessions then scans
   * the collection); after a failure other than a conflict with an existing index it tries again before each sweep.
   *
   * @return completes once the index is in place, or fails with why it could not be made
   */
  Future<Void> ready();

  /**
   * How many expired sessions the store's sweeper deleted (MongoDB's TTL monitor deletes others).
   *
   * @return the count since the store was created
   */
  long swept();
}
