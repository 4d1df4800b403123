package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.local.impl.ExpiryIndex.Expiry;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The sessions of one local store: the store's operations on its {@link SessionTable}, each change one compute of
 * the map for that ID, within the {@link SessionCap cap}; an {@link IdChange} moves a session to a new ID, and
 * {@link #sweep} removes the expired ones in bounded slices, earliest first.
 */
final class LocalSessions {

  private static final long SWEEP_TIME_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Clock clock;
  /** Told, outside any map lock, of each session this store removes on its own: expired or evicted. */
  private final BiConsumer<SessionEvent.Type, SessionRecord> removals;
  private final int sweepBatchSize;
  private final SessionTable table = new SessionTable();
  private final SessionCap cap;
  private final IdChange idChange;
  private final AtomicLong swept = new AtomicLong();

  LocalSessions(LocalStoreOptions options, BiConsumer<SessionEvent.Type, SessionRecord> removals) {
    this.clock = options.getClock();
    this.removals = removals;
    this.sweepBatchSize = options.getSweepBatchSize();
    this.cap = new SessionCap(options.getMaxSessions(), table, removals);
    this.idChange = new IdChange(table, clock);
  }

  Clock clock() {
    return clock;
  }

  Future<SessionRecord> load(String id, long touchInterval) {
    long now = clock.millis();
    SessionRecord record = table.get(id);
    if (record != null && record.isLiveAt(now) && !record.isTouchDue(now, touchInterval)) {
      return Future.succeededFuture(RecordCopies.withCopiedData(record));
    }
    if (record == null) {
      return Future.succeededFuture();
    }
    SessionRecord[] expired = new SessionRecord[1];
    SessionRecord live = table.updateIfPresent(id, (key, current) -> {
      if (!current.isLiveAt(now)) {
        expired[0] = current;
        return null;
      }
      return current.isTouchDue(now, touchInterval) ? current.accessedAt(now) : current;
    });
    if (expired[0] != null) {
      removals.accept(SessionEvent.Type.EXPIRED, expired[0]);
    }
    return Future.succeededFuture(live == null ? null : RecordCopies.withCopiedData(live));
  }

  Future<Long> save(SessionDelta delta) {
    long now = clock.millis();
    if (delta.creation()) {
      cap.reserve(now);
    }
    RuntimeException[] refusal = new RuntimeException[1];
    boolean[] inserted = new boolean[1];
    SessionRecord saved;
    try {
      saved = table.update(delta.id(), (id, current) -> {
        boolean live = current != null && current.isLiveAt(now);
        if (delta.creation() == live) {
          refusal[0] = live ? new DuplicateSessionIdException(id) : new SessionGoneException(id);
          return current;
        }
        SessionDelta copied = delta.toBuilder().set(JsonValues.copyAll(delta.set())).build();
        SessionRecord next = delta.creation() ? copied.created(now) : copied.appliedTo(current, now);
        inserted[0] = current == null;
        return next;
      });
    } finally {
      if (delta.creation() && !inserted[0]) {
        // refused, failed (data that cannot be copied), or took the place of an expired entry: no entry more
        table.releaseSlot();
      }
    }
    return refusal[0] != null ? Future.failedFuture(refusal[0]) : Future.succeededFuture(saved.version());
  }

  Future<Long> changeId(String oldId, String newId) {
    return idChange.move(oldId, newId);
  }

  Future<Void> touch(String id) {
    long now = clock.millis();
    table.updateIfPresent(id, (key, current) -> current.isLiveAt(now) ? current.accessedAt(now) : current);
    return Future.succeededFuture();
  }

  Future<Void> delete(String id) {
    table.remove(id);
    return Future.succeededFuture();
  }

  Future<Long> count() {
    return Future.succeededFuture(table.liveAt(clock.millis()));
  }

  /** One entry at a time, so that every removal gives its slot back. */
  Future<Void> clear() {
    table.ids().forEach(table::remove);
    return Future.succeededFuture();
  }

  /** The live sessions of {@code principal}, as they are at the time of each one's read. */
  Future<List<SessionRecord>> findByPrincipal(String principal) {
    long now = clock.millis();
    List<SessionRecord> found = new ArrayList<>();
    for (String id : table.idsOf(principal)) {
      SessionRecord record = table.get(id);
      if (record != null && record.isLiveAt(now) && principal.equals(record.owner().principal())) {
        found.add(RecordCopies.withCopiedData(record));
      }
    }
    return Future.succeededFuture(found);
  }

  long evictions() {
    return cap.evictions();
  }

  long swept() {
    return swept.get();
  }

  long heldEntries() {
    return table.entries();
  }

  /**
   * One bounded slice of sweeping: removes expired sessions, earliest first, until none is left, the batch size is
   * reached or about a millisecond has passed.
   *
   * @return how many sessions this slice removed
   */
  int sweep() {
    long now = clock.millis();
    long deadline = System.nanoTime() + SWEEP_TIME_BUDGET_NANOS;
    int removed = 0;
    int taken = 0;
    Expiry next;
    while (taken < sweepBatchSize && (next = table.firstExpiry()) != null && next.at() <= now) {
      if (table.takeExpiry(next)) {
        taken++;
        SessionRecord expired = table.removeIfExpiringBy(next.id(), now);
        if (expired != null) {
          removals.accept(SessionEvent.Type.EXPIRED, expired);
          removed++;
        }
      }
      if ((taken & 63) == 0 && System.nanoTime() > deadline) {
        break;
      }
    }
    swept.addAndGet(removed);
    return removed;
  }

  boolean hasExpiredBacklog() {
    Expiry next = table.firstExpiry();
    return next != null && next.at() <= clock.millis();
  }
}
