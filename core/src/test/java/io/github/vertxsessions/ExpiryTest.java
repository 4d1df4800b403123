package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idle and absolute expiry, and the touch interval, on a clock the test moves. */
@ExtendWith(VertxExtension.class)
class ExpiryTest {

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private boolean alive(String cookie) {
    return !app.get("/read", cookie).json().getBoolean("isNew");
  }

  @Test
  void idleSessionExpiresAfterTheIdleTimeoutAndUseKeepsItAlive() {
    app = new TestApp(vertx, new SessionOptions().setIdleTimeout(Duration.ofMinutes(30)));
    String cookie = app.get("/put/user/alice", null).sid();

    app.clock.advance(Duration.ofMinutes(29));
    assertTrue(alive(cookie), "used at 29 minutes");
    app.clock.advance(Duration.ofMinutes(29));
    assertTrue(alive(cookie), "used at 58 minutes: the read at 29 moved the expiry");
    app.clock.advance(Duration.ofMinutes(30));

    assertFalse(alive(cookie), "30 idle minutes later it is gone");
  }

  @Test
  void theHandlerTakesItsTimeFromTheStoresClock() {
    TestClock storeClock = new TestClock(Instant.parse("2030-06-01T00:00:00Z"));
    app = new TestApp(vertx, new TestClock(), new SessionOptions(),
      LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(storeClock)), r -> { }, new HttpServerOptions());

    TestResponse created = app.get("/put/user/alice", null);

    assertEquals(storeClock.millis(), created.json().getLong("createdAt"));
    assertEquals(storeClock.millis() + Duration.ofMinutes(30).toMillis(), created.json().getLong("expiresAt"));
    storeClock.advance(Duration.ofMinutes(29));
    assertTrue(alive(created.sid()), "moving the one clock moves every expiry");
    storeClock.advance(Duration.ofMinutes(31));
    assertFalse(alive(created.sid()));
  }

  @Test
  void maxLifetimeEndsEvenABusySession() {
    app = new TestApp(vertx, new SessionOptions().setIdleTimeout(Duration.ofMinutes(30))
      .setMaxLifetime(Duration.ofHours(1)));
    String cookie = app.get("/put/user/alice", null).sid();

    for (int minute = 20; minute < 60; minute += 20) {
      app.clock.advance(Duration.ofMinutes(20));
      assertTrue(alive(cookie), "minute " + minute);
    }
    app.clock.advance(Duration.ofMinutes(20));

    assertFalse(alive(cookie), "an hour after creation, however busy");
  }

  @Test
  void reportedExpiryFollowsTheIdleTimeoutAndTheCap() {
    app = new TestApp(vertx, new SessionOptions().setIdleTimeout(Duration.ofMinutes(30))
      .setMaxLifetime(Duration.ofMinutes(45)));
    TestResponse created = app.get("/put/user/alice", null);
    long start = created.json().getLong("createdAt");

    assertEquals(start + Duration.ofMinutes(30).toMillis(), created.json().getLong("expiresAt"));
    app.clock.advance(Duration.ofMinutes(25));
    TestResponse later = app.get("/incr/views", created.sid());
    assertEquals(start + Duration.ofMinutes(45).toMillis(), later.json().getLong("expiresAt"), "capped");
  }

  @Test
  void readOnlyRequestsTouchTheStoreAtMostOncePerTouchInterval() throws Exception {
    app = new TestApp(vertx, new SessionOptions().setIdleTimeout(Duration.ofMinutes(30)));
    TestResponse created = app.get("/put/user/alice", null);
    long createdAt = created.json().getLong("createdAt");
    app.store.resetCalls();

    for (int second = 1; second <= 17; second++) {
      app.clock.advance(Duration.ofSeconds(1));
      app.get("/read", created.sid());
    }
    assertEquals(createdAt, lastAccess(created.sessionId()), "default interval: 18 s, 1% of 30 minutes");
    app.clock.advance(Duration.ofSeconds(1));
    app.get("/read", created.sid());

    assertEquals(createdAt + 18_000, lastAccess(created.sessionId()));
    assertEquals(List.of("load"), app.store.calls().stream().distinct().toList(), "touches ride on loads");
  }

  private long lastAccess(String id) throws Exception {
    SessionRecord record = app.store.delegate().load(id, Long.MAX_VALUE).await(10, SECONDS);
    return record.lastAccessedAt();
  }
}
