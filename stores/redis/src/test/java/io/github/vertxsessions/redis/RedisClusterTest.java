package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedisCluster;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many sessions spread over every master of a three-master cluster: each lives on one node, count and clear see all. */
@ExtendWith(VertxExtension.class)
class RedisClusterTest {

  private static final int SESSIONS = 300;
  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  private final EmbeddedRedisCluster cluster = EmbeddedRedisCluster.shared();
  private final String prefix = TestRedis.uniquePrefix();
  private Vertx vertx;
  private TestClock clock;
  private SessionStore store;
  private List<RedisAdmin> nodes;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    // Small SCAN pages, so that count and clear walk many pages on each master.
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, cluster.clientOptions()),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock).setScanCount(20));
    nodes = cluster.nodes().stream().map(node -> new RedisAdmin(vertx, node.connectionString())).toList();
  }

  @AfterEach
  void tearDown() throws Exception {
    nodes.forEach(node -> node.deleteKeys(prefix));
    nodes.forEach(RedisAdmin::close);
    store.close().await(10, SECONDS);
  }

  @Test
  void sessionsSpreadOverEveryMasterAreLoadedSavedCountedAndCleared() throws Exception {
    List<String> ids = createSessions(prefix, store);

    for (RedisAdmin node : nodes) {
      assertTrue(node.keys(prefix).size() > SESSIONS / 10, "every master holds a share of the sessions");
    }
    List<Future<Long>> saves = new ArrayList<>();
    for (String id : ids) {
      SessionRecord loaded = store.load(id, 0).await(10, SECONDS);
      saves.add(store.save(SessionDelta.builder(id).set(Map.of("visits", 2)).unset(Set.of("i"))
        .createdAt(loaded.createdAt()).idleTimeout(IDLE).build()));
    }
    Future.all(saves).await(10, SECONDS);
    for (String id : ids) {
      SessionRecord loaded = store.load(id, Long.MAX_VALUE).await(10, SECONDS);
      assertEquals(Map.of("visits", 2), loaded.data());
      assertEquals(2, loaded.version());
    }
    assertEquals((long) SESSIONS, store.count().await(10, SECONDS));

    store.clear().await(10, SECONDS);

    assertEquals(0L, store.count().await(10, SECONDS));
    for (RedisAdmin node : nodes) {
      assertEquals(List.of(), node.keys(prefix));
    }
  }

  @Test
  void countAndClearLeaveOtherPrefixesOnEveryMasterAlone() throws Exception {
    String otherPrefix = prefix + "other-" + UUID.randomUUID().toString().substring(0, 4) + ":";
    SessionStore mine = storeWithPrefix(prefix + "mine:");
    SessionStore other = storeWithPrefix(otherPrefix);
    createSessions(prefix + "mine:", mine);
    createSessions(otherPrefix, other);

    other.clear().await(10, SECONDS);

    assertEquals(0L, other.count().await(10, SECONDS));
    assertEquals(SESSIONS, nodes.stream().mapToLong(node -> node.keys(prefix + "mine:").size()).sum());
    for (RedisAdmin node : nodes) {
      assertFalse(node.keys(prefix + "mine:").isEmpty());
    }
    mine.close().await(10, SECONDS);
    other.close().await(10, SECONDS);
  }

  @Test
  void expiredSessionsAreNotCountedOnAnyMaster() throws Exception {
    createSessions(prefix, store);
    clock.advance(Duration.ofMillis(IDLE));

    assertEquals(0L, store.count().await(10, SECONDS));
  }

  /**
   * In Cluster a change of ID reads the old session, copies it, then deletes the old key only if it still holds the
   * version copied. A save sent right after the change's read reaches the old key's master between that read and
   * that delete (one connection, in order), so the change must copy again to keep the save's change.
   */
  @Test
  void aSaveBetweenTheStepsOfAChangeIdMovesWithTheSession() throws Exception {
    List<String> ids = createSessions(prefix, store).subList(0, 30);
    for (String id : ids) {
      String newId = UUID.randomUUID().toString();
      Promise<Long> moving = Promise.promise();
      Promise<Long> saving = Promise.promise();
      vertx.runOnContext(v -> {
        store.changeId(id, newId).onComplete(moving);
        store.save(SessionDelta.builder(id).set(Map.of("late", true)).createdAt(clock.millis()).idleTimeout(IDLE)
          .build())
          .onComplete(saving);
      });

      assertEquals(2L, saving.future().await(10, SECONDS), "the save reached the session before it moved");
      assertEquals(3L, moving.future().await(10, SECONDS), "the change moved the saved version");
      assertNull(store.load(id, 0).await(10, SECONDS));
      SessionRecord moved = store.load(newId, 0).await(10, SECONDS);
      assertEquals(Map.of("i", ids.indexOf(id), "late", true), moved.data());
    }
  }

  private SessionStore storeWithPrefix(String keyPrefix) throws Exception {
    return RedisSessionStore.create(vertx, Redis.createClient(vertx, cluster.clientOptions()),
      new RedisStoreOptions().setKeyPrefix(keyPrefix).setClock(clock));
  }

  private List<String> createSessions(String keyPrefix, SessionStore target) throws Exception {
    List<String> ids = new ArrayList<>();
    List<Future<Long>> creations = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      long now = clock.millis();
      creations.add(target.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("i", i)).createdAt(now)
        .idleTimeout(IDLE).build())));
    }
    Future.all(creations).await(10, SECONDS);
    assertEquals(SESSIONS, nodes.stream().mapToLong(node -> node.keys(keyPrefix).size()).sum());
    return ids;
  }
}
