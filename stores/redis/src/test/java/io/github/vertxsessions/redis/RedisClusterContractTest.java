package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedisCluster;
import io.github.vertxsessions.testkit.IndexedSessionStoreContractTest;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

import java.time.Clock;

/** The store contract against a three-master Redis Cluster, through a cluster client. */
class RedisClusterContractTest extends IndexedSessionStoreContractTest {

  private static final String RUN_PREFIX = TestRedis.uniquePrefix();

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) {
    Redis cluster = Redis.createClient(vertx, EmbeddedRedisCluster.shared().clientOptions());
    return RedisSessionStore.create(vertx, cluster,
      new RedisStoreOptions().setKeyPrefix(RUN_PREFIX + namespace + ":").setClock(clock));
  }
}
