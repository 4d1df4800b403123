package io.github.vertxsessions.redis;

import io.github.vertxsessions.redis.testing.CommandCalls;
import io.github.vertxsessions.redis.testing.RedisMonitor;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.junit5.VertxExtension;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session handler over real HTTP on a Redis store: what requests cost in Redis commands, and sharing. */
@ExtendWith(VertxExtension.class)
class RedisHttpTest {

  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

  /** Undone last first. */
  private final Deque<AutoCloseable> cleanUp = new ArrayDeque<>();
  private Vertx vertx;
  private TestClock clock;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable step : cleanUp) {
      step.close();
    }
  }

  @Test
  void aReadOnlyRequestCostsOneCommandAndAChangingRequestTwo() throws Exception {
    EmbeddedRedis server = EmbeddedRedis.start();
    cleanUp.push(server::close);
    CounterApp app = app(Redis.createClient(vertx, server.connectionString()), RedisStoreOptions.DEFAULT_KEY_PREFIX);
    String cookie = CounterApp.sessionCookie(app.get("/count", null));
    assertNotNull(cookie, "the first change created the session");
    app.get("/count", cookie);
    clock.advance(Duration.ofMinutes(1));
    app.get("/peek", cookie); // a touching read: the load script is cached too
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
      assertEquals("3", app.get("/peek", cookie).bodyAsString()), 2);

    // INFO commandstats agrees, though it cannot tell client commands from those the scripts run.
    assertEquals(before.get("evalsha"), between.get("evalsha"), "a read runs no script");
    assertEquals(1, after.get("evalsha") - between.get("evalsha"));
    assertEquals(List.of("hgetall"), readOnly, "load: a plain read");
    assertEquals(List.of("hgetall", "evalsha"), changing, "load, then save");
    assertEquals(List.of("hgetall", "evalsha"), readOnlyTouching, "load whose touch is due: the plain read, then the "
      + "script that reads and touches in one step");
  }

  /**
   * Every command a request runs in Redis, those inside the scripts included (INFO commandstats): the index by
   * principal adds nothing to a request that does not change the owner, whether the session has an owner or not.
   * An owned session's requests run what an anonymous one's do; a change of owner costs no extra round trip either.
   */
  @Test
  void theIndexAddsNoCommandToRequestsThatDoNotChangeTheOwner() throws Exception {
    EmbeddedRedis server = EmbeddedRedis.start();
    cleanUp.push(server::close);
    CounterApp app = app(Redis.createClient(vertx, server.connectionString()), RedisStoreOptions.DEFAULT_KEY_PREFIX);
    RedisMonitor monitor = RedisMonitor.start(vertx, server);
    cleanUp.push(monitor::close);
    RedisAdmin admin = new RedisAdmin(vertx, server.connectionString());
    cleanUp.push(admin::close);
    String cookie = CounterApp.sessionCookie(app.get("/count", null));
    app.get("/count", cookie);
    clock.advance(Duration.ofMinutes(1));
    app.get("/peek", cookie); // a touching read: every script cached from here on

    Map<String, Long> read = Map.of("hgetall", 1L);
    Map<String, Long> touchingRead = Map.of("hgetall", 2L, "evalsha", 1L, "hset", 1L, "pexpire", 1L);
    Map<String, Long> write = Map.of("evalsha", 1L, "hgetall", 1L, "hmget", 1L, "hset", 1L, "pexpire", 1L);
    assertEquals(read, cost(monitor, admin, () -> app.get("/peek", cookie), 1), "anonymous read");
    assertEquals(write, cost(monitor, admin, () -> app.get("/count", cookie), 2), "anonymous write");
    clock.advance(Duration.ofMinutes(1));
    assertEquals(touchingRead, cost(monitor, admin, () -> app.get("/peek", cookie), 2), "anonymous touching read");

    // Given to a user in place: the load, then one save script that also indexes the session.
    Map<String, Long> logIn = cost(monitor, admin, () -> app.get("/login/alice", cookie), 2);
    assertEquals(Map.of("evalsha", 1L, "hgetall", 1L, "hmget", 1L, "hset", 1L, "pexpire", 2L, "zadd", 1L, "pttl", 1L),
      logIn, "log-in");
    Map<String, Long> moved = cost(monitor, admin, () -> app.get("/login/bob", cookie), 2);
    assertEquals(Map.of("evalsha", 1L, "hgetall", 1L, "hmget", 1L, "hset", 1L, "pexpire", 2L, "zadd", 1L, "pttl", 1L,
      "zrem", 1L), moved, "a change of user");

    assertEquals(read, cost(monitor, admin, () -> app.get("/peek", cookie), 1), "owned read");
    assertEquals(write, cost(monitor, admin, () -> app.get("/count", cookie), 2), "owned write");
    clock.advance(Duration.ofMinutes(1));
    assertEquals(touchingRead, cost(monitor, admin, () -> app.get("/peek", cookie), 2), "owned touching read");
  }

  /**
   * The budget of a request in Redis commands, counting both the commands sent and every command the scripts run
   * inside Redis (INFO commandstats lists both): 1 for a read-only request whose touch is not due (a plain HGETALL),
   * at most 5 for a request that changes an attribute (its read, and its save's EVALSHA with 3 inside), and one round
   * trip per command sent.
   */
  @Test
  void aReadRunsOneRedisCommandAndAWriteAtMostFive() throws Exception {
    EmbeddedRedis server = EmbeddedRedis.start();
    cleanUp.push(server::close);
    CounterApp app = app(Redis.createClient(vertx, server.connectionString()), RedisStoreOptions.DEFAULT_KEY_PREFIX);
    RedisMonitor monitor = RedisMonitor.start(vertx, server);
    cleanUp.push(monitor::close);
    RedisAdmin admin = new RedisAdmin(vertx, server.connectionString());
    cleanUp.push(admin::close);
    String cookie = CounterApp.sessionCookie(app.get("/count", null));
    app.get("/count", cookie); // every script a read or a write runs cached from here on

    List<List<String>> sent = new ArrayList<>();
    Map<String, Long> read = CommandCalls.during(admin, () -> sent.add(monitor.commandsDuring(
      () -> assertEquals("2", app.get("/peek", cookie).bodyAsString()))));
    Map<String, Long> write = CommandCalls.during(admin, () -> sent.add(monitor.commandsDuring(
      () -> assertEquals("3", app.get("/count", cookie).bodyAsString()), 2)));

    assertEquals(List.of(List.of("hgetall"), List.of("hgetall", "evalsha")), sent, "one round trip per command sent");
    assertEquals(1, CommandCalls.total(read), "a read ran " + read);
    assertTrue(CommandCalls.total(write) <= 5, "a write ran " + write);
  }

  /** The commands (by name, with calls) that Redis ran for {@code request}, which sends {@code commands} itself. */
  private static Map<String, Long> cost(RedisMonitor monitor, RedisAdmin admin, RedisMonitor.Action request, int commands) throws Exception {
    return CommandCalls.during(admin, () -> monitor.commandsDuring(request, commands));
  }

  @Test
  void twoServersOnOneRedisShareTheSession() throws Exception {
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

  private CounterApp app(Redis redis, String keyPrefix) throws Exception {
    SessionStore store = RedisSessionStore.create(vertx, redis,
      new RedisStoreOptions().setKeyPrefix(keyPrefix).setClock(clock));
    CounterApp app = new CounterApp(vertx, store, STORE_TIMEOUT);
    cleanUp.push(() -> store.close().await(10, SECONDS));
    cleanUp.push(app::close);
    return app;
  }
}
