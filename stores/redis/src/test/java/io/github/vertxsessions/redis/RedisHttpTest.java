package io.github.vertxsessions.redis;

import io.github.vertxsessions.redis.testing.EmbeddedRedis;
import io.github.vertxsessions.redis.testing.RedisAdmin;
import io.github.vertxsessions.redis.testing.RedisMonitor;
import io.github.vertxsessions.redis.testing.TestRedis;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testing.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static io.github.vertxsessions.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The session handler over real HTTP on a Redis store: what requests cost in Redis commands, and sharing. */
class RedisHttpTest {

  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

  /** Undone last first. */
  private final Deque<Runnable> cleanUp = new ArrayDeque<>();
  private Vertx vertx;
  private TestClock clock;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    clock = new TestClock();
  }

  @AfterEach
  void tearDown() {
    cleanUp.forEach(Runnable::run);
    await(vertx.close());
  }

  @Test
  void aReadOnlyRequestCostsOneCommandAndAChangingRequestTwo() {
    EmbeddedRedis server = EmbeddedRedis.start();
    cleanUp.push(server::close);
    CounterApp app = app(Redis.createClient(vertx, server.connectionString()), RedisStoreOptions.DEFAULT_KEY_PREFIX);
    String cookie = CounterApp.sessionCookie(app.get("/count", null));
    assertNotNull(cookie, "the first change created the session");
    app.get("/count", cookie);
    RedisMonitor monitor = RedisMonitor.start(vertx, server);
    cleanUp.push(monitor::close);
    RedisAdmin admin = new RedisAdmin(vertx, server.connectionString());
    cleanUp.push(admin::close);

    Map<String, Long> before = admin.commandCalls();
    List<String> readOnly = monitor.commandsDuring(() -> assertEquals("2", app.get("/peek", cookie).bodyAsString()));
    Map<String, Long> between = admin.commandCalls();
    List<String> changing = monitor.commandsDuring(() -> assertEquals("3", app.get("/count", cookie).bodyAsString()),
      2);
    Map<String, Long> after = admin.commandCalls();
    clock.advance(Duration.ofMinutes(1));
    List<String> readOnlyTouching = monitor.commandsDuring(() ->
      assertEquals("3", app.get("/peek", cookie).bodyAsString()));

    // INFO commandstats agrees, though it cannot tell client commands from those the scripts run.
    assertEquals(1, between.get("evalsha") - before.get("evalsha"));
    assertEquals(2, after.get("evalsha") - between.get("evalsha"));
    assertEquals(List.of("evalsha"), readOnly, "load");
    assertEquals(List.of("evalsha", "evalsha"), changing, "load, then save");
    assertEquals(List.of("evalsha"), readOnlyTouching, "load that touches in the same script");
  }

  @Test
  void twoServersOnOneRedisShareTheSession() {
    String prefix = TestRedis.uniquePrefix();
    RedisAdmin admin = new RedisAdmin(vertx, TestRedis.connectionString());
    cleanUp.push(admin::close);
    cleanUp.push(() -> admin.deleteKeys(prefix));
    CounterApp first = app(TestRedis.client(vertx), prefix);
    CounterApp second = app(TestRedis.client(vertx), prefix);

    HttpResponse<Buffer> created = first.get("/count", null);
    String cookie = CounterApp.sessionCookie(created);

    assertEquals("2", second.get("/count", cookie).bodyAsString());
    assertEquals("2", first.get("/peek", cookie).bodyAsString());
    assertEquals("3", first.get("/count", cookie).bodyAsString());
    assertEquals("3", second.get("/peek", cookie).bodyAsString());
  }

  private CounterApp app(Redis redis, String keyPrefix) {
    SessionStore store = RedisSessionStore.create(vertx, redis,
      new RedisStoreOptions().setKeyPrefix(keyPrefix).setClock(clock));
    CounterApp app = new CounterApp(vertx, store, STORE_TIMEOUT);
    cleanUp.push(() -> await(store.close()));
    cleanUp.push(app::close);
    return app;
  }
}
