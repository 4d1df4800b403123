package io.github.vertxsessions.postgres;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.postgres.testing.StatementCountingPool;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.vertx.core.http.HttpMethod.GET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each operation costs in statements, counted on the real pool the store uses (every statement the store sends
 * goes through {@link StatementCountingPool} to the real server); one statement is one round trip.
 */
class PgRoundTripTest extends PgStoreTestBase {

  private static final long TOUCH_INTERVAL = IDLE / 100;

  private StatementCountingPool counting;
  private PgSessionStore store;

  @BeforeEach
  void setUp() throws Exception {
    counting = new StatementCountingPool(pool);
    store = open(counting, options());
  }

  @Test
  void aLoadIsOnePlainReadAndASecondStatementOnlyWhenItsTouchIsDue() throws Exception {
    SessionRecord session = create(store, Map.of("x", true));

    List<String> notDue = counting.statementsDuring(() -> store.load(session.id(), TOUCH_INTERVAL));
    assertEquals(1, notDue.size(), "no touch due");
    assertTrue(notDue.get(0).startsWith("SELECT "), "a plain read: " + notDue.get(0));
    assertEquals(session.lastAccessedAt(), raw(session.id()).getOffsetDateTime("last_accessed_at").toInstant()
      .toEpochMilli(), "not touched");
    clock.advance(Duration.ofMillis(TOUCH_INTERVAL));
    SessionRecord[] loaded = new SessionRecord[1];
    assertEquals(2, counting.statementsDuring(() -> store.load(session.id(), TOUCH_INTERVAL)
      .onSuccess(record -> loaded[0] = record)).size(), "touch due: the read, then the touch");
    assertEquals(clock.millis(), raw(session.id()).getOffsetDateTime("last_accessed_at").toInstant().toEpochMilli(),
      "the second statement did touch");
    assertEquals(clock.millis(), loaded[0].lastAccessedAt(), "the load returns the session as touched");
    assertEquals(1, counting.statementsDuring(() -> store.load(newId(), TOUCH_INTERVAL)).size(), "missing session");
  }

  @Test
  void everyWriteAndQueryCostsOneStatement() throws Exception {
    SessionRecord session = newSession(Map.of("x", true));

    assertEquals(1, counting.statementsDuring(() -> store.save(SessionDelta.creationOf(session))).size(), "creation");
    SessionDelta change = update(session, Map.of("a", 1, "b", "two"), Set.of("x"));
    assertEquals(1, counting.statementsDuring(() -> store.save(change)).size(), "change");
    SessionDelta logIn = change.withOwner(new SessionOwner("alice", "Firefox"));
    assertEquals(1, counting.statementsDuring(() -> store.save(logIn)).size(), "change of owner");
    assertEquals(1, counting.statementsDuring(() -> store.findByPrincipal("alice")).size(), "findByPrincipal");
    assertEquals(1, counting.statementsDuring(() -> store.touch(session.id())).size(), "touch");
    assertEquals(1, counting.statementsDuring(store::count).size(), "count");
    assertEquals(1, counting.statementsDuring(() -> store.delete(session.id())).size(), "delete");
    assertNull(raw(session.id()));
  }

  @Test
  void aReadOnlyRequestCostsOneStatementOrTwoWhenItsTouchIsDueAndAChangingOneTwo() throws Exception {
    // on the test's Vert.x, which the extension closes after the table is dropped
    TestApp app = new TestApp(vertx, clock, new SessionOptions(), store, router -> { }, new HttpServerOptions());
    TestResponse created = app.get("/put/name/alice", null);
    String cookie = created.sid();

    List<String> read = counting.statementsDuring(() -> app.sendAsync(GET, "/read",
      cookie, Map.of(), null));
    assertEquals(1, read.size(), "load only: " + read);
    clock.advance(Duration.ofMinutes(10));
    assertEquals(2, counting.statementsDuring(() -> app.sendAsync(GET, "/read",
      cookie, Map.of(), null)).size(), "a load that touches, once per touch interval: the read, then the touch");
    assertEquals(2, counting.statementsDuring(() -> app.sendAsync(GET,
      "/put/city/paris", cookie, Map.of(), null)).size(), "load, then one save");
    assertNotNull(raw(created.json().getString("id")));
  }
}
