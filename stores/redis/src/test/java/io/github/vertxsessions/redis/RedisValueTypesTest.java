package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.TestRedis;
import io.github.vertxsessions.testkit.ValueTypesTest;
import io.vertx.core.Vertx;

import java.time.Clock;

/** Values put over HTTP read back from a real Redis as the same classes as from the local store. */
class RedisValueTypesTest extends ValueTypesTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock) {
    return RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(TestRedis.uniquePrefix()).setClock(clock));
  }
}
