package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testkit.EventRecorder;
import io.github.vertxsessions.testservers.FreePorts;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.Consumer;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis's own expiry of a session, published as {@code expired} when the store is asked to listen and the server
 * sends keyspace notifications; with them disabled on the server, nothing is published and the store says so once.
 * Each test runs its own server, since the setting is the server's; Redis expires keys by its own clock, so these
 * sessions live one second of real time.
 */
@ExtendWith(VertxExtension.class)
class RedisExpiryEventsTest {

  private static final String ADDRESS = "sessions.events";

  private EmbeddedRedis server;
  private TestApp app;
  private EventRecorder events;
  private LogCapture log;
  /** The test's Vert.x, injected by {@link VertxExtension}; the app closes it, before the capture closes. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void close() throws Exception {
    try {
      if (app != null) {
        events.close();
        app.close();
      }
      server.close();
    } finally {
      // last: what the listener says while the test's Vert.x and server shut down is the test's too
      if (log != null) {
        log.close();
      }
    }
  }

  private void start(List<String> serverSettings) throws Exception {
    start(serverSettings, new io.vertx.redis.client.RedisOptions().getMaxPoolSize());
  }

  private void start(List<String> serverSettings, int poolSize) throws Exception {
    server = EmbeddedRedis.start(FreePorts.any(), serverSettings);
    log = LogCapture.of("io.github.vertxsessions.redis.impl.ExpiryListener");
    SessionStore store = RedisSessionStore.create(vertx, Redis.createClient(vertx,
        new io.vertx.redis.client.RedisOptions().setConnectionString(server.connectionString()).setMaxPoolSize(poolSize)),
      new RedisStoreOptions().setExpiryEvents(true).setClock(Clock.systemUTC()));
    events = EventRecorder.on(vertx, ADDRESS);
    app = new TestApp(vertx, new TestClock(), new SessionOptions().setEventsAddress(ADDRESS)
      .setIdleTimeout(Duration.ofSeconds(1)), store, (Consumer<Router>) router -> { }, new HttpServerOptions());
  }

  @Test
  void withNotificationsEnabledEachExpiredSessionIsPublishedOnce(VertxTestContext test) throws Exception {
    start(List.of("notify-keyspace-events Ex"));
    events.expect(test, "expired", 2);
    String first = app.get("/put/user/alice", null).sessionId();
    String second = app.get("/put/user/bob", null).sessionId();

    assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS), "2 'expired' events, received: " + events.events());
    List<JsonObject> expired = events.ofType("expired");

    assertEquals(List.of(SessionRecord.redact(first), SessionRecord.redact(second)).stream().sorted().toList(),
      expired.stream().map(e -> e.getString("session")).sorted().toList(), events.events().toString());
    assertTrue(expired.stream().allMatch(e -> "redis".equals(e.getString("store"))));
    assertNull(expired.get(0).getString("principal"), "the key is gone: Redis does not say whose it was");
    assertTrue(expired.stream().noneMatch(e -> e.encode().contains("alice")));
  }

  @Test
  void withNotificationsDisabledNothingIsPublishedAndTheStoreSaysSoOnce(VertxTestContext test) throws Exception {
    start(List.of());
    events.expect(test, "expired", 0);
    app.get("/put/user/alice", null);

    log.awaitLine(Level.WARN, "notify-keyspace-events", Duration.ofSeconds(10));
    // past the one-second idle timeout with margin: an expiry, were it notified, would be published by then
    app.vertx.timer(3_000).await(13, TimeUnit.SECONDS);

    assertEquals(List.of(), events.ofType("expired"));
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("notify-keyspace-events"), warnings.get(0));
    test.completeNow();
  }

  @Test
  void aRefusedSubscriptionIsGivenUpOnOnceWithoutHoldingConnections() throws Exception {
    // channels denied to the default user (Redis 6.2+): PSUBSCRIBE answers NOPERM
    start(List.of("notify-keyspace-events Ex", "user default on nopass ~* resetchannels +@all"), 2);
    try (io.github.vertxsessions.testservers.RedisAdmin admin = new io.github.vertxsessions.testservers.RedisAdmin(
      app.vertx, server.connectionString())) {
      log.awaitLine(Level.WARN, "refused the subscription", Duration.ofSeconds(10));
      long before = connectedClients(admin);
      app.vertx.timer(3_000).await(13, TimeUnit.SECONDS); // a retry every second would take three more connections

      assertTrue(connectedClients(admin) <= before, "connections would pile up: " + before + " then "
        + connectedClients(admin));
      assertEquals(200, app.get("/put/user/alice", null).status(), "the pool still has a connection for the store");
      // the automatic save ends after the response: in Redis before the test closes the application
      eventually(Duration.ofSeconds(10), "the session saved in Redis",
        () -> !admin.keys(RedisStoreOptions.DEFAULT_KEY_PREFIX).isEmpty());
    }
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), "said once, not retried: " + warnings);
    assertTrue(warnings.get(0).contains("refused the subscription") && warnings.get(0).contains("NOPERM"),
      warnings.get(0));
  }

  private static long connectedClients(io.github.vertxsessions.testservers.RedisAdmin admin) {
    String clients = admin.call("INFO", "clients").toString();
    return Long.parseLong(clients.replaceAll("(?s).*connected_clients:(\\d+).*", "$1"));
  }

  @Test
  void aClusterClientIsRefusedClearly() {
    server = EmbeddedRedis.start();
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
      RedisSessionStore.create(vertx, Redis.createClient(vertx, new io.vertx.redis.client.RedisOptions()
        .setType(io.vertx.redis.client.RedisClientType.CLUSTER).addConnectionString(server.connectionString())),
        new RedisStoreOptions().setExpiryEvents(true)));
    assertTrue(refused.getMessage().contains("expiryEvents"), refused.getMessage());
  }
}
