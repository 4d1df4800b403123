package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The local store's cap on its own: which session a creation in a full table evicts, how it is reported, and that a
 * creation waits while every slot is held by creations that have not inserted yet.
 */
class SessionCapTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();
  private static final long START = 1_767_225_600_000L;
  /** Early index entries one creation re-files before it evicts whatever the next entry names (SessionCap's bound). */
  private static final int REFILES_PER_EVICTION = 64;

  private final SessionTable table = new SessionTable();
  private final List<String> removals = new CopyOnWriteArrayList<>();
  private LogCapture log;

  @BeforeEach
  void captureTheEvictionWarning() {
    log = LogCapture.of(LocalSessionStore.class);
  }

  @AfterEach
  void close() {
    log.close();
  }

  private SessionCap cap(int maxSessions) {
    return new SessionCap(maxSessions, table, (type, record) -> removals.add(type.jsonName() + " " + record.id()));
  }

  /** Creates a session last used at {@code at}, as a creation does: a slot first, then the entry. */
  private void create(SessionCap cap, String id, long at) {
    cap.reserve(at);
    insert(id, at);
  }

  private void insert(String id, long at) {
    table.update(id, (key, current) -> SessionRecord.builder(key).data(Map.of("n", 1)).createdAt(at)
      .idleTimeout(IDLE).build());
  }

  /** A later use of a session, which moves its expiry later and leaves its index entry where it was. */
  private void use(String id, long at) {
    table.update(id, (key, current) -> current.accessedAt(at));
  }

  @Test
  void aFullTableWhoseOldestSessionExpiredRemovesItAsExpiredNotAsAnEviction() {
    SessionCap cap = cap(1);
    create(cap, "expired", START);

    cap.reserve(START + IDLE);

    assertEquals(List.of(SessionEvent.Type.EXPIRED.jsonName() + " expired"), removals);
    assertEquals(0, cap.evictions());
    assertNull(table.get("expired"));
    assertEquals(1, table.slotsTaken(), "the reservation's slot, the expired session's given back");
    assertEquals(List.of(), log.warnings(), "removing an expired session is no eviction");
  }

  @Test
  void aFullTableEvictsTheLeastRecentlyUsedAndSaysSo() {
    SessionCap cap = cap(2);
    create(cap, "older", START);
    create(cap, "newer", START + 1);

    cap.reserve(START + 2);

    assertEquals(List.of(SessionEvent.Type.EVICTED.jsonName() + " older"), removals);
    assertEquals(1, cap.evictions());
    assertNotNull(table.get("newer"));
    assertEquals(1, log.warnings().size(), log.warnings().toString());
  }

  /**
   * Sessions used since their index entry lead the index with early entries: a creation re-files them at their real
   * expiry, {@value #REFILES_PER_EVICTION} at most, then evicts whatever the next entry names, so that its work stays
   * bounded. Here one early entry more than that leads the entry of the least recently used session.
   */
  @Test
  void aCreationReFilesABoundedNumberOfEarlyEntriesThenEvictsWhatTheNextOneNames() {
    int early = REFILES_PER_EVICTION + 1;
    SessionCap cap = cap(early + 1);
    List<String> usedSince = new ArrayList<>();
    for (int i = 0; i < early; i++) {
      usedSince.add(String.format("used-since-%03d", i));
      create(cap, usedSince.get(i), START);
    }
    create(cap, "least-recently-used", START + 60_000);
    usedSince.forEach(id -> use(id, START + 120_000));

    cap.reserve(START + 180_000);

    // entries that expire together are ordered by ID: the last of the early ones is the one after the bound
    String next = usedSince.stream().max(Comparator.naturalOrder()).orElseThrow();
    assertEquals(List.of(SessionEvent.Type.EVICTED.jsonName() + " " + next), removals);
    assertNotNull(table.get("least-recently-used"), "not reached within the bound");
    assertEquals(early, table.entries());
    assertEquals(1, log.warnings().size(), log.warnings().toString());
  }

  @Test
  void withoutAnyEarlyEntryBeyondTheBoundTheLeastRecentlyUsedIsEvicted() {
    int early = REFILES_PER_EVICTION;
    SessionCap cap = cap(early + 1);
    for (int i = 0; i < early; i++) {
      create(cap, String.format("used-since-%03d", i), START);
    }
    create(cap, "least-recently-used", START + 60_000);
    for (int i = 0; i < early; i++) {
      use(String.format("used-since-%03d", i), START + 120_000);
    }

    cap.reserve(START + 180_000);

    assertEquals(List.of(SessionEvent.Type.EVICTED.jsonName() + " least-recently-used"), removals);
    assertEquals(1, log.warnings().size(), log.warnings().toString());
  }

  @Test
  void aCreationWaitsWhileEverySlotIsHeldByACreationNotInsertedYet() throws Exception {
    SessionCap cap = cap(1);
    cap.reserve(START); // a creation between its reservation and its insert

    CompletableFuture<Void> second = new CompletableFuture<>();
    Thread creation = new Thread(() -> {
      cap.reserve(START + 1);
      second.complete(null);
    }, "second-creation");
    creation.start();
    // the second creation is seen spinning in the cap before the first one inserts
    eventually(Duration.ofSeconds(10), "the second creation waiting in SessionCap",
        () -> Arrays.stream(creation.getStackTrace())
            .anyMatch(frame -> frame.getClassName().equals(SessionCap.class.getName())));
    assertFalse(second.isDone(), "a creation did not wait while every slot was held");
    insert("first", START);

    second.get(10, SECONDS);
    assertEquals(List.of(SessionEvent.Type.EVICTED.jsonName() + " first"), removals);
    assertEquals(1, table.slotsTaken());
    assertEquals(0, table.entries());
    assertEquals(1, log.warnings().size(), log.warnings().toString());
  }
}
