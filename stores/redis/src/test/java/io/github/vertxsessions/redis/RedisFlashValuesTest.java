package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.FlashValuesTest;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;

/** Flash values over HTTP on a real Redis. */
class RedisFlashValuesTest extends FlashValuesTest {

  @Override
  protected SessionStore newStore(Vertx vertx, TestClock clock) {
    return RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(TestRedis.uniquePrefix()).setClock(clock));
  }
}
