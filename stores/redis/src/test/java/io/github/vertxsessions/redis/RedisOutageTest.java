package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Future;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis going away and coming back, on a private server: operations fail within the command timeout instead of
 * hanging or queueing, and the same store works again once Redis is back, without being recreated.
 */
@ExtendWith(VertxExtension.class)
class RedisOutageTest {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  /** Scheduling slack on a loaded two-core machine; failures must still come long before the 2 s store timeout. */
  private static final long SLACK_MILLIS = 700;
  private static final long IDLE = Duration.ofMinutes(30).toMillis();
  private static final int CONCURRENT = 100;

  private EmbeddedRedis server;
  private Vertx vertx;
  private TestClock clock;
  private RedisAdmin admin;
  private SessionStore store;
  private LogCapture log;

  @BeforeEach
  void setUp(Vertx vertx) {
    log = LogCapture.of("io.github.vertxsessions");
    server = EmbeddedRedis.start();
    this.vertx = vertx;
    clock = new TestClock();
    // Loads the client's classes first: a cold JVM's first connection can take longer than the short timeout.
    admin = new RedisAdmin(vertx, server.connectionString());
    admin.call("PING");
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, server.connectionString()),
      new RedisStoreOptions().setClock(clock).setCommandTimeout(COMMAND_TIMEOUT));
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      admin.close();
      store.close().await(10, SECONDS);
      server.close();
      assertOnlyLostConnectionsSaid();
    } finally {
      log.close();
    }
  }

  /**
   * What the library said while the test stopped, froze or cut off the server: at most that the store's connection
   * failed (whether the shared connection sees it fail depends on when the server went), and never an ERROR.
   */
  private void assertOnlyLostConnectionsSaid() {
    assertTrue(log.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
      .allMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith("Redis connection failed (")),
      log.events().toString());
  }

  @Test
  void stoppedRedisFailsOperationsPromptlyAndTheStoreRecoversWhenItIsBack() throws Exception {
    SessionRecord before = create();
    assertNotNull(load(before.id()));

    server.stop();
    long started = System.nanoTime();
    List<Future<SessionRecord>> loads = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      loads.add(store.load(before.id(), 0));
    }
    loads.forEach(load -> failureOf(load));
    Throwable saveFailure = failureOf(store.save(SessionDelta.creationOf(newSession())));
    assertWithinTimeout(started);
    assertNotNull(saveFailure);

    server.startAgain();

    SessionRecord after = create();
    assertEquals(Map.of("n", 1), load(after.id()).data(), "works again, scripts reloaded into the new server");
    assertEquals(1L, store.count().await(10, SECONDS));
  }

  @Test
  void aDroppedConnectionIsReplacedWithoutHelp() throws Exception {
    SessionRecord session = create();

    // As a proxy or the server's idle timeout would: every client connection but the admin's is closed.
    admin.call("CLIENT", "KILL", "TYPE", "normal");
    Future<SessionRecord> racingTheClose = store.load(session.id(), 0);
    racingTheClose.otherwiseEmpty().await(10, SECONDS);

    assertNotNull(load(session.id()), "the next operation uses a new connection");
  }

  @Test
  void aHungRedisFailsOperationsWithinTheCommandTimeout() throws Exception {
    SessionRecord session = create();

    server.freeze();
    try {
      long started = System.nanoTime();
      List<Future<SessionRecord>> loads = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        loads.add(store.load(session.id(), 0));
      }
      loads.forEach(load -> assertInstanceOf(TimeoutException.class, failureOf(load)));
      assertWithinTimeout(started);
    } finally {
      server.thaw();
    }

    assertNotNull(load(session.id()), "answers again once Redis runs again");
  }

  private static void assertWithinTimeout(long startedNanos) {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    assertTrue(elapsed < COMMAND_TIMEOUT.toMillis() + SLACK_MILLIS, "failed after " + elapsed + " ms");
  }

  private SessionRecord newSession() {
    long now = clock.millis();
    return SessionRecord.builder(UUID.randomUUID().toString()).data(Map.of("n", 1)).createdAt(now).idleTimeout(IDLE)
      .build();
  }

  private SessionRecord create() throws Exception {
    SessionRecord session = newSession();
    store.save(SessionDelta.creationOf(session)).await(10, SECONDS);
    return session;
  }

  private SessionRecord load(String id) throws Exception {
    return store.load(id, 0).await(10, SECONDS);
  }

  /** The failure {@code future} ends with: the store's own, never this wait's timeout. */
  private static Throwable failureOf(Future<?> future) {
    Throwable failure;
    try {
      failure = future.transform(done -> Future.succeededFuture(done.cause())).await(10, SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no outcome within 10 s", e);
    }
    assertNotNull(failure, "expected a failure");
    return failure;
  }
}
