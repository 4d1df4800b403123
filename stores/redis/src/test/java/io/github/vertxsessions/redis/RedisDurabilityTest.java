package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Sessions outlive the application that wrote them, and two applications on one Redis share them. The injected
 * Vert.x is the application that stays; another Vert.x instance stands for the one that stops, or runs beside it.
 */
@ExtendWith(VertxExtension.class)
class RedisDurabilityTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  private final String prefix = TestRedis.uniquePrefix();
  private final TestClock clock = new TestClock();

  @AfterEach
  void deleteKeys(Vertx vertx) {
    try (RedisAdmin admin = new RedisAdmin(vertx, TestRedis.connectionString())) {
      admin.deleteKeys(prefix);
    }
  }

  @Test
  void sessionsSurviveARestartOfTheApplication(Vertx restarted) throws Exception {
    String id = UUID.randomUUID().toString();
    Vertx first = Vertx.vertx();
    SessionStore before = store(first);
    long now = clock.millis();
    before.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("user", "alice")).createdAt(now)
      .idleTimeout(IDLE).build())).await(10, SECONDS);
    before.close().await(10, SECONDS);
    first.close().await(10, SECONDS);

    SessionStore after = store(restarted);
    SessionRecord loaded = after.load(id, 0).await(10, SECONDS);
    assertEquals(Map.of("user", "alice"), loaded.data());
    assertEquals(1, loaded.version());
    after.close().await(10, SECONDS);
  }

  @Test
  void twoApplicationsShareSessionsAtOnce(Vertx one) throws Exception {
    Vertx two = Vertx.vertx();
    try {
      SessionStore a = store(one);
      SessionStore b = store(two);
      String id = UUID.randomUUID().toString();
      long now = clock.millis();
      a.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("cart", 0)).createdAt(now)
        .idleTimeout(IDLE).build())).await(10, SECONDS);

      SessionRecord seenByB = b.load(id, 0).await(10, SECONDS);
      assertEquals(Map.of("cart", 0), seenByB.data());
      Future.all(
        a.save(SessionDelta.builder(id).set(Map.of("fromA", true)).createdAt(now).idleTimeout(IDLE).build()),
        b.save(SessionDelta.builder(id).set(Map.of("fromB", true)).unset(Set.of("cart")).createdAt(now)
          .idleTimeout(IDLE).build())).await(10, SECONDS);

      assertEquals(Map.of("fromA", true, "fromB", true), a.load(id, 0).await(10, SECONDS).data());
      assertEquals(3, b.load(id, 0).await(10, SECONDS).version());
      b.delete(id).await(10, SECONDS);
      assertNull(a.load(id, 0).await(10, SECONDS));
      a.close().await(10, SECONDS);
      b.close().await(10, SECONDS);
    } finally {
      two.close().await(10, SECONDS);
    }
  }

  private SessionStore store(Vertx vertx) {
    return RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock));
  }
}
