package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the handler's log says of a store call that failed, over HTTP, on a Redis of its own that refuses connections
 * or stalls before the store has ever connected: a load's failure is never "outcome unknown" (a read applies nothing),
 * and a write's is only when its command may have reached Redis.
 */
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
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void setUp() {
    server = EmbeddedRedis.start();
    vertx = Vertx.vertx();
    TestClock clock = new TestClock();
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx,
        new RedisOptions().setConnectionString(server.connectionString())),
      new RedisStoreOptions().setKeyPrefix(KEY_PREFIX).setClock(clock).setCommandTimeout(COMMAND_TIMEOUT));
    app = new TestApp(vertx, clock, new SessionOptions().setStoreTimeout(HANDLER_TIMEOUT)
      .setWriteTimeout(HANDLER_TIMEOUT), store, router -> { }, new HttpServerOptions());
    log.start();
    handlerLogger().addAppender(log);
  }

  @AfterEach
  void tearDown() {
    handlerLogger().detachAppender(log);
    app.close();
    server.close();
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
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (admin.keys("other:").isEmpty() && System.nanoTime() < deadline) {
        pause();
      }
      assertFalse(admin.keys("other:").isEmpty(), "the other application's save");
      admin.deleteKeys("other:");
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Logger handlerLogger() {
    return (Logger) LoggerFactory.getLogger(SessionHandler.class);
  }

  /**
   * The first line at {@code level} that starts with {@code start}. An automatic save is reported after its
   * response, so this waits for it; the handler's timeout, which ends every call here, bounds the wait.
   */
  private String awaitLine(Level level, String start) {
    String line = lineWithin(level, start, HANDLER_TIMEOUT);
    if (line == null) {
      throw new AssertionError("no " + level + " line starting with '" + start + "' in " + events());
    }
    return line;
  }

  /** The first line at {@code level} that starts with {@code start}, once there, or null after {@code limit}. */
  private String lineWithin(Level level, String start, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      for (ILoggingEvent event : events()) {
        if (event.getLevel() == level && event.getFormattedMessage().startsWith(start)) {
          return event.getFormattedMessage();
        }
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      pause();
    }
  }

  /** A copy taken under the appender's lock, which logback holds while it appends. */
  private List<ILoggingEvent> events() {
    synchronized (log) {
      return List.copyOf(log.list);
    }
  }

  private String awaitWarning(String start) {
    return awaitLine(Level.WARN, start);
  }

  private String awaitInfo(String start) {
    return awaitLine(Level.INFO, start);
  }
}
