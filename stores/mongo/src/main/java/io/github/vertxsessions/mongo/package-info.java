/**
 * The MongoDB store, for application code: {@link io.github.vertxsessions.mongo.MongoSessionStore} keeps one
 * document per session in a collection, over a {@code MongoClient} the application creates and owns, with
 * optional encryption at rest; {@link io.github.vertxsessions.mongo.MongoStoreOptions} set the collection, the
 * sweeper, the write concern and the keys.
 *
 * <pre>{@code
 * MongoClient mongo = MongoClient.createShared(vertx, new JsonObject()
 *     .put("connection_string", "mongodb://localhost:27017/app?serverSelectionTimeoutMS=1000"));
 * MongoSessionStore.createAndInit(vertx, mongo, new MongoStoreOptions())
 *     .onSuccess(store -> router.route().handler(SessionHandler.create(vertx, store, sessionOptions)));
 * }</pre>
 */
package io.github.vertxsessions.mongo;
