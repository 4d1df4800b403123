package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testkit.WriteLifecycleTest;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;

import java.util.List;

/** The session's write lifecycle over HTTP on a standalone Redis (embedded, or REDIS_URL). */
class RedisWriteLifecycleTest extends WriteLifecycleTest {

  private final String prefix = TestRedis.uniquePrefix();

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) {
    return RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock));
  }

  @Override
  protected void closeServers() throws Exception {
    KeyCleanUp.deleteKeys(prefix, List.of(TestRedis.connectionString()));
  }
}
