package io.github.vertxsessions.redis;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.EmbeddedRedis;
import io.github.vertxsessions.testkit.FreePorts;
import io.github.vertxsessions.testkit.RecordingStore;
import io.github.vertxsessions.testkit.RedisAdmin;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestRedis;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over real HTTP on a private redis-server: remember-me cookies, store writes bounded by the write timeout, and the
 * registry of writes in flight kept per Vert.x instance (shared by its verticles, not by other Vert.x instances).
 */
class RedisAdoptionTest {

  private static final long WEEK_MILLIS = Duration.ofDays(7).toMillis();
  private static final long DEFAULT_IDLE_MILLIS = SessionOptions.DEFAULT_IDLE_TIMEOUT.toMillis();
  /** Longer than anything a test waits for, so that only the handler's own bounds can end a stalled command. */
  private static final Duration LONG_COMMAND_TIMEOUT = Duration.ofSeconds(10);
  /** Timers and process signals on a loaded two-core CI machine. */
  private static final long SLACK_MILLIS = 700;

  private static EmbeddedRedis server;

  private final String prefix = TestRedis.uniquePrefix();
  private final TestClock clock = new TestClock();
  /** Run last-in first-out after each test, before the Vert.x instance closes. */
  private final Deque<Runnable> cleanUp = new ArrayDeque<>();
  private Vertx vertx;
  private RedisAdmin admin;

  @BeforeAll
  static void startRedis() {
    server = EmbeddedRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    server.close();
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    admin = new RedisAdmin(vertx, server.connectionString());
  }

  @AfterEach
  void tearDown() {
    server.thaw();
    while (!cleanUp.isEmpty()) {
      cleanUp.pop().run();
    }
    admin.deleteKeys(prefix);
    admin.close();
    await(vertx.close());
  }

  // ---- remember-me: a change of the cookie's lifetime re-sends the cookie ----

  /** With rolling off, setMaxAge(7 days) on an existing session re-sends its cookie with Max-Age and stores 7 days. */
  @Test
  void rememberMeWithRollingOffSendsAWeekLongCookieAndStoresAWeek() {
    TestApp app = app(vertx, new SessionOptions().setRolling(false), store(vertx, null), this::rememberRoutes);
    TestResponse created = app.get("/put/user/alice", null);
    String cookie = created.sid();
    assertFalse(created.setCookie("sid").contains("Max-Age"), created.setCookie("sid"));
    String id = created.sessionId();
    assertNull(app.get("/read", cookie).setCookie("sid"), "rolling is off and nothing changed");

    TestResponse remembered = app.get("/remember-week", cookie);

    assertEquals(200, remembered.status());
    String setCookie = remembered.setCookie("sid");
    assertNotNull(setCookie, "a new lifetime must reach the browser even with rolling off");
    assertTrue(setCookie.contains("; Max-Age=604800"), setCookie);
    assertEquals(cookie, remembered.sid(), "the same session, only a longer-lived cookie");
    awaitField(id, "cookieMaxAge", Long.toString(WEEK_MILLIS));
    assertEquals(Long.toString(WEEK_MILLIS), field(id, "idleTimeout"));
    assertTtlAbout(WEEK_MILLIS, id);

    TestResponse later = app.get("/read", cookie);
    assertEquals("alice", later.data().getString("user"));
    assertNull(later.setCookie("sid"), "the lifetime is what the cookie has already: nothing to re-send");
  }

  /** With default options, setMaxAge(null) turns a remembered session's cookie into a browser-session cookie. */
  @Test
  void forgettingTheLifetimeSendsABrowserSessionCookieAndStoresTheIdleTimeout() {
    TestApp app = app(vertx, new SessionOptions(), store(vertx, null), this::rememberRoutes);
    TestResponse remembered = app.get("/remember-week", null);
    String cookie = remembered.sid();
    String id = remembered.sessionId();
    assertTrue(remembered.setCookie("sid").contains("; Max-Age=604800"), remembered.setCookie("sid"));
    awaitField(id, "cookieMaxAge", Long.toString(WEEK_MILLIS));

    TestResponse forgotten = app.get("/forget-me", cookie);

    assertEquals(200, forgotten.status());
    String setCookie = forgotten.setCookie("sid");
    assertNotNull(setCookie, "the browser must drop the week-long lifetime");
    assertFalse(setCookie.contains("Max-Age") || setCookie.contains("Expires"), setCookie);
    assertEquals(cookie, forgotten.sid());
    awaitField(id, "cookieMaxAge", "-1");
    assertEquals(Long.toString(DEFAULT_IDLE_MILLIS), field(id, "idleTimeout"));
    assertTtlAbout(DEFAULT_IDLE_MILLIS, id);
    assertNull(app.get("/read", cookie).setCookie("sid"), "a browser-session cookie is not rolled");
  }

