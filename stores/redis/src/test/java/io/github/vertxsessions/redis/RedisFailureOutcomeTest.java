package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the handler's log says of a store call that failed, over HTTP, on a Redis of its own that refuses connections
 * or stalls before the store has ever connected: a load's failure is never "outcome unknown" (a read applies nothing),
 * and a write's is only when its command may have reached Redis.
 */
@ExtendWith(VertxExtension.class)
class RedisFailureOutcomeTest {

  private static final String KEY_PREFIX = "outcome:";
  /**
   * The store's own bound, which must end a stalled command before the handler's far longer ones do; far above a
   * round trip on a loaded machine (70 ms at most seen under {@code stress-ng --cpu 2}).
   */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration HANDLER_TIMEOUT = COMMAND_TIMEOUT.multipliedBy(10);

  private EmbeddedRedis server;
  private Vertx vertx;
  private RedisSessionStore store;
  private TestApp app;
  private LogCapture log;

  @BeforeEach
  void setUp(Vertx vertx) {
    server = EmbeddedRedis.start();
    this.vertx = vertx;
    TestClock clock = new TestClock();
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx,
        new RedisOptions().setConnectionString(server.connectionString())),
      new RedisStoreOptions().setKeyPrefix(KEY_PREFIX).setClock(clock).setCommandTimeout(COMMAND_TIMEOUT));
    app = new TestApp(vertx, clock, new SessionOptions().setStoreTimeout(HANDLER_TIMEOUT)
      .setWriteTimeout(HANDLER_TIMEOUT), store, router -> { }, new HttpServerOptions());
    log = LogCapture.of(SessionHandler.class);
  }

  @AfterEach
  void tearDown() {
    try {
      app.close();
      server.close();
    } finally {
      log.close(); // last: the saves failing on the stopped server while the app closes are the test's too
    }
  }

  @Test
  void aLoadFromARedisThatRefusesConnectionsFailsWithNoUnknownOutcome() {
    server.stop();
    String cookie = app.get("/put/views/1", null).sid();

    assertEquals(503, app.get("/read", cookie).status());

    String line = awaitWarning("Session store unavailable: loading sessions failed");
    assertFalse(line.contains("outcome unknown"), "a read applies nothing: " + line);
  }

  @Test
  void anAutomaticSaveToARedisThatRefusesConnectionsFailedAndIsNotAnUnknownOutcome() {
    server.stop();

    app.get("/put/views/1", null);

    String line = awaitWarning("Automatic session saves failed");
    assertTrue(line.startsWith("Automatic session saves failed: session "), "the command never left: " + line);
  }

  @Test
  void anAutomaticSaveThatTimedOutBeforeItWasSentFailedAndIsNeverApplied() {
    cacheTheScripts();
    server.freeze(); // the store has not connected yet: its connection's handshake waits, and the save behind it
    String stalled;
    try {
      stalled = app.get("/put/views/1", null).sessionId();
      String line = awaitWarning("Automatic session saves failed");
      assertTrue(line.startsWith("Automatic session saves failed: session "), "the command never left: " + line);
    } finally {
      server.thaw();
    }

    // One connection carries the store's commands in order: once a later save is answered, a stalled one left
    // queued would have gone before it. The connection the stalled save waited for opens once Redis runs again, and
    // a later save may still wait for it on a slow machine: saves are sent until one is answered.
    long deadline = System.nanoTime() + HANDLER_TIMEOUT.toNanos();
    boolean answered;
    do {
      app.get("/put/views/2", null);
      // each save ends within the command timeout, answered or not: twice that tells which
      answered = lineWithin(Level.INFO, "Automatic session saves: the store answers again",
        COMMAND_TIMEOUT.multipliedBy(2)) != null;
    } while (!answered && System.nanoTime() < deadline);
    awaitInfo("Automatic session saves: the store answers again");
    try (RedisAdmin admin = new RedisAdmin(vertx, server.connectionString())) {
      List<String> keys = admin.keys(KEY_PREFIX);
      assertFalse(keys.isEmpty(), "a later save is there");
      assertFalse(keys.contains(KEY_PREFIX + stalled), "the save reported failed was not sent later: " + keys);
    }
  }

  /**
   * Another application saves a session first, so that the server knows the store's scripts: a stalled save sent
   * late would then be applied at once (on a server without them, its EVALSHA would fail with NOSCRIPT, and hide it).
   */
  private void cacheTheScripts() {
    Vertx other = Vertx.vertx();
    RedisSessionStore otherStore = RedisSessionStore.create(other, Redis.createClient(other,
      new RedisOptions().setConnectionString(server.connectionString())), new RedisStoreOptions().setKeyPrefix("other:"));
    try (TestApp otherApp = new TestApp(other, new TestClock(), new SessionOptions(), otherStore, router -> { },
           new HttpServerOptions());
         RedisAdmin admin = new RedisAdmin(vertx, server.connectionString())) {
      otherApp.get("/put/views/1", null);
      eventually(Duration.ofSeconds(30), "the other application's save", () -> !admin.keys("other:").isEmpty());
      admin.deleteKeys("other:");
    }
  }

  /**
   * The first line at {@code level} that starts with {@code start}. An automatic save is reported after its
   * response, so this waits for it; the handler's timeout, which ends every call here, bounds the wait.
   */
  private String awaitLine(Level level, String start) {
    return eventually(HANDLER_TIMEOUT, "a " + level + " line starting with '" + start + "'",
      () -> first(level, start), line -> line != null);
  }

  /** The first line at {@code level} that starts with {@code start}, once there, or null after {@code limit}. */
  private String lineWithin(Level level, String start, Duration limit) {
    try {
      return eventually(limit, "a " + level + " line starting with '" + start + "'", () -> first(level, start),
        line -> line != null);
    } catch (AssertionError none) {
      return null;
    }
  }

  private String first(Level level, String start) {
    return log.lines(level).stream().filter(line -> line.startsWith(start)).findFirst().orElse(null);
  }

  private String awaitWarning(String start) {
    return awaitLine(Level.WARN, start);
  }

  private String awaitInfo(String start) {
    return awaitLine(Level.INFO, start);
  }
}
