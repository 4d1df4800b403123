package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Sessions outlive the application that wrote them, and two applications on one Redis share them. */
class RedisDurabilityTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  private final String prefix = TestRedis.uniquePrefix();
  private final TestClock clock = new TestClock();

  @AfterEach
  void deleteKeys() {
    Vertx vertx = Vertx.vertx();
    try (RedisAdmin admin = new RedisAdmin(vertx, TestRedis.connectionString())) {
      admin.deleteKeys(prefix);
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void sessionsSurviveARestartOfTheApplication() {
    String id = UUID.randomUUID().toString();
    Vertx first = Vertx.vertx();
    SessionStore before = store(first);
    long now = clock.millis();
    await(before.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("user", "alice")).createdAt(now)
      .idleTimeout(IDLE).build())));
    await(before.close());
    await(first.close());

    Vertx second = Vertx.vertx();
    try {
      SessionStore after = store(second);
      SessionRecord loaded = await(after.load(id, 0));
      assertEquals(Map.of("user", "alice"), loaded.data());
      assertEquals(1, loaded.version());
      await(after.close());
    } finally {
      await(second.close());
    }
  }

  @Test
  void twoApplicationsShareSessionsAtOnce() {
    Vertx one = Vertx.vertx();
    Vertx two = Vertx.vertx();
    try {
      SessionStore a = store(one);
      SessionStore b = store(two);
      String id = UUID.randomUUID().toString();
      long now = clock.millis();
      await(a.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("cart", 0)).createdAt(now)
        .idleTimeout(IDLE).build())));

      SessionRecord seenByB = await(b.load(id, 0));
      assertEquals(Map.of("cart", 0), seenByB.data());
      await(Future.all(
        a.save(SessionDelta.builder(id).set(Map.of("fromA", true)).createdAt(now).idleTimeout(IDLE).build()),
        b.save(SessionDelta.builder(id).set(Map.of("fromB", true)).unset(Set.of("cart")).createdAt(now)
          .idleTimeout(IDLE).build())));

      assertEquals(Map.of("fromA", true, "fromB", true), await(a.load(id, 0)).data());
      assertEquals(3, await(b.load(id, 0)).version());
      await(b.delete(id));
      assertNull(await(a.load(id, 0)));
      await(a.close());
      await(b.close());
    } finally {
      await(one.close());
      await(two.close());
    }
  }

  private SessionStore store(Vertx vertx) {
    return RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock));
  }
}
