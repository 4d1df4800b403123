package io.github.vertxsessions.local;

import io.github.vertxsessions.local.impl.LocalSessionStoreImpl;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local store's own bookkeeping, seen from outside: every removal (delete, clear, an expired load, a creation over
 * an expired entry, the old ID of an ID change) takes the session out of the expiry index and gives its slot back, so
 * counts, sweeps and evictions stay right; and the sweeper's pace.
 */
@ExtendWith(VertxExtension.class)
class LocalStoreBookkeepingTest {

  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final Duration SWEEP_INTERVAL = Duration.ofMillis(200);

  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }
  private final TestClock clock = new TestClock();

  /** A store whose sweeper never runs during a test, so that only what the test does removes sessions. */
  private LocalSessionStoreImpl store(int maxSessions) {
    return (LocalSessionStoreImpl) LocalSessionStore.create(vertx, UUID.randomUUID().toString(),
      new LocalStoreOptions().setClock(clock).setMaxSessions(maxSessions).setSweepInterval(Duration.ofHours(1)));
  }

  private String create(LocalSessionStore store) throws Exception {
    return create(store, UUID.randomUUID().toString());
  }

  private String create(LocalSessionStore store, String id) throws Exception {
    long now = clock.millis();
    store.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("n", 1)).createdAt(now)
      .idleTimeout(IDLE.toMillis()).build())).await(10, SECONDS);
    return id;
  }

  /** Creates a session in a full store, which evicts one and says so: the store's first eviction logs a line. */
  private String createEvicting(LocalSessionStore store) throws Exception {
    try (LogCapture log = LogCapture.of(LocalSessionStore.class)) {
      String id = create(store);
      assertEquals(1, log.warnings().size(), log.warnings().toString());
      assertTrue(log.warnings().get(0).contains("evicting the least recently used"), log.warnings().get(0));
      return id;
    }
  }

  private static SessionRecord load(LocalSessionStore store, String id) throws Exception {
    return store.load(id, Long.MAX_VALUE).await(10, SECONDS);
  }

  @Test
  void aDeletedSessionLeavesNothingBehindInTheIndex() throws Exception {
    LocalSessionStoreImpl store = store(10);
    String deleted = create(store);
    clock.advance(Duration.ofMinutes(10));
    String kept = create(store);

    store.delete(deleted).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(25)); // past the deleted session's expiry, not the kept one's

    assertEquals(1L, store.count().await(10, SECONDS), "the deleted session is not counted against the live one");
    assertEquals(0, store.sweep(), "nothing to sweep: the deleted session is not in the index");
    assertEquals(0, store.swept());
    assertNotNull(load(store, kept));
  }

  @Test
  void clearLeavesNothingBehindInTheIndex() throws Exception {
    LocalSessionStoreImpl store = store(10);
    create(store);
    create(store);

    store.clear().await(10, SECONDS);
    clock.advance(Duration.ofMinutes(10));
    String later = create(store);
    clock.advance(Duration.ofMinutes(25));

    assertEquals(1L, store.count().await(10, SECONDS));
    assertEquals(0, store.sweep());
    assertEquals(1, store.heldEntries());
    assertNotNull(load(store, later));
  }

  @Test
  void deletingGivesTheSlotBackAndDeletingAMissingSessionTakesNone() throws Exception {
    LocalSessionStoreImpl store = store(2);
    String deleted = create(store);
    clock.advance(Duration.ofSeconds(1));
    String kept = create(store);

    store.delete(deleted).await(10, SECONDS);
    store.delete(deleted).await(10, SECONDS);
    store.delete("never-there").await(10, SECONDS);
    create(store);

    assertEquals(0, store.evictions(), "the deleted session's slot was free");
    assertNotNull(load(store, kept));
    createEvicting(store);
    assertEquals(1, store.evictions(), "deleting missing sessions freed no slot: the store is full again");
    assertEquals(2L, store.count().await(10, SECONDS));
  }

  @Test
  void loadingAnExpiredSessionRemovesItAndGivesItsSlotBack() throws Exception {
    LocalSessionStoreImpl store = store(2);
    String expired = create(store);
    clock.advance(Duration.ofMinutes(10));
    String kept = create(store);
    clock.advance(Duration.ofMinutes(21));

    assertNull(store.load(expired, 0).await(10, SECONDS));
    assertEquals(1, store.heldEntries());
    create(store);

    assertEquals(0, store.evictions());
    assertNotNull(load(store, kept));
  }

  @Test
  void anExpiredSessionIsNeverReturnedWhateverTheTouchInterval() throws Exception {
    LocalSessionStoreImpl store = store(10);
    String id = create(store);
    clock.advance(IDLE);

    assertNull(store.load(id, Long.MAX_VALUE).await(10, SECONDS));
    assertEquals(0, store.heldEntries(), "removed by the load");
  }

  @Test
  void aLoadDueForATouchMovesTheExpiry() throws Exception {
    LocalSessionStoreImpl store = store(10);
    String id = create(store);
    clock.advance(Duration.ofMinutes(20));

    SessionRecord touched = store.load(id, Duration.ofMinutes(1).toMillis()).await(10, SECONDS);
    SessionRecord untouched = store.load(id, Duration.ofMinutes(1).toMillis()).await(10, SECONDS);

    assertEquals(clock.millis(), touched.lastAccessedAt());
    assertEquals(clock.millis(), untouched.lastAccessedAt());
    clock.advance(Duration.ofMinutes(20));
    assertNotNull(load(store, id), "alive 40 minutes after creation thanks to the touch at 20");
  }

  @Test
  void creatingAnIdWhoseSessionExpiredReusesItsSlot() throws Exception {
    LocalSessionStoreImpl store = store(3);
    String reused = create(store);
    clock.advance(Duration.ofMinutes(10));
    String kept = create(store);
    clock.advance(Duration.ofMinutes(21)); // the first has expired, unswept

    create(store, reused);
    create(store);

    assertEquals(0, store.evictions(), "the new session took the expired one's place, not another slot");
    assertEquals(3, store.heldEntries());
    assertNotNull(load(store, reused));
    assertNotNull(load(store, kept));
  }

  @Test
  void removingASessionThatExpiresRightNowIsNotAnEviction() throws Exception {
    LocalSessionStoreImpl store = store(1);
    String expiring = create(store);
    clock.advance(IDLE);

    String next = create(store);

    assertEquals(0, store.evictions(), "it was no longer live");
    assertNull(load(store, expiring));
    assertNotNull(load(store, next));
  }

  @Test
  void anIdChangeInAFullStoreEvictsNothingAndLeavesNothingOfTheOldId() throws Exception {
    LocalSessionStoreImpl store = store(2);
    String moved = create(store);
    clock.advance(Duration.ofMinutes(10));
    String other = create(store);
    clock.advance(Duration.ofMinutes(1));

    store.changeId(moved, "moved").await(10, SECONDS);

    assertEquals(0, store.evictions(), "the change ends with as many sessions as it began");
    assertEquals(2, store.heldEntries());
    clock.advance(Duration.ofMinutes(24)); // past the old ID's expiry, not the others
    assertEquals(0, store.sweep(), "the old ID left no index entry behind");
    assertEquals(2L, store.count().await(10, SECONDS));
    createEvicting(store);
    assertEquals(1, store.evictions(), "full again, not beyond: the old ID gave its slot back");
    assertNull(load(store, other), "the least recently used went");
    assertNotNull(load(store, "moved"));
  }

  @Test
  void aRefusedIdChangeGivesItsSlotBack() throws Exception {
    LocalSessionStoreImpl store = store(2);
    String first = create(store);
    clock.advance(Duration.ofSeconds(1));
    String second = create(store);

    assertThrows(DuplicateSessionIdException.class, () -> store.changeId(first, second).await(10, SECONDS));
    assertThrows(SessionGoneException.class, () -> store.changeId("never-there", "other").await(10, SECONDS));

    assertEquals(2, store.heldEntries());
    createEvicting(store);
    assertEquals(1, store.evictions(), "one eviction makes room: no slot stayed taken");
  }

  @Test
  void evictionsAMinuteApartAreBothLogged() throws Exception {
    try (LogCapture log = LogCapture.of(LocalSessionStore.class)) {
      LocalSessionStoreImpl store = store(1);
      create(store);
      create(store);
      clock.advance(Duration.ofSeconds(59));
      create(store);
      clock.advance(Duration.ofSeconds(1));
      create(store);

      assertEquals(3, store.evictions());
      assertEquals(2, log.warnings().size(), "the first eviction and the one a minute later: " + log.events());
    }
  }

  @Test
  void aSweepSliceStopsAfterAboutAMillisecond() throws Exception {
    int sessions = 100_000;
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, "big",
      new LocalStoreOptions().setClock(clock).setMaxSessions(sessions).setSweepBatchSize(sessions)
        .setSweepInterval(Duration.ofHours(1)));
    for (int i = 0; i < sessions; i++) {
      create(store, "s" + i);
    }
    clock.advance(IDLE);

    int removed = store.sweep();

    assertTrue(removed > 0 && removed < sessions, "one slice removed " + removed + " of " + sessions);
  }

  @Test
  void theSweeperGoesOnAtOnceWhileExpiredSessionsRemain() throws Exception {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, "paced",
      new LocalStoreOptions().setClock(clock).setSweepBatchSize(5).setSweepInterval(SWEEP_INTERVAL));
    for (int i = 0; i < 100; i++) {
      create(store);
    }
    clock.advance(IDLE);

    // 20 slices: at once one after another, or 19 intervals at least after the first if each waited for the
    // interval (a timer never fires early); the bound stays below that whatever the machine's load
    eventually(SWEEP_INTERVAL.multipliedBy(18), "the sweeper working off its backlog", () -> store.swept() == 100);
  }

  @Test
  void aBatchOfOneAndACapOfOneAreAllowed() {
    LocalStoreOptions options = new LocalStoreOptions().setSweepBatchSize(1).setMaxSessions(1);

    assertEquals(1, options.getSweepBatchSize());
    assertEquals(1, options.getMaxSessions());
    assertThrows(IllegalArgumentException.class, () -> options.setSweepBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> options.setMaxSessions(0));
  }

  @Test
  void aSecondCreationWithOtherOptionsIsLoggedWithBothSettings() {
    try (LogCapture log = LogCapture.of(LocalSessionStore.class)) {
      LocalSessionStore.create(vertx, "logged", new LocalStoreOptions().setClock(clock).setMaxSessions(2));
      LocalSessionStore.create(vertx, "logged", new LocalStoreOptions().setClock(clock).setMaxSessions(7));

      assertEquals(1, log.events().size(), log.events().toString());
      String warning = log.events().get(0).getFormattedMessage();
      assertTrue(warning.contains("\"maxSessions\":2") && warning.contains("\"maxSessions\":7"), warning);
    }
  }
}
