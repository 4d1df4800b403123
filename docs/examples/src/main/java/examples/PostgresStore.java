package examples;

// tag::imports[]
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.postgres.PgSessionStore;
import io.github.vertxsessions.postgres.PgStoreOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.TimeUnit;
// end::imports[]
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.List;

/** The PostgreSQL store's page: the store on a pool of the application's. */
public final class PostgresStore {

  private PostgresStore() {
  }

  /**
   * Mounts a session handler on PostgreSQL, once the store's table is in place.
   *
   * @param vertx   the Vert.x instance
   * @param router  the router to mount it on
   * @param uri     where PostgreSQL is, such as {@code postgresql://app:secret@127.0.0.1:5432/app}
   * @param secrets the secrets that sign the cookies
   * @return the store, once it is ready
   */
  public static Future<PgSessionStore> mount(Vertx vertx, Router router, String uri, List<String> secrets) {
    // tag::create[]
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(8)
            .setConnectionTimeout(2).setConnectionTimeoutUnit(TimeUnit.SECONDS))   // the wait for a free connection
        .with(new NetClientOptions().setConnectTimeout(2_000))                    // near the handler's store timeout
        .connectingTo(PgConnectOptions.fromUri(uri)                  // "postgresql://app:secret@db:5432/app"
            .setCachePreparedStatements(true))                        // each statement planned once per connection
        .using(vertx)
        .build();
    return PgSessionStore.createAndInit(vertx, pool, new PgStoreOptions())  // creates its table if it is missing
        .onSuccess(store -> router.route().handler(
            SessionHandler.create(vertx, store, new SessionOptions().setSecrets(secrets))));
    // end::create[]
  }
}