  private void rememberRoutes(Router router) {
    router.get("/remember-week").handler(ctx ->
      TestApp.reply(ctx, SessionHandler.session(ctx).setMaxAge(Duration.ofDays(7))));
    router.get("/forget-me").handler(ctx -> TestApp.reply(ctx, SessionHandler.session(ctx).setMaxAge(null)));
  }

  // ---- the write timeout bounds store writes, and the next request's wait for them ----

  /**
   * An explicit save() to a Redis that stalls (SIGSTOP) after the load fails with a TimeoutException after the write
   * timeout (500 ms), not after the store's 10 s command timeout.
   */
  @Test
  void anExplicitSaveToAStalledRedisFailsAfterTheWriteTimeout() {
    Duration writeTimeout = Duration.ofMillis(500);
    TestApp app = app(vertx, new SessionOptions().setWriteTimeout(writeTimeout), store(vertx, LONG_COMMAND_TIMEOUT),
      router -> router.post("/save-slow").handler(ctx -> {
        Session session = SessionHandler.session(ctx);
        freezeRedis().compose(v -> {
          long saving = System.nanoTime();
          return session.put("saved", true).save()
            .transform(ar -> Future.succeededFuture(ar.failed() ? ar.cause() : null))
            .onSuccess(err -> ctx.response().putHeader("X-Save-Millis", Long.toString(millisSince(saving))));
        }).onSuccess(err -> {
          if (err == null) {
            ctx.end("saved");
          } else {
            ctx.response().setStatusCode(504).end(err.getClass().getName() + ": " + err.getMessage());
          }
        });
      }));
    String cookie = app.get("/put/user/alice", null).sid();

    TestResponse slow;
    long elapsed;
    try {
      long started = System.nanoTime();
      slow = app.post("/save-slow", cookie);
      elapsed = millisSince(started);
    } finally {
      server.thaw();
    }

    assertEquals(504, slow.status(), slow.body());
    assertEquals("java.util.concurrent.TimeoutException: the store did not answer within 500 ms", slow.body());
    long saveMillis = Long.parseLong(slow.headers().get("X-Save-Millis"));
    assertTrue(saveMillis >= writeTimeout.toMillis() - 10 && saveMillis < writeTimeout.toMillis() + SLACK_MILLIS,
      "save() failed after " + saveMillis + " ms");
    assertTrue(elapsed < writeTimeout.toMillis() + 2 * SLACK_MILLIS, "answered after " + elapsed + " ms");
    assertEquals("alice", app.get("/read", cookie).data().getString("user"), "the session works once Redis is back");
  }

  /**
   * Redis stalls (SIGSTOP) just as a response is written, for 2.5 s: longer than the store timeout (2 s). The next
   * request of that session waits for the stuck automatic save and its load within one store timeout in all, so it
   * answers 503 after about 2 s, not after the write timeout and then the store timeout (3 s); once Redis is back the
   * stalled save is there and nothing was lost.
   */
  @Test
  void aRedisStallAnswersTheNextRequest503WithinTheStoreTimeoutAndLosesNothing() {
    Duration writeTimeout = Duration.ofSeconds(1);
    Duration storeTimeout = Duration.ofSeconds(2);
    long stallMillis = 2_500;
    TestApp app = app(vertx, new SessionOptions().setWriteTimeout(writeTimeout).setStoreTimeout(storeTimeout),
      store(vertx, LONG_COMMAND_TIMEOUT), router -> router.get("/freeze-then-incr").handler(ctx ->
        freezeRedis().onSuccess(v -> {
          Session session = SessionHandler.session(ctx);
          session.put("n", session.<Number>get("n").intValue() + 1);
          TestApp.reply(ctx, session);
        })));
    String cookie = app.get("/incr/n", null).sid();

    TestResponse next;
    long elapsed;
    try {
      assertEquals(2, app.get("/freeze-then-incr", cookie).data().getInteger("n"));
      long started = System.nanoTime();
      Future<TestResponse> sent = app.sendAsync(HttpMethod.GET, "/incr/n", cookie, Map.of(), null);
      vertx.setTimer(stallMillis, t -> vertx.executeBlocking(() -> {
        server.thaw();
        return null;
      }));
      next = await(sent);
      elapsed = millisSince(started);
    } finally {
      server.thaw();
    }

    assertEquals(503, next.status(), next.body());
    assertTrue(elapsed >= storeTimeout.toMillis() - SLACK_MILLIS && elapsed < storeTimeout.toMillis() + SLACK_MILLIS,
      "answered after " + elapsed + " ms");
    TestResponse after = app.get("/incr/n", cookie);
    assertEquals(3, after.data().getInteger("n"), "the stalled save reached Redis, and this request built on it");
    assertEquals("3", field(after.sessionId(), "d:n"));
  }

