package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedisSentinel;
import io.github.vertxsessions.testkit.IndexedSessionStoreContractTest;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;

/**
 * The store contract through a Sentinel client, which asks a Sentinel where the master is; the store is given the
 * Sentinels too, and checks each connection's node against the master they name.
 */
class RedisSentinelContractTest extends IndexedSessionStoreContractTest {

  private static EmbeddedRedisSentinel sentinel;

  @BeforeAll
  static void startSentinel() {
    sentinel = EmbeddedRedisSentinel.start();
  }

  @AfterAll
  static void stopSentinel() {
    sentinel.close();
  }

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) {
    return RedisSessionStore.create(vertx, Redis.createClient(vertx, sentinel.clientOptions()),
      new RedisStoreOptions().setKeyPrefix(namespace + ":").setClock(clock)
        .setSentinelOptions(sentinel.clientOptions()));
  }
}
