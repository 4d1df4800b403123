package io.github.vertxsessions.postgres;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.EmbeddedPostgres;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A private PostgreSQL stopped under a running app: requests get the handler's 503 within its store timeout, and once
 * the server is started again on the same port the same pool and store serve the sessions it kept.
 */
@ExtendWith(VertxExtension.class)
class PgOutageTest {

  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
  private static final long SLACK_MILLIS = 700;

  private EmbeddedPostgres server;
  private Vertx vertx;
  private Pool pool;
  private PgSessionStore store;
  private TestApp app;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    server = EmbeddedPostgres.start();
    this.vertx = vertx;
    TestClock clock = new TestClock();
    pool = server.newPool(vertx);
    store = PgSessionStore.createAndInit(vertx, pool, new PgStoreOptions().setClock(clock)).await(10, SECONDS);
    app = new TestApp(vertx, clock, new SessionOptions().setStoreTimeout(STORE_TIMEOUT), store,
      router -> { }, new HttpServerOptions());
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close().await(10, SECONDS);
    pool.close().await(10, SECONDS);
    app.close(); // and the test's Vert.x with it: before the server stops, rather than after by the extension
    server.close();
  }

  @Test
  void aStoppedDatabaseAnswers503ThenTheSamePoolAndStoreWorkAgain() throws Exception {
    String cookie = app.get("/put/name/alice", null).sid();
    assertEquals("alice", app.get("/read", cookie).data().getString("name"), "saved before the database stops");

    server.stop();
    try (LogCapture logs = LogCapture.of(SessionHandler.class)) {
      for (String path : new String[] {"/read", "/put/name/bob"}) {
        long started = System.nanoTime();
        assertEquals(503, app.get(path, cookie).status(), path);
        assertWithinStoreTimeout(started);
      }
      logs.awaitLine(Level.WARN, "Session store unavailable", Duration.ofSeconds(10));
    }
    assertNotNull(assertThrows(Throwable.class, () -> store.save(SessionDelta.creationOf(newSession())).await(10, SECONDS)), "the store fails, not hangs");

    server.startAgain();
    assertEquals("alice", app.get("/read", cookie).data().getString("name"), "the restarted server kept the row");
    assertEquals("carol", app.get("/put/name/carol", cookie).data().getString("name"));
    assertEquals("carol", app.get("/read", cookie).data().getString("name"));
    assertEquals(1L, store.count().await(10, SECONDS));
  }

  private static void assertWithinStoreTimeout(long startedNanos) {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    assertTrue(elapsed < STORE_TIMEOUT.toMillis() + SLACK_MILLIS, "answered after " + elapsed + " ms");
  }

  private static SessionRecord newSession() {
    long now = System.currentTimeMillis();
    return SessionRecord.builder(UUID.randomUUID().toString()).createdAt(now)
      .idleTimeout(Duration.ofMinutes(30).toMillis()).build();
  }
}
