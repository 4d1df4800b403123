package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index by principal as it lands in a standalone Redis: its key layout, its expiry by Redis itself, and what
 * reading it repairs. Real time to live where Redis must expire keys; the store clock elsewhere.
 */
@ExtendWith(VertxExtension.class)
class RedisPrincipalIndexTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  private final String prefix = TestRedis.uniquePrefix();
  private Vertx vertx;
  private TestClock clock;
  private RedisAdmin admin;
  private RedisSessionStore store;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    admin = new RedisAdmin(vertx, TestRedis.connectionString());
    store = RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock));
  }

  @AfterEach
  void tearDown() throws Exception {
    admin.deleteKeys(prefix);
    admin.close();
    store.close().await(10, SECONDS);
  }

  @Test
  void theOwnerIsInTheHashAndTheIndexIsASortedSetPerPrincipalScoredBeyondTheExpiry() throws Exception {
    String principal = "ünï:{tag} *?[x] 🙂 " + UUID.randomUUID();
    SessionRecord session = create(principal, "Firefox on Linux", IDLE, 0);

    Map<String, String> hash = hash(session.id());
    assertEquals(principal, hash.get("principal"));
    assertEquals("Firefox on Linux", hash.get("description"));
    String index = prefix + "principal:" + principal;
    assertEquals("zset", admin.call("TYPE", index).toString());
    assertEquals(List.of(session.id()), admin.call("ZRANGE", index, 0, -1).stream().map(Response::toString).toList());
    long score = admin.call("ZSCORE", index, session.id()).toLong();
    assertEquals(Long.parseLong(hash.get("indexedUntil")), score);
    assertEquals(session.createdAt() + 2 * IDLE, score, "one idle timeout past the expiry");
    assertEquals(new SessionOwner(principal, "Firefox on Linux"), store.load(session.id(), Long.MAX_VALUE).await(10, SECONDS).owner());
    assertEquals(List.of(session.id()), ids(principal));

    SessionRecord anonymous = create(null, null, IDLE, 0);
    assertFalse(hash(anonymous.id()).containsKey("principal"), "no owner, no owner fields");
    assertFalse(hash(anonymous.id()).containsKey("indexedUntil"));
  }

  @Test
  void aChangeOfIdIndexesTheNewIdFromNowOnInPlaceOfTheOldOne() throws Exception {
    String principal = principal();
    SessionRecord session = create(principal, "laptop", IDLE, 0);
    clock.advance(Duration.ofMinutes(5));
    String newId = UUID.randomUUID().toString();

    store.changeId(session.id(), newId).await(10, SECONDS);

    String index = prefix + "principal:" + principal;
    assertEquals(List.of(newId), admin.call("ZRANGE", index, 0, -1).stream().map(Response::toString).toList());
    long score = admin.call("ZSCORE", index, newId).toLong();
    assertEquals(clock.millis() + 2 * IDLE, score, "one idle timeout past the expiry the change gave it");
    Map<String, String> hash = hash(newId);
    assertEquals(Long.toString(score), hash.get("indexedUntil"));
    assertEquals("laptop", hash.get("description"));
    assertEquals(0, admin.call("EXISTS", prefix + session.id()).toInteger());
  }

  @Test
  void aLonePrincipalSurrogateIsRefusedRatherThanStoredAsAnotherName() {
    SessionRecord record = newRecord(IDLE, 0).ownedBy(new SessionOwner("bad\uD800", null));

    assertThrows(IllegalArgumentException.class, () -> store.save(SessionDelta.creationOf(record)).await(10, SECONDS));
    assertEquals(0, admin.call("EXISTS", prefix + record.id()).toInteger());
  }

  @Test
  void theIndexKeyExpiresOnItsOwnWithItsLastSession() throws Exception {
    String principal = principal();
    long idle = 600;
    SessionRecord session = create(principal, null, idle, 0);
    String index = prefix + "principal:" + principal;

    long sessionTtl = admin.call("PTTL", prefix + session.id()).toLong();
    long indexTtl = admin.call("PTTL", index).toLong();
    assertTrue(indexTtl >= sessionTtl && indexTtl <= sessionTtl + idle,
      "the index lives at least as long as its session and at most one idle timeout longer: " + indexTtl + " ms, "
        + "the session " + sessionTtl + " ms");

    awaitCondition(() -> admin.call("EXISTS", prefix + session.id()).toInteger() == 0, "the session to expire");
    awaitCondition(() -> admin.call("EXISTS", index).toInteger() == 0, "the index key to expire after it");
  }

  @Test
  void removingTheLastSessionRemovesTheIndexKeyAtOnce() throws Exception {
    String principal = principal();
    SessionRecord first = create(principal, null, IDLE, 0);
    SessionRecord second = create(principal, null, IDLE, 0);
    String index = prefix + "principal:" + principal;

    store.delete(first.id()).await(10, SECONDS);
    assertEquals(1, admin.call("ZCARD", index).toInteger(), "a delete removes the member in its script");
    store.save(SessionDelta.changesTo(second, Map.of(), Set.of()).withOwner(SessionOwner.NONE)).await(10, SECONDS);

    assertEquals(0, admin.call("EXISTS", index).toInteger(), "logged out: nothing is left of the principal");
    assertFalse(hash(second.id()).containsKey("principal"));
  }

  @Test
  void theIndexNeverKeepsASessionAliveAndReadingDropsOneThatExpiredByItsOwnTimeToLive() throws Exception {
    String principal = principal();
    SessionRecord shortLived = create(principal, null, 300, 0);
    SessionRecord kept = create(principal, null, IDLE, 0);
    String index = prefix + "principal:" + principal;

    awaitCondition(() -> admin.call("EXISTS", prefix + shortLived.id()).toInteger() == 0,
      "Redis to expire the short session while it is still in the index");
    assertEquals(2, admin.call("ZCARD", index).toInteger(), "the index still names it");

    assertEquals(List.of(kept.id()), ids(principal));
    assertNull(admin.call("ZSCORE", index, shortLived.id()), "reading removed it");
    assertNull(store.load(shortLived.id(), 0).await(10, SECONDS), "and did not bring it back");
  }

  @Test
  void findingNeverTouchesTheSessions() throws Exception {
    String principal = principal();
    SessionRecord session = create(principal, null, IDLE, 0);
    long ttl = admin.call("PTTL", prefix + session.id()).toLong();
    clock.advance(Duration.ofMinutes(10));

    SessionRecord found = store.findByPrincipal(principal).await(10, SECONDS).get(0);

    assertEquals(session.createdAt(), found.lastAccessedAt());
    assertEquals(Long.toString(session.createdAt()), hash(session.id()).get("lastAccessedAt"));
    assertTrue(admin.call("PTTL", prefix + session.id()).toLong() <= ttl, "no longer time to live");
  }

  @Test
  void aLongActivityKeepsTheSessionCoveredAndExtendsTheIndexOnlyOncePerIdleTimeout() throws Exception {
    String principal = principal();
    SessionRecord session = create(principal, null, IDLE, 0);
    String index = prefix + "principal:" + principal;
    int extensions = 0;
    long covered = Long.parseLong(hash(session.id()).get("indexedUntil"));

    // Four hours of requests five minutes apart, each one touching: eight idle timeouts of activity.
    for (int minute = 5; minute <= 240; minute += 5) {
      clock.advance(Duration.ofMinutes(5));
      SessionRecord loaded = store.load(session.id(), 0).await(10, SECONDS);
      long score = admin.call("ZSCORE", index, session.id()).toLong();
      assertTrue(score >= loaded.expiresAt(), "minute " + minute + ": the index covers the session");
      assertEquals(Long.parseLong(hash(session.id()).get("indexedUntil")), score);
      assertTrue(admin.call("PTTL", index).toLong() >= admin.call("PTTL", prefix + session.id()).toLong() - 50,
        "minute " + minute + ": the index key outlives the session");
      if (score != covered) {
        extensions++;
        covered = score;
      }
    }

    assertTrue(extensions <= 8, extensions + " extensions in eight idle timeouts");
    assertEquals(List.of(session.id()), ids(principal));
  }

  @Test
  void aSessionWithALifetimeIsCoveredUntilItsEndAndNoFurther() throws Exception {
    String principal = principal();
    long lifetime = Duration.ofMinutes(45).toMillis();
    SessionRecord session = create(principal, null, IDLE, lifetime);

    assertEquals(session.createdAt() + lifetime,
      admin.call("ZSCORE", prefix + "principal:" + principal, session.id()).toLong());
  }

  @Test
  void aStaleMemberOfAnotherOwnerIsDroppedAndNotReturned() throws Exception {
    String alice = principal();
    SessionRecord session = create(alice, null, IDLE, 0);
    // As if the index had missed a change of owner.
    admin.call("HSET", prefix + session.id(), "principal", "mallory");

    assertEquals(List.of(), ids(alice));
    assertEquals(0, admin.call("EXISTS", prefix + "principal:" + alice).toInteger(), "its last member went");
    assertEquals(1, admin.call("EXISTS", prefix + session.id()).toInteger(), "the session itself stays");
  }

  @Test
  void aKeyOfAnotherTypeUnderAnIndexsNameReadsAsNoIndexAndGivesWay() throws Exception {
    String principal = principal();
    String index = prefix + "principal:" + principal;
    admin.call("SET", index, "not an index");

    assertEquals(List.of(), ids(principal));
    SessionRecord session = create(principal, null, IDLE, 0);

    assertEquals("zset", admin.call("TYPE", index).toString());
    assertEquals(List.of(session.id()), ids(principal));
    admin.call("SET", index, "not an index");
    store.delete(session.id()).await(10, SECONDS);
    assertEquals(0, admin.call("EXISTS", prefix + session.id()).toInteger(), "the delete went through");
  }

  private List<String> ids(String principal) throws Exception {
    return store.findByPrincipal(principal).await(10, SECONDS).stream().map(SessionRecord::id).toList();
  }

  private String principal() {
    return "user-" + UUID.randomUUID();
  }

  private SessionRecord newRecord(long idle, long maxLifetime) {
    long now = clock.millis();
    return SessionRecord.builder(UUID.randomUUID().toString()).data(Map.of("n", 1)).createdAt(now).idleTimeout(idle)
      .maxLifetime(maxLifetime).build();
  }

  private SessionRecord create(String principal, String description, long idle, long maxLifetime) throws Exception {
    SessionRecord record = newRecord(idle, maxLifetime);
    if (principal != null) {
      record = record.ownedBy(new SessionOwner(principal, description));
    }
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    return record;
  }

  private Map<String, String> hash(String id) {
    Map<String, String> fields = new HashMap<>();
    Response hash = admin.call("HGETALL", prefix + id);
    hash.getKeys().forEach(field -> fields.put(field, hash.get(field).toString()));
    return fields;
  }

  /** Polls (at most 10 s) for what Redis does on its own clock. */
  private static void awaitCondition(Supplier<Boolean> condition, String what) {
    eventually(Duration.ofSeconds(10), what, condition::get);
  }

}
