package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.IndexedSessionStoreContractTest;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;

import java.time.Clock;

/** The store contract against a real Redis (embedded, or REDIS_URL): the namespace becomes the key prefix. */
class RedisSessionStoreContractTest extends IndexedSessionStoreContractTest {

  private static final String RUN_PREFIX = TestRedis.uniquePrefix();

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) {
    return RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(RUN_PREFIX + namespace + ":").setClock(clock));
  }
}