  /**
   * An automatic save that never completes (held 30 s in front of a Redis that answers) holds its session's requests on
   * this node for ten write timeouts at the most (3 s here): meanwhile they answer 503 within the store timeout, never
   * a load that could miss the write; after that the write is given up on and the session recovers by itself.
   */
  @Test
  void aStuckAutomaticSaveHoldsItsSessionForTenWriteTimeoutsAtMost() {
    Duration writeTimeout = Duration.ofMillis(300);
    Duration storeTimeout = Duration.ofSeconds(1);
    TestApp app = app(vertx, new SessionOptions().setWriteTimeout(writeTimeout).setStoreTimeout(storeTimeout),
      store(vertx, null), router -> { });
    TestResponse first = app.get("/incr/n", null);
    String cookie = first.sid();

    app.store.delaySaves(30_000);
    long heldSince = System.nanoTime();
    assertEquals(2, app.get("/incr/n", cookie).data().getInteger("n"));
    awaitCondition(() -> saves(app.store) == 2, "the second save to start, held");
    app.store.delaySaves(0);

    long started = System.nanoTime();
    TestResponse held = app.get("/incr/n", cookie);
    long elapsed = millisSince(started);

    assertEquals(503, held.status(), held.body());
    assertTrue(elapsed < storeTimeout.toMillis() + SLACK_MILLIS, "answered after " + elapsed + " ms");
    awaitCondition(() -> millisSince(heldSince) > 10 * writeTimeout.toMillis(), "ten write timeouts to pass");
    TestResponse next = app.get("/incr/n", cookie);
    assertEquals(200, next.status(), next.body());
    assertEquals(2, next.data().getInteger("n"), "the held change never reached Redis; this one builds on n=1");
    TestResponse after = app.get("/incr/n", cookie);
    assertEquals(3, after.data().getInteger("n"));
    awaitField(first.sessionId(), "d:n", "3");
  }

  // ---- the registry of writes in flight belongs to one Vert.x instance ----

  /**
   * Two Vert.x instances in one JVM are two nodes: while node A's save of a session is held 2 s, node B serves that
   * session at once (from what Redis holds), and A's own next request still waits for A's save.
   */
  @Test
  void aSlowWriteOnOneVertxInstanceDoesNotDelayTheSessionOnAnother() {
    Vertx other = Vertx.vertx();
    cleanUp.push(() -> await(other.close()));
    SessionOptions options = new SessionOptions().setStoreTimeout(Duration.ofSeconds(5));
    TestApp nodeA = app(vertx, options, store(vertx, null), router -> { });
    TestApp nodeB = app(other, options, store(other, null), router -> { });
    String cookie = nodeA.get("/incr/n", null).sid();
    assertEquals(1, nodeA.get("/read", cookie).data().getInteger("n"), "node A waits for its own creation");
    assertEquals(1, nodeB.get("/read", cookie).data().getInteger("n"), "one session, seen by both nodes");

    long holdMillis = 2_000;
    nodeA.store.delaySaves(holdMillis);
    long saveStarted = System.nanoTime();
    assertEquals(2, nodeA.get("/incr/n", cookie).data().getInteger("n"));
    awaitCondition(() -> saves(nodeA.store) == 2, "node A's second save to start, held");
    nodeA.store.delaySaves(0);

    long started = System.nanoTime();
    TestResponse onB = nodeB.get("/read", cookie);
    long elapsed = millisSince(started);

    assertEquals(200, onB.status());
    assertTrue(elapsed < holdMillis / 2, "node B answered after " + elapsed + " ms");
    assertTrue(millisSince(saveStarted) < holdMillis, "node B must answer before A's save lands");
    assertEquals(1, onB.data().getInteger("n"), "node B read Redis before A's held save reached it");
    assertEquals(2, nodeA.get("/read", cookie).data().getInteger("n"), "node A waits for its own write");
  }

