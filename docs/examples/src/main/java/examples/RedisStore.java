package examples;

// tag::imports[]
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.redis.RedisStoreOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
// end::imports[]
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.List;

/** The Redis store's page: a standalone Redis, Redis through Sentinel, and Redis Cluster. */
public final class RedisStore {

  private final Redis redis;
  private final RedisSessionStore store;

  private RedisStore(Redis redis, RedisSessionStore store) {
    this.redis = redis;
    this.store = store;
  }

  /**
   * Mounts a session handler on a standalone Redis.
   *
   * @param vertx            the Vert.x instance
   * @param router           the router to mount it on
   * @param connectionString where Redis is, such as {@code redis://127.0.0.1:6379}
   * @param secrets          the secrets that sign the cookies
   * @return the client and its store, to close at the end
   */
  public static RedisStore standalone(Vertx vertx, Router router, String connectionString, List<String> secrets) {
    // tag::standalone[]
    Redis redis = Redis.createClient(vertx, connectionString);       // such as "redis://:password@cache:6379/2"
    RedisSessionStore store = RedisSessionStore.create(vertx, redis, new RedisStoreOptions()
        .setKeyPrefix("shop:sess:"));                                 // one prefix per application on a shared Redis
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions().setSecrets(secrets)));
    // end::standalone[]
    return new RedisStore(redis, store);
  }

  /**
   * A store on the master that Sentinels name.
   *
   * @param vertx      the Vert.x instance
   * @param sentinels  the Sentinels' endpoints, such as {@code redis://sentinel-1:26379}
   * @param masterName the master's name in the Sentinels' configuration
   * @return the client and its store
   */
  public static RedisStore sentinel(Vertx vertx, List<String> sentinels, String masterName) {
    // tag::sentinel[]
    RedisOptions sentinelOptions = new RedisOptions()
        .setType(RedisClientType.SENTINEL)
        .setEndpoints(sentinels)                                      // "redis://sentinel-1:26379", ...
        .setMasterName(masterName)
        .setRole(RedisRole.MASTER);
    Redis redis = Redis.createClient(vertx, sentinelOptions);
    RedisSessionStore store = RedisSessionStore.create(vertx, redis, new RedisStoreOptions()
        .setSentinelOptions(sentinelOptions));                        // so that it follows a switch of master at once
    // end::sentinel[]
    return new RedisStore(redis, store);
  }

  /**
   * A store on a Redis Cluster.
   *
   * @param vertx the Vert.x instance
   * @param nodes some of the cluster's nodes, such as {@code redis://node-1:6379}
   * @return the client and its store
   */
  public static RedisStore cluster(Vertx vertx, List<String> nodes) {
    // tag::cluster[]
    Redis redis = Redis.createClient(vertx, new RedisOptions()
        .setType(RedisClientType.CLUSTER)
        .setEndpoints(nodes));                                        // any of the nodes: the client learns the rest
    RedisSessionStore store = RedisSessionStore.create(vertx, redis, new RedisStoreOptions());
    // end::cluster[]
    return new RedisStore(redis, store);
  }

  /**
   * The store.
   *
   * @return the store
   */
  public RedisSessionStore store() {
    return store;
  }

  /**
   * Closes the store, then its client, which the store never closes.
   *
   * @return completes once both are closed
   */
  public Future<Void> close() {
    // tag::close[]
    return store.close().compose(closed -> redis.close());
    // end::close[]
  }
}
