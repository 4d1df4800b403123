package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A load whose touch is not due is a plain HGETALL, with the checks the load script made done in Java on the hash it
 * returns: these are the cases where the key Redis still holds is no live session.
 */
class RedisPlainReadTest extends OneRedisPerClass {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();
  /** Longer than any wait here: no load below is due a touch, so each is the plain read. */
  private static final long NEVER_DUE = Long.MAX_VALUE;

  private Vertx vertx;
  private TestClock clock;
  private SessionStore store;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    store = storeOver(Redis.createClient(vertx, server.connectionString()));
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close().await(10, SECONDS);
  }

  /**
   * The key's time to live runs on Redis's clock, which has not moved: Redis still holds the hash, and only the
   * store's clock, checked in Java by the rule of {@link SessionRecord#expiresAt()}, says the session is over.
   */
  @Test
  void anIdleSessionExpiredByTheStoresClockReadsAsMissingWhileRedisStillHoldsIt() throws Exception {
    SessionRecord session = create(SessionRecord.builder(newId()).data(Map.of("n", 1)).createdAt(clock.millis())
      .idleTimeout(IDLE).build());
    clock.advance(Duration.ofMillis(IDLE - 1));
    assertNotNull(store.load(session.id(), NEVER_DUE).await(10, SECONDS), "live until its last millisecond");

    clock.advance(Duration.ofMillis(1));

    assertNull(store.load(session.id(), NEVER_DUE).await(10, SECONDS));
    assertEquals(1L, admin.call("EXISTS", key(session)).toLong(), "not evicted by Redis yet");
  }

  @Test
  void theAbsoluteLifetimeEndsAPlainReadToo() throws Exception {
    long lifetime = Duration.ofMinutes(10).toMillis();
    SessionRecord session = create(SessionRecord.builder(newId()).data(Map.of("n", 1)).createdAt(clock.millis())
      .idleTimeout(IDLE).maxLifetime(lifetime).build());

    clock.advance(Duration.ofMillis(lifetime));

    assertNull(store.load(session.id(), NEVER_DUE).await(10, SECONDS));
    assertEquals(1L, admin.call("EXISTS", key(session)).toLong(), "not evicted by Redis yet");
  }

  /** A delete leaves no key (no tombstone): the next read finds nothing, however recently the session was read. */
  @Test
  void aSessionDeletedAfterARecentReadReadsAsMissing() throws Exception {
    SessionRecord session = create(SessionRecord.builder(newId()).data(Map.of("n", 1)).createdAt(clock.millis())
      .idleTimeout(IDLE).build());
    assertNotNull(store.load(session.id(), NEVER_DUE).await(10, SECONDS));

    store.delete(session.id(), true).await(10, SECONDS);

    assertNull(store.load(session.id(), NEVER_DUE).await(10, SECONDS));
  }

  /** Over RESP3 HGETALL answers a map, over RESP2 a flat array of pairs: both decode to the same session. */
  @Test
  void aPlainReadDecodesTheSameSessionOverResp2AndResp3() throws Exception {
    SessionRecord session = create(SessionRecord.builder(newId()).data(Map.of("n", 1, "name", "Ada"))
      .createdAt(clock.millis()).idleTimeout(IDLE).owner(new SessionOwner("alice", "laptop")).build());
    SessionStore resp2 = storeOver(Redis.createClient(vertx, new RedisOptions()
      .setConnectionString(server.connectionString()).setPreferredProtocolVersion(ProtocolVersion.RESP2)));
    try {
      SessionRecord overResp3 = store.load(session.id(), NEVER_DUE).await(10, SECONDS);
      SessionRecord overResp2 = resp2.load(session.id(), NEVER_DUE).await(10, SECONDS);

      assertEquals(overResp3, overResp2);
      assertEquals(Map.of("n", 1, "name", "Ada"), overResp2.data());
      assertEquals(new SessionOwner("alice", "laptop"), overResp2.owner());
    } finally {
      resp2.close().await(10, SECONDS);
    }
  }

  private SessionStore storeOver(Redis client) {
    return RedisSessionStore.create(vertx, client, new RedisStoreOptions().setClock(clock));
  }

  private SessionRecord create(SessionRecord session) throws Exception {
    store.save(SessionDelta.creationOf(session)).await(10, SECONDS);
    return session;
  }

  private static String key(SessionRecord session) {
    return RedisStoreOptions.DEFAULT_KEY_PREFIX + session.id();
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
