package io.github.vertxsessions.redis;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testkit.RecordingStore;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.junit5.VertxExtension;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static io.github.vertxsessions.testkit.Eventually.eventually;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * What the tests of the handler over real HTTP on a private redis-server share: the server, a Vert.x instance per
 * test (injected, closed by the extension), stores under the test's own key prefix, and reads and waits on what Redis holds.
 */
@ExtendWith(VertxExtension.class)
abstract class RedisHttpTestBase {

  /** A clean-up step, which may wait on a Future. */
  interface CleanUp {
    void run() throws Exception;
  }

  /** Timers and process signals on a loaded two-core CI machine. */
  static final long SLACK_MILLIS = 700;

  static EmbeddedRedis server;

  final String prefix = TestRedis.uniquePrefix();
  final TestClock clock = new TestClock();
  /** Run last-in first-out after each test, before the Vert.x instance closes. */
  final Deque<CleanUp> cleanUp = new ArrayDeque<>();
  Vertx vertx;
  RedisAdmin admin;

  @BeforeAll
  static void startRedis() {
    server = EmbeddedRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    server.close();
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    admin = new RedisAdmin(vertx, server.connectionString());
  }

  @AfterEach
  void tearDown() throws Exception {
    while (!cleanUp.isEmpty()) {
      cleanUp.pop().run();
    }
    admin.deleteKeys(prefix);
    admin.close();
  }

  /** A Redis store under this test's prefix on the test clock; null for the default command timeout. */
  SessionStore store(Vertx owner, Duration commandTimeout) {
    RedisStoreOptions options = new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock);
    if (commandTimeout != null) {
      options.setCommandTimeout(commandTimeout);
    }
    Redis redis = Redis.createClient(owner, server.connectionString());
    SessionStore store = RedisSessionStore.create(owner, redis, options);
    cleanUp.push(() -> {
      store.close().await(10, SECONDS);
      redis.close();
    });
    return store;
  }

  /** TestApp's standard routes plus {@code routes}, on {@code owner}; closed with it. */
  TestApp app(Vertx owner, SessionOptions options, SessionStore store, Consumer<Router> routes) {
    return new TestApp(owner, clock, options, store, routes, new HttpServerOptions());
  }

  static long saves(RecordingStore store) {
    return store.calls().stream().filter("save"::equals).count();
  }

  String field(String id, String field) {
    Response value = admin.call("HGET", prefix + id, field);
    return value == null ? null : value.toString();
  }

  /** Waits (at most 5 s) for the session's hash field to hold {@code expected}: automatic saves finish after the response. */
  void awaitField(String id, String name, String expected) {
    awaitCondition(() -> expected.equals(field(id, name)),
      () -> name + " = " + expected + " in Redis (it holds " + field(id, name) + ")");
  }

  static void awaitCondition(Supplier<Boolean> condition, String what) {
    awaitCondition(condition, () -> what);
  }

  /** A bounded poll (5 s): for outcomes that no Future of the test reports, such as a save after a response. */
  static void awaitCondition(Supplier<Boolean> condition, Supplier<String> what) {
    try {
      eventually(Duration.ofSeconds(5), "the awaited outcome", condition::get);
    } catch (AssertionError e) {
      throw new AssertionError("Timed out waiting for " + what.get(), e);
    }
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
