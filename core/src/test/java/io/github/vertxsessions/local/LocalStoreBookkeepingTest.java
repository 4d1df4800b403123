package io.github.vertxsessions.local;

import io.github.vertxsessions.LogCapture;
import io.github.vertxsessions.local.impl.LocalSessionStoreImpl;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local store's own bookkeeping, seen from outside: every removal (delete, clear, an expired load, a creation over
 * an expired entry, the old ID of an ID change) takes the session out of the expiry index and gives its slot back, so
 * counts, sweeps and evictions stay right; and the sweeper's pace.
 */
class LocalStoreBookkeepingTest {

  private static final Duration IDLE = Duration.ofMinutes(30);

  private final Vertx vertx = Vertx.vertx();
  private final TestClock clock = new TestClock();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  /** A store whose sweeper never runs during a test, so that only what the test does removes sessions. */
  private LocalSessionStoreImpl store(int maxSessions) {
    return (LocalSessionStoreImpl) LocalSessionStore.create(vertx, UUID.randomUUID().toString(),
      new LocalStoreOptions().setClock(clock).setMaxSessions(maxSessions).setSweepInterval(Duration.ofHours(1)));
  }

  private String create(LocalSessionStore store) {
    return create(store, UUID.randomUUID().toString());
  }

  private String create(LocalSessionStore store, String id) {
    long now = clock.millis();
    await(store.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("n", 1)).createdAt(now)
      .idleTimeout(IDLE.toMillis()).build())));
    return id;
  }

  private static SessionRecord load(LocalSessionStore store, String id) {
    return await(store.load(id, Long.MAX_VALUE));
  }

  @Test
  void aDeletedSessionLeavesNothingBehindInTheIndex() {
    LocalSessionStoreImpl store = store(10);
    String deleted = create(store);
    clock.advance(Duration.ofMinutes(10));
    String kept = create(store);

    await(store.delete(deleted));
    clock.advance(Duration.ofMinutes(25)); // past the deleted session's expiry, not the kept one's

    assertEquals(1L, await(store.count()), "the deleted session is not counted against the live one");
    assertEquals(0, store.sweep(), "nothing to sweep: the deleted session is not in the index");
    assertEquals(0, store.swept());
    assertNotNull(load(store, kept));
  }

  @Test
  void clearLeavesNothingBehindInTheIndex() {
    LocalSessionStoreImpl store = store(10);
    create(store);
    create(store);

    await(store.clear());
    clock.advance(Duration.ofMinutes(10));
    String later = create(store);
    clock.advance(Duration.ofMinutes(25));

    assertEquals(1L, await(store.count()));
    assertEquals(0, store.sweep());
    assertEquals(1, store.heldEntries());
    assertNotNull(load(store, later));
  }

  @Test
  void deletingGivesTheSlotBackAndDeletingAMissingSessionTakesNone() {
    LocalSessionStoreImpl store = store(2);
    String deleted = create(store);
    clock.advance(Duration.ofSeconds(1));
    String kept = create(store);

    await(store.delete(deleted));
    await(store.delete(deleted));
    await(store.delete("never-there"));
    create(store);

    assertEquals(0, store.evictions(), "the deleted session's slot was free");
    assertNotNull(load(store, kept));
    create(store);
    assertEquals(1, store.evictions(), "deleting missing sessions freed no slot: the store is full again");
    assertEquals(2L, await(store.count()));
  }

  @Test
  void loadingAnExpiredSessionRemovesItAndGivesItsSlotBack() {
    LocalSessionStoreImpl store = store(2);
    String expired = create(store);
    clock.advance(Duration.ofMinutes(10));
    String kept = create(store);
    clock.advance(Duration.ofMinutes(21));

    assertNull(await(store.load(expired, 0)));
    assertEquals(1, store.heldEntries());
    create(store);

    assertEquals(0, store.evictions());
    assertNotNull(load(store, kept));
  }

  @Test
  void anExpiredSessionIsNeverReturnedWhateverTheTouchInterval() {
    LocalSessionStoreImpl store = store(10);
    String id = create(store);
    clock.advance(IDLE);

    assertNull(await(store.load(id, Long.MAX_VALUE)));
    assertEquals(0, store.heldEntries(), "removed by the load");
  }

  @Test
  void aLoadDueForATouchMovesTheExpiry() {
    LocalSessionStoreImpl store = store(10);
    String id = create(store);
    clock.advance(Duration.ofMinutes(20));

    SessionRecord touched = await(store.load(id, Duration.ofMinutes(1).toMillis()));
    SessionRecord untouched = await(store.load(id, Duration.ofMinutes(1).toMillis()));

    assertEquals(clock.millis(), touched.lastAccessedAt());
    assertEquals(clock.millis(), untouched.lastAccessedAt());
    clock.advance(Duration.ofMinutes(20));
    assertNotNull(load(store, id), "alive 40 minutes after creation thanks to the touch at 20");
  }

  @Test
  void creatingAnIdWhoseSessionExpiredReusesItsSlot() {
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
  void removingASessionThatExpiresRightNowIsNotAnEviction() {
    LocalSessionStoreImpl store = store(1);
    String expiring = create(store);
    clock.advance(IDLE);

    String next = create(store);

    assertEquals(0, store.evictions(), "it was no longer live");
    assertNull(load(store, expiring));
    assertNotNull(load(store, next));
  }

  @Test
  void anIdChangeInAFullStoreEvictsNothingAndLeavesNothingOfTheOldId() {
    LocalSessionStoreImpl store = store(2);
    String moved = create(store);
    clock.advance(Duration.ofMinutes(10));
    String other = create(store);
    clock.advance(Duration.ofMinutes(1));

    await(store.changeId(moved, "moved"));

    assertEquals(0, store.evictions(), "the change ends with as many sessions as it began");
    assertEquals(2, store.heldEntries());
    clock.advance(Duration.ofMinutes(24)); // past the old ID's expiry, not the others
    assertEquals(0, store.sweep(), "the old ID left no index entry behind");
    assertEquals(2L, await(store.count()));
    create(store);
    assertEquals(1, store.evictions(), "full again, not beyond: the old ID gave its slot back");
    assertNull(load(store, other), "the least recently used went");
    assertNotNull(load(store, "moved"));
  }

  @Test
  void aRefusedIdChangeGivesItsSlotBack() {
    LocalSessionStoreImpl store = store(2);
    String first = create(store);
    clock.advance(Duration.ofSeconds(1));
    String second = create(store);

    assertInstanceOf(DuplicateSessionIdException.class, awaitFailure(store.changeId(first, second)));
    assertInstanceOf(SessionGoneException.class, awaitFailure(store.changeId("never-there", "other")));

    assertEquals(2, store.heldEntries());
    create(store);
    assertEquals(1, store.evictions(), "one eviction makes room: no slot stayed taken");
  }

  @Test
  void evictionsAMinuteApartAreBothLogged() {
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
  void aSweepSliceStopsAfterAboutAMillisecond() {
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
  void theSweeperGoesOnAtOnceWhileExpiredSessionsRemain() throws InterruptedException {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, "paced",
      new LocalStoreOptions().setClock(clock).setSweepBatchSize(5).setSweepInterval(Duration.ofMillis(200)));
    for (int i = 0; i < 100; i++) {
      create(store);
    }
    clock.advance(IDLE);

    // 20 slices: at once one after another, about 4 s if each waited for the interval
    long deadline = System.currentTimeMillis() + 1_500;
    while (store.swept() < 100 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }

    assertEquals(100, store.swept());
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
