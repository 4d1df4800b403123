package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What lands in Redis: one readable hash per session under the prefix, with a TTL that follows the session. */
@ExtendWith(VertxExtension.class)
class RedisLayoutTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  private final String prefix = TestRedis.uniquePrefix();
  private final List<SessionStore> stores = new ArrayList<>();
  private Vertx vertx;
  private TestClock clock;
  private RedisAdmin admin;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    admin = new RedisAdmin(vertx, TestRedis.connectionString());
  }

  @AfterEach
  void tearDown() throws Exception {
    admin.deleteKeys(prefix);
    admin.close();
    for (var store : stores) {
      store.close().await(10, SECONDS);
    }
  }

  @Test
  void aSessionIsOneHashOfJsonFieldsAndTimingFields() throws Exception {
    SessionStore store = store(prefix);
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    (store.save(SessionDelta.creationOf(SessionRecord.builder(id)
      .data(Map.of("user", "alice", "cart", new JsonObject().put("items", 2))).createdAt(now - 5).lastAccessedAt(now)
      .idleTimeout(IDLE).cookieMaxAge(86_400_000).build()))).await(10, SECONDS);

    assertEquals(List.of(prefix + id), admin.keys(prefix));
    assertEquals("hash", admin.call("TYPE", prefix + id).toString());
    Map<String, String> fields = new HashMap<>();
    Response hash = admin.call("HGETALL", prefix + id);
    hash.getKeys().forEach(field -> fields.put(field, hash.get(field).toString()));
    assertEquals(Map.of(
      "version", "1",
      "createdAt", Long.toString(now - 5),
      "lastAccessedAt", Long.toString(now),
      "idleTimeout", Long.toString(IDLE),
      "maxLifetime", "0",
      "cookieMaxAge", "86400000",
      "d:user", "\"alice\"",
      "d:cart", "{\"items\":2}"), fields);
  }

  @Test
  void redisExpiresTheKeyWhenTheSessionExpiresWhateverItsOwnClockSays() throws Exception {
    SessionStore store = store(prefix);
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    store.save(SessionDelta.creationOf(SessionRecord.builder(id).createdAt(now).idleTimeout(IDLE).build())).await(10, SECONDS);
    assertTtlAbout(IDLE, id);

    clock.advance(Duration.ofMinutes(20));
    assertNotNull(store.load(id, Duration.ofMinutes(1).toMillis()).await(10, SECONDS));
    assertTtlAbout(IDLE, id);

    clock.advance(Duration.ofMinutes(20));
    store.save(SessionDelta.builder(id).set(Map.of("x", 1)).createdAt(now)
      .idleTimeout(Duration.ofMinutes(5).toMillis()).build()).await(10, SECONDS);
    assertTtlAbout(Duration.ofMinutes(5).toMillis(), id);

    String capped = UUID.randomUUID().toString();
    now = clock.millis();
    (store.save(SessionDelta.creationOf(SessionRecord.builder(capped).createdAt(now - IDLE).lastAccessedAt(now)
      .idleTimeout(IDLE).maxLifetime(IDLE + 60_000).build()))).await(10, SECONDS);
    assertTtlAbout(60_000, capped);
  }

  @Test
  void globCharactersInThePrefixMeanThemselves() throws Exception {
    String wild = prefix + "a*[bc]?\\:";
    SessionStore store = store(wild);
    SessionStore lookalike = store(prefix + "aXbY\\:");
    long now = clock.millis();
    store.save(SessionDelta.creationOf(SessionRecord.builder("mine").createdAt(now).idleTimeout(IDLE).build())).await(10, SECONDS);
    lookalike.save(SessionDelta.creationOf(SessionRecord.builder("other").createdAt(now).idleTimeout(IDLE)
      .build())).await(10, SECONDS);

    assertEquals(1L, store.count().await(10, SECONDS));
    store.clear().await(10, SECONDS);

    assertEquals(List.of(prefix + "aXbY\\:other"), admin.keys(prefix));
  }

  private void assertTtlAbout(long expected, String id) {
    long ttl = admin.call("PTTL", prefix + id).toLong();
    assertTrue(ttl > expected - 5_000 && ttl <= expected, "PTTL " + ttl + ", expected about " + expected);
  }

  private SessionStore store(String keyPrefix) {
    SessionStore store = RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(keyPrefix).setClock(clock));
    stores.add(store);
    return store;
  }
}
