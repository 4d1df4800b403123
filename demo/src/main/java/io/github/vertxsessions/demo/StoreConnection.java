package io.github.vertxsessions.demo;

import com.mongodb.ConnectionString;
import io.github.vertxsessions.health.SessionStoreHealth;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.mongo.MongoStoreOptions;
import io.github.vertxsessions.postgres.PgSessionStore;
import io.github.vertxsessions.postgres.PgStoreOptions;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.redis.RedisStoreOptions;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The session store the config asks for, with the client it runs on: the stores never close a client they are
 * given, so this closes it after the store.
 */
final class StoreConnection {

  /** Below the session handler's store timeout, as the MongoDB store advises, so that an outage fails fast. */
  private static final long MONGO_SERVER_SELECTION_MILLIS = 1_500;
  private static final String MONGO_DEFAULT_DATABASE = "vertx_sessions_demo";
  private static final long PG_CONNECT_TIMEOUT_MILLIS = 1_500;

  private final String name;
  private final IndexedSessionStore store;
  private final Supplier<Future<Void>> closeClient;

  private StoreConnection(String name, IndexedSessionStore store, Supplier<Future<Void>> closeClient) {
    this.name = name;
    this.store = store;
    this.closeClient = closeClient;
  }

  /**
   * Opens the store and checks that it answers, so that a demo pointed at a server that is not running says so at
   * once rather than answering 503 to every request.
   */
  static Future<StoreConnection> open(Vertx vertx, DemoConfig config, Clock clock) {
    return switch (config.store()) {
      case "redis" -> openRedis(vertx, config, clock);
      case "mongo" -> openMongo(vertx, config, clock);
      case "postgres" -> openPostgres(vertx, config, clock);
      default -> Future.succeededFuture(new StoreConnection("local",
        LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock)), Future::succeededFuture));
    };
  }

  private static Future<StoreConnection> openRedis(Vertx vertx, DemoConfig config, Clock clock) {
    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(config.redisUrl()));
    RedisStoreOptions options = new RedisStoreOptions(config.redisStoreOptions()).setClock(clock);
    StoreConnection connection = new StoreConnection("redis", RedisSessionStore.create(vertx, redis, options),
      () -> redis.close());
    // This first probe opens the connection (a cold probe): bounded as the health procedure bounds a first answer,
    // since on a busy machine a fresh process takes seconds to connect, not the round trip a health check allows.
    return SessionStoreHealth.probe(vertx, connection.store(), SessionStoreHealth.DEFAULT_CONNECT_TIMEOUT)
      .compose(status -> status.isOk() ? Future.succeededFuture(connection)
        : connection.close().transform(closed -> Future.failedFuture(
          new IllegalStateException("Redis did not answer: " + status.getData().getString("cause")))));
  }

  private static Future<StoreConnection> openMongo(Vertx vertx, DemoConfig config, Clock clock) {
    MongoClient mongo = MongoClient.create(vertx, mongoClientConfig(config.mongoUri()));
    MongoStoreOptions options = new MongoStoreOptions(config.mongoStoreOptions()).setClock(clock);
    // createAndInit puts the TTL index in place before the first session is written, and fails when the server
    // cannot be reached
    return MongoSessionStore.createAndInit(vertx, mongo, options)
      .<StoreConnection>map(store -> new StoreConnection("mongo", store, mongo::close))
      .recover(err -> mongo.close().transform(closed -> Future.failedFuture(
        new IllegalStateException("MongoDB did not answer: " + firstSentence(err.getMessage()), err))));
  }

  private static Future<StoreConnection> openPostgres(Vertx vertx, DemoConfig config, Clock clock) {
    Pool pool = pgPool(vertx, config.pgUri());
    PgStoreOptions options = new PgStoreOptions(config.pgStoreOptions()).setClock(clock);
    // createAndInit creates the table before the first session is written, and fails when the server cannot be
    // reached
    return PgSessionStore.createAndInit(vertx, pool, options)
      .<StoreConnection>map(store -> new StoreConnection("postgres", store, pool::close))
      .recover(err -> pool.close().transform(closed -> Future.failedFuture(
        new IllegalStateException("PostgreSQL did not answer: " + err.getMessage(), err))));
  }

  /**
   * The pool the demo uses for {@code uri}; tests read the same database with it. Connecting and waiting for a free
   * connection give up below the session handler's store timeout, as the PostgreSQL store advises.
   */
  static Pool pgPool(Vertx vertx, String uri) {
    return PgBuilder.pool()
      .with(new PoolOptions().setMaxSize(8).setConnectionTimeout((int) PG_CONNECT_TIMEOUT_MILLIS)
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
      .with(new NetClientOptions().setConnectTimeout((int) PG_CONNECT_TIMEOUT_MILLIS))
      .connectingTo(PgConnectOptions.fromUri(uri).setCachePreparedStatements(true))
      .using(vertx)
      .build();
  }

  /** The driver's timeout message goes on with a dump of its view of the cluster: too much for one line. */
  private static String firstSentence(String message) {
    int end = message == null ? -1 : message.indexOf(". ");
    return end < 0 ? String.valueOf(message) : message.substring(0, end + 1);
  }

  /** The MongoClient configuration the demo uses for {@code uri}; tests read the same database with it. */
  static JsonObject mongoClientConfig(String uri) {
    ConnectionString parsed = new ConnectionString(uri);
    JsonObject config = new JsonObject().put("connection_string", uri);
    if (parsed.getServerSelectionTimeout() == null) {
      config.put("serverSelectionTimeoutMS", MONGO_SERVER_SELECTION_MILLIS);
    }
    if (parsed.getDatabase() == null) {
      config.put("db_name", MONGO_DEFAULT_DATABASE);
    }
    return config;
  }

  /** {@code local}, {@code redis}, {@code mongo} or {@code postgres}. */
  String name() {
    return name;
  }

  /** The store; every bundled one finds sessions by user, for the "Your sessions" panel. */
  IndexedSessionStore store() {
    return store;
  }

  /** Closes the store, then its client. */
  Future<Void> close() {
    return store.close().transform(ar -> closeClient.get());
  }
}