  /**
   * Four verticle instances of one Vert.x instance, each with its own Redis store (saves held 50 ms) and handler,
   * share one port: 20 requests of one session, each on a new connection and so on any instance, count to 20, since
   * the instances share their Vert.x instance's registry of writes in flight.
   */
  @Test
  void verticleInstancesOnOnePortSeeEachOthersWrites() {
    int port = FreePorts.any();
    AtomicInteger instances = new AtomicInteger();
    await(vertx.deployVerticle(() -> new CounterVerticle(instances.incrementAndGet(), port),
      new DeploymentOptions().setInstances(4)));
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false)
      .setDefaultHost("127.0.0.1").setDefaultPort(port));
    cleanUp.push(client::close);

    String cookie = null;
    Set<String> servedBy = new TreeSet<>();
    for (int i = 1; i <= 20; i++) {
      var request = client.get("/count");
      if (cookie != null) {
        request.putHeader("Cookie", cookie);
      }
      HttpResponse<Buffer> response = await(request.send());
      assertEquals(200, response.statusCode(), response.bodyAsString());
      assertEquals(String.valueOf(i), response.bodyAsString(), "request " + i);
      servedBy.add(response.getHeader("X-Instance"));
      if (cookie == null) {
        cookie = CounterApp.sessionCookie(response);
      }
    }
    assertTrue(servedBy.size() > 1, "every request was served by instance " + servedBy);
  }

  /** One instance: a Redis client, a store whose saves take 50 ms more, a handler, a server on the shared port. */
  private final class CounterVerticle extends VerticleBase {

    private final int number;
    private final int port;
    private Redis redis;
    private SessionStore store;

    CounterVerticle(int number, int port) {
      this.number = number;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      redis = Redis.createClient(vertx, server.connectionString());
      store = new RecordingStore(vertx, RedisSessionStore.create(vertx, redis,
        new RedisStoreOptions().setKeyPrefix(prefix))).delaySaves(50);
      Router router = Router.router(vertx);
      router.route().handler(SessionHandler.create(vertx, store,
        new SessionOptions().setSecrets(List.of(CounterApp.SECRET))));
      router.get("/count").handler(ctx -> {
        Session session = SessionHandler.session(ctx);
        Number n = session.get("n");
        session.put("n", n == null ? 1 : n.intValue() + 1);
        ctx.response().putHeader("X-Instance", Integer.toString(number)).end(String.valueOf(session.<Number>get("n")));
      });
      return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }

    @Override
    public Future<?> stop() {
      return store.close().onComplete(ar -> redis.close());
    }
  }

  // ---- helpers ----

  /** A Redis store under this test's prefix on the test clock; null for the default command timeout. */
  private SessionStore store(Vertx owner, Duration commandTimeout) {
    RedisStoreOptions options = new RedisStoreOptions().setKeyPrefix(prefix).setClock(clock);
    if (commandTimeout != null) {
      options.setCommandTimeout(commandTimeout);
    }
    Redis redis = Redis.createClient(owner, server.connectionString());
    SessionStore store = RedisSessionStore.create(owner, redis, options);
    cleanUp.push(() -> {
      await(store.close());
      redis.close();
    });
    return store;
  }

  /** TestApp's standard routes plus {@code routes}, on {@code owner}; closed with it. */
  private TestApp app(Vertx owner, SessionOptions options, SessionStore store, Consumer<Router> routes) {
    return new TestApp(owner, clock, options, store, routes, new HttpServerOptions());
  }

  /** Freezes Redis off the event loop (it runs kill); completes on the caller's context once Redis is frozen. */
  private Future<Void> freezeRedis() {
    return vertx.executeBlocking(() -> {
      server.freeze();
      return null;
    });
  }

  private static long saves(RecordingStore store) {
    return store.calls().stream().filter("save"::equals).count();
  }

  private String field(String id, String field) {
    Response value = admin.call("HGET", prefix + id, field);
    return value == null ? null : value.toString();
  }

  /** Waits (at most 5 s) for the session's hash field to hold {@code expected}: automatic saves finish after the response. */
  private void awaitField(String id, String name, String expected) {
    awaitCondition(() -> expected.equals(field(id, name)),
      () -> name + " = " + expected + " in Redis (it holds " + field(id, name) + ")");
  }

  private static void awaitCondition(Supplier<Boolean> condition, String what) {
    awaitCondition(condition, () -> what);
  }

  /** A bounded poll (5 s): for outcomes that no Future of the test reports, such as a save after a response. */
  private static void awaitCondition(Supplier<Boolean> condition, Supplier<String> what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what.get());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private void assertTtlAbout(long expected, String id) {
    long ttl = admin.call("PTTL", prefix + id).toLong();
    assertTrue(ttl > expected - 60_000 && ttl <= expected, "PTTL " + ttl + ", expected about " + expected);
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
