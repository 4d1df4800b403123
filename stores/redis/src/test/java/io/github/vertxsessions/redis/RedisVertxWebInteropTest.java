package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.TestRedis;
import io.github.vertxsessions.testkit.VertxWebInteropTest;
import io.vertx.core.Vertx;

import java.time.Clock;

/** vertx-web's CSRF and form log-in handlers behind our handler, with sessions in a real Redis. */
class RedisVertxWebInteropTest extends VertxWebInteropTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock) {
    return RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(TestRedis.uniquePrefix()).setClock(clock));
  }
}
