package io.github.vertxsessions.redis;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever else sits under a session's key, written by a bug, an operator or another program, reads as a missing
 * session with one warning, and never fails an operation.
 */
@ExtendWith(VertxExtension.class)
class RedisCorruptDataTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  private final String prefix = TestRedis.uniquePrefix();
  private final String id = UUID.randomUUID().toString().replace("-", "");
  private Vertx vertx;
  private TestClock clock;
  private SessionStore store;
  private RedisAdmin admin;
  private LogCapture log;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    store = RedisSessionStore.create(vertx, TestRedis.client(vertx),
      new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock));
    admin = new RedisAdmin(vertx, TestRedis.connectionString());
    log = LogCapture.of(RedisSessionStore.class);
  }

  @AfterEach
  void tearDown() throws Exception {
    log.close();
    admin.deleteKeys(prefix);
    admin.close();
    store.close().await(10, SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"string", "list", "hash without timing fields", "hash with a non-numeric version",
    "hash with a fractional version", "hash with a version too large to increment", "hash with a value that is not JSON",
    "hash without cookieMaxAge"})
  void corruptValueLoadsAsMissingWithOneWarning(String kind) throws Exception {
    writeCorrupt(kind);

    assertNull(store.load(id, 0).await(10, SECONDS));

    List<String> warnings = log.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains(SessionRecord.redact(id)), warnings.get(0));
    assertFalse(warnings.get(0).contains(id), "never the whole session ID: " + warnings.get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"string", "list", "hash without timing fields", "hash with a non-numeric version",
    "hash with a fractional version", "hash with a version too large to increment", "hash without cookieMaxAge"})
  void corruptValueIsNeitherUpdatedNorTouchedNorCountedButCanBeReplaced(String kind) throws Exception {
    writeCorrupt(kind);
    String key = prefix + id;
    String type = admin.call("TYPE", key).toString();
    String before = "hash".equals(type) ? admin.call("HGETALL", key).toString() : null;

    assertThrows(SessionGoneException.class, () -> store.save(SessionDelta.builder(id).set(Map.of("x", 1))
      .createdAt(clock.millis()).idleTimeout(IDLE).build()).await(10, SECONDS));
    store.touch(id).await(10, SECONDS);
    assertEquals(type, admin.call("TYPE", key).toString(), "left as it was");
    if ("hash".equals(type)) {
      assertEquals(before, admin.call("HGETALL", key).toString(), "not a field written");
    }
    assertEquals(0L, store.count().await(10, SECONDS));

    long now = clock.millis();
    store.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("fresh", true)).createdAt(now)
      .idleTimeout(IDLE).build())).await(10, SECONDS);

    assertEquals(Map.of("fresh", true), store.load(id, 0).await(10, SECONDS).data());
    store.clear().await(10, SECONDS);
    assertEquals(List.of(), admin.keys(prefix));
  }

  private void writeCorrupt(String kind) {
    String key = prefix + id;
    long now = clock.millis();
    switch (kind) {
      case "string" -> admin.call("SET", key, "{\"not\":\"a hash\"}");
      case "list" -> admin.call("RPUSH", key, "a", "b");
      case "hash without timing fields" -> admin.call("HSET", key, "d:user", "\"alice\"");
      case "hash with a non-numeric version" -> admin.call("HSET", key, "version", "one", "createdAt", now,
        "lastAccessedAt", now, "idleTimeout", IDLE, "maxLifetime", 0, "cookieMaxAge", -1);
      case "hash with a fractional version" -> admin.call("HSET", key, "version", "1.5", "createdAt", now,
        "lastAccessedAt", now, "idleTimeout", IDLE, "maxLifetime", 0, "cookieMaxAge", -1);
      // 2^53: a script increments the version as a Lua number, exact only below that.
      case "hash with a version too large to increment" -> admin.call("HSET", key, "version", "9007199254740992",
        "createdAt", now, "lastAccessedAt", now, "idleTimeout", IDLE, "maxLifetime", 0, "cookieMaxAge", -1);
      case "hash with a value that is not JSON" -> admin.call("HSET", key, "version", 1, "createdAt", now,
        "lastAccessedAt", now, "idleTimeout", IDLE, "maxLifetime", 0, "cookieMaxAge", -1, "d:user", "alice");
      case "hash without cookieMaxAge" -> admin.call("HSET", key, "version", 1, "createdAt", now,
        "lastAccessedAt", now, "idleTimeout", IDLE, "maxLifetime", 0, "d:user", "\"alice\"");
      default -> throw new IllegalArgumentException(kind);
    }
  }
}
