package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Bursts far beyond what the Redis client's default pool queues (6 connections, 24 waiters), as a busy server sends
 * them: from several event loops at once, through a client with default options. Every operation must succeed and
 * every write must persist.
 */
@ExtendWith(VertxExtension.class)
class RedisConcurrencyTest {

  private static final int CONCURRENT = 256;
  private static final int EVENT_LOOPS = 4;
  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  private final String prefix = TestRedis.uniquePrefix();
  private Vertx vertx;
  private TestClock clock;
  private SessionStore store;
  private RedisAdmin admin;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    store = RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock));
    admin = new RedisAdmin(vertx, TestRedis.connectionString());
  }

  @AfterEach
  void tearDown() throws Exception {
    admin.deleteKeys(prefix);
    admin.close();
    store.close().await(10, SECONDS);
  }

  @Test
  void concurrentRequestsWithADefaultClientAllSucceedAndNothingIsLost() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    long now = clock.millis();
    (burst(i -> store.save(SessionDelta.creationOf(
      SessionRecord.builder(ids.get(i)).data(Map.of("n", 0)).createdAt(now).idleTimeout(IDLE).build())))).await(10, SECONDS);

    for (int round = 1; round <= 3; round++) {
      int expected = round;
      (burst(i -> store.load(ids.get(i), 0).compose(session -> store.save(SessionDelta.builder(session.id())
        .set(Map.of("n", expected, "by" + (i % 7), i)).createdAt(session.createdAt()).idleTimeout(IDLE).build())))).await(10, SECONDS);
    }

    for (int i = 0; i < CONCURRENT; i++) {
      SessionRecord session = store.load(ids.get(i), Long.MAX_VALUE).await(10, SECONDS);
      assertNotNull(session, "session " + i);
      assertEquals(3, ((Number) session.data().get("n")).intValue(), "session " + i);
      assertEquals(i, ((Number) session.data().get("by" + (i % 7))).intValue(), "session " + i);
      assertEquals(4, session.version(), "session " + i);
    }
    assertEquals((long) CONCURRENT, store.count().await(10, SECONDS));
  }

  @Test
  void aBurstBeyondTheClientsWaitingQueueWaitsInTheStoreInsteadOfFailing() throws Exception {
    RedisStoreOptions options = new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock)
      .setMaxInFlight(16);
    SessionStore narrow = RedisSessionStore.create(vertx, Redis.createClient(vertx,
      new RedisOptions().setConnectionString(TestRedis.connectionString()).setMaxWaitingHandlers(32)), options);
    long now = clock.millis();

    (burst(i -> narrow.save(SessionDelta.creationOf(
      SessionRecord.builder(UUID.randomUUID().toString()).data(Map.of("i", i)).createdAt(now).idleTimeout(IDLE)
        .build())))).await(10, SECONDS);

    assertEquals((long) CONCURRENT, narrow.count().await(10, SECONDS), "every acknowledged creation is stored");
    narrow.close().await(10, SECONDS);
  }

  /** Starts every operation at once, spread over several event loops, and waits for all of them. */
  private Future<?> burst(IntFunction<Future<?>> operation) {
    List<Context> loops = new ArrayList<>();
    for (int i = 0; i < EVENT_LOOPS; i++) {
      loops.add(vertx.getOrCreateContext());
    }
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      int index = i;
      Promise<Object> done = Promise.promise();
      loops.get(i % EVENT_LOOPS).runOnContext(v -> operation.apply(index).onComplete(ar -> done.handle(ar.map(r -> (Object) r))));
      all.add(done.future());
    }
    return Future.all(all);
  }
}
