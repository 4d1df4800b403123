package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.EmbeddedRedisCluster;
import io.github.vertxsessions.testkit.SessionsByUserTest;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * A user's sessions over HTTP on the real three-master cluster, where a session and its user's index live in
 * different slots and the index is kept by separate commands.
 */
class RedisClusterSessionsByUserTest extends SessionsByUserTest {

  private final EmbeddedRedisCluster cluster = EmbeddedRedisCluster.shared();
  private final String prefix = TestRedis.uniquePrefix();

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) {
    return RedisSessionStore.create(vertx, Redis.createClient(vertx, cluster.clientOptions()),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock));
  }

  @Override
  protected void closeServers() throws Exception {
    KeyCleanUp.deleteKeys(prefix, cluster.nodes().stream().map(EmbeddedRedis::connectionString).toList());
  }
}
