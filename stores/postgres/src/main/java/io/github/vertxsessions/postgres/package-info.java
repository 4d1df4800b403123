/**
 * The PostgreSQL store, for application code: {@link io.github.vertxsessions.postgres.PgSessionStore} keeps one row
 * per session in a table, over a Vert.x {@code Pool} the application creates and owns;
 * {@link io.github.vertxsessions.postgres.PgStoreOptions} set the table, whether the store creates it, and the
 * sweeper.
 *
 * <pre>{@code
 * Pool pool = PgBuilder.pool()
 *     .connectingTo(PgConnectOptions.fromUri("postgresql://app:secret@localhost:5432/app")
 *         .setCachePreparedStatements(true))   // each statement parsed and planned once per connection
 *     .using(vertx)
 *     .build();
 * PgSessionStore.createAndInit(vertx, pool, new PgStoreOptions())
 *     .onSuccess(store -> router.route().handler(SessionHandler.create(vertx, store, sessionOptions)));
 * }</pre>
 */
package io.github.vertxsessions.postgres;
