package io.github.vertxsessions.redis;

import io.github.vertxsessions.redis.testing.CommandCalls;
import io.github.vertxsessions.redis.testing.RedisMonitor;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What each operation costs in commands sent to Redis, counted on a private server that nothing else uses: MONITOR
 * lists the commands clients send, apart from those the scripts run inside the server.
 */
class RedisRoundTripTest extends OneRedisPerClass {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();
  private static final long TOUCH_INTERVAL = IDLE / 100;

  private Vertx vertx;
  private TestClock clock;
  private SessionStore store;
  private RedisMonitor monitor;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    clock = new TestClock();
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, server.connectionString()),
      new RedisStoreOptions().setClock(clock));
    admin.call("SCRIPT", "FLUSH");
    warmUp();
    monitor = RedisMonitor.start(vertx, server);
  }

  @AfterEach
  void tearDown() throws Exception {
    monitor.close();
    store.close().await(10, SECONDS);
  }

  /**
   * A read costs one plain HGETALL, no script; only a read whose touch is due (at most once per touch interval and
   * session) runs the load script after it, which reads and touches in one step.
   */
  @Test
  void aLoadIsOnePlainCommandUnlessItsTouchIsDue() throws Exception {
    SessionRecord session = create();

    assertEquals(List.of("hgetall"), monitor.commandsDuring(() -> assertNotNull(load(session))), "no touch due");
    assertEquals(List.of("hgetall"), monitor.commandsDuring(() -> load(newSession())), "missing session");
    clock.advance(Duration.ofMillis(TOUCH_INTERVAL));
    assertEquals(List.of("hgetall", "evalsha"), monitor.commandsDuring(() -> assertNotNull(load(session))),
      "touch due");
    assertEquals(List.of("hgetall"), monitor.commandsDuring(() -> assertEquals(clock.millis(),
      load(session).lastAccessedAt(), "the script did touch")), "no touch due any more");
  }

  @Test
  void saveAndCreationCostOneCommandEach() throws Exception {
    SessionRecord session = newSession();

    assertEquals(List.of("evalsha"), monitor.commandsDuring(() -> store.save(SessionDelta.creationOf(session)).await(10, SECONDS)));
    SessionDelta change = SessionDelta.builder(session.id()).set(Map.of("a", 1, "b", "two")).unset(Set.of("x"))
      .createdAt(session.createdAt()).idleTimeout(IDLE).build();
    assertEquals(List.of("evalsha"), monitor.commandsDuring(() -> store.save(change).await(10, SECONDS)));
    assertEquals(List.of("evalsha"), monitor.commandsDuring(() -> store.touch(session.id()).await(10, SECONDS)));
    // A script too: it reads the principal, to take the session out of its index in the same step.
    assertEquals(List.of("evalsha"), monitor.commandsDuring(() -> store.delete(session.id()).await(10, SECONDS)));
  }

  @Test
  void commandStatsSeeNoScriptCallForALoad() throws Exception {
    SessionRecord session = create();
    Map<String, Long> before = admin.commandCalls();

    load(session);

    Map<String, Long> after = admin.commandCalls();
    assertEquals(1, after.get("hgetall") - before.get("hgetall"));
    assertEquals(before.get("evalsha"), after.get("evalsha"));
    assertEquals(before.getOrDefault("eval", 0L), after.getOrDefault("eval", 0L));
  }

  /**
   * What each operation runs in Redis (INFO commandstats, which counts the commands a script runs too): the figures of
   * the manual's "Cost and atomicity". No TYPE check (a key of another type fails the read, which the script or the
   * store catches), one read per script, one HSET however many fields a save writes, and no script for a read whose
   * touch is not due.
   */
  @Test
  void commandsRunInsideTheScripts() throws Exception {
    SessionRecord session = newSession();
    SessionDelta change = SessionDelta.builder(session.id()).set(Map.of("a", 1, "b", "two")).unset(Set.of("x"))
      .createdAt(session.createdAt()).idleTimeout(IDLE).build();

    assertEquals(Map.of("evalsha", 1L, "hmget", 1L, "del", 1L, "hset", 1L, "pexpire", 1L),
      CommandCalls.during(admin, () -> store.save(SessionDelta.creationOf(session)).await(10, SECONDS)), "creation");
    assertEquals(Map.of("hgetall", 1L), CommandCalls.during(admin, () -> load(session)), "load");
    assertEquals(Map.of("hgetall", 1L), CommandCalls.during(admin, () -> load(newSession())),
      "load of a missing session");
    assertEquals(Map.of("evalsha", 1L, "hmget", 1L, "hdel", 1L, "hset", 1L, "pexpire", 1L),
      CommandCalls.during(admin, () -> store.save(change).await(10, SECONDS)), "save that sets and removes attributes");
    assertEquals(Map.of("evalsha", 1L, "hmget", 1L, "hset", 1L, "pexpire", 1L),
      CommandCalls.during(admin, () -> store.save(SessionDelta.builder(session.id()).set(Map.of("a", 2))
        .createdAt(session.createdAt()).idleTimeout(IDLE).build()).await(10, SECONDS)), "save that sets an attribute");
    clock.advance(Duration.ofMillis(TOUCH_INTERVAL));
    assertEquals(Map.of("hgetall", 2L, "evalsha", 1L, "hset", 1L, "pexpire", 1L),
      CommandCalls.during(admin, () -> load(session)), "load with a touch due: the plain read, then the script");
    assertEquals(Map.of("evalsha", 1L, "hmget", 1L, "hset", 1L, "pexpire", 1L),
      CommandCalls.during(admin, () -> store.touch(session.id()).await(10, SECONDS)), "touch");
    String newId = UUID.randomUUID().toString();
    assertEquals(Map.of("evalsha", 1L, "hgetall", 1L, "hmget", 1L, "del", 2L, "hset", 1L, "pexpire", 1L),
      CommandCalls.during(admin, () -> store.changeId(session.id(), newId).await(10, SECONDS)), "changeId");
    assertEquals(Map.of("evalsha", 1L, "hget", 1L, "del", 1L),
      CommandCalls.during(admin, () -> store.delete(newId).await(10, SECONDS)), "delete");
  }

  /** The reply of a load that touched is the hash as the touch left it, without reading it again. */
  @Test
  void aTouchingLoadReturnsTheSessionAsTouched() throws Exception {
    SessionRecord session = create();
    clock.advance(Duration.ofMillis(TOUCH_INTERVAL));

    SessionRecord loaded = load(session);

    assertEquals(clock.millis(), loaded.lastAccessedAt());
    assertEquals(Long.toString(clock.millis()), admin.call("HGET", RedisStoreOptions.DEFAULT_KEY_PREFIX
      + session.id(), "lastAccessedAt").toString());
    assertEquals(session.data(), loaded.data());
    assertEquals(1, loaded.version());
  }

  /** One HSET (and one HDEL) per save, in chunks that Lua can pass on however many attributes change. */
  @Test
  void aSaveOfThousandsOfAttributesIsOneScript() throws Exception {
    SessionRecord session = create();
    Map<String, Object> many = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      many.put("k" + i, i);
    }

    assertEquals(List.of("evalsha"), monitor.commandsDuring(() -> store.save(SessionDelta.builder(session.id())
      .set(many).createdAt(session.createdAt()).idleTimeout(IDLE).build()).await(10, SECONDS)));
    assertEquals(5001, load(session).data().size());
    assertEquals(3L, store.save(SessionDelta.builder(session.id()).unset(many.keySet())
      .createdAt(session.createdAt()).idleTimeout(IDLE).build()).await(10, SECONDS), "the version after a creation and two saves");
    assertEquals(session.data(), load(session).data());
  }

  @Test
  void aFlushedScriptCacheCostsOneExtraCommandOnce() throws Exception {
    SessionRecord session = create();
    admin.call("SCRIPT", "FLUSH");

    assertEquals(List.of("evalsha", "eval"), monitor.commandsDuring(() -> store.touch(session.id()).await(10, SECONDS)),
      "NOSCRIPT, then the source, which caches the script again");
    assertEquals(List.of("evalsha"), monitor.commandsDuring(() -> store.touch(session.id()).await(10, SECONDS)));
  }

  private SessionRecord newSession() {
    long now = clock.millis();
    return SessionRecord.builder(UUID.randomUUID().toString()).data(Map.of("x", true)).createdAt(now).idleTimeout(IDLE)
      .build();
  }

  /** Opens the store's connection and has Redis cache every script, so that only steady-state costs are measured. */
  private void warmUp() throws Exception {
    SessionRecord session = create();
    store.save(SessionDelta.builder(session.id()).set(Map.of("warm", true)).createdAt(session.createdAt())
      .idleTimeout(IDLE).build()).await(10, SECONDS);
    store.touch(session.id()).await(10, SECONDS);
    load(session);
    // A touch interval of 0: due at once, so the load script runs and is cached too.
    store.load(session.id(), 0).await(10, SECONDS);
    store.changeId(create().id(), UUID.randomUUID().toString()).await(10, SECONDS);
    store.delete(create().id()).await(10, SECONDS);
  }

  private SessionRecord create() throws Exception {
    SessionRecord session = newSession();
    store.save(SessionDelta.creationOf(session)).await(10, SECONDS);
    return session;
  }

  private SessionRecord load(SessionRecord session) throws Exception {
    return store.load(session.id(), TOUCH_INTERVAL).await(10, SECONDS);
  }
}
