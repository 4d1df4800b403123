package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The sessions of one local store: a concurrent map, plus an index ordered by expiry so that the sweeper and eviction
 * find the next session to go without scanning.
 *
 * <p>The index may be early, never late: every session has an entry at or before its expiry. A save or touch that
 * moves the expiry later, nearly every one, leaves the index alone; only a move earlier adds an entry. The sweeper
 * and eviction re-check each entry they take under the map's lock for that ID: a session that is not due yet gets
 * one entry at its real expiry, an entry of a session that is gone is dropped. So a busy session costs the index one
 * update per idle timeout, not one per request, and no session is ever swept or evicted late.
 *
 * <p>A third structure indexes the sessions by principal, also changed inside that {@code compute}.
 *
 * <p>The cap holds at every moment: a creation takes one of {@code maxSessions} slots before it inserts (evicting
 * while none is free), and a removal gives its slot back only once the entry is gone. An ID change is the exception:
 * it ends with as many entries as it began, so its copy takes a slot even beyond the cap rather than evict another
 * session, and the store holds one entry more than the cap for the moment between its two map updates.
 */
final class LocalSessions {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSessionStore.class);
  private static final long SWEEP_TIME_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long EVICTION_LOG_INTERVAL_MILLIS = 60_000;
  /** Early index entries one creation re-files at most before it evicts what the first entry names. */
  private static final int MAX_REFILES_PER_EVICTION = 64;
  /** Attempts of one ID change that a concurrent save of the session sends back to the start. */
  private static final int MAX_CHANGE_ID_ATTEMPTS = 10;

  /** An index entry: ordered by expiry, then ID, so two sessions expiring together are both kept. */
  private record Expiry(long at, String id) implements Comparable<Expiry> {
    @Override
    public int compareTo(Expiry o) {
      int byTime = Long.compare(at, o.at);
      return byTime != 0 ? byTime : id.compareTo(o.id);
    }
  }

  private final Clock clock;
  /** Told, outside any map lock, of each session this store removes on its own: expired or evicted. */
  private final BiConsumer<SessionEvent.Type, SessionRecord> removals;
  private final int maxSessions;
  private final int sweepBatchSize;
  private final ConcurrentHashMap<String, SessionRecord> records = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Expiry> byExpiry = new ConcurrentSkipListSet<>();
  private final ConcurrentHashMap<String, Set<String>> byPrincipal = new ConcurrentHashMap<>();
  /**
   * Entries in the map plus creations that have reserved a slot and not inserted yet; above the cap only by the ID
   * changes in flight.
   */
  private final AtomicInteger slots = new AtomicInteger();
  /**
   * Entries in the map, counted inside the compute that inserts or removes one, so exact at every moment; the map's
   * own size is an estimate while other threads change it.
   */
  private final AtomicInteger entries = new AtomicInteger();
  private final AtomicLong evictions = new AtomicLong();
  private final AtomicLong swept = new AtomicLong();
  private volatile long lastEvictionLog = Long.MIN_VALUE;

  LocalSessions(LocalStoreOptions options, BiConsumer<SessionEvent.Type, SessionRecord> removals) {
    this.clock = options.getClock();
    this.removals = removals;
    this.maxSessions = options.getMaxSessions();
    this.sweepBatchSize = options.getSweepBatchSize();
  }

  Clock clock() {
    return clock;
  }

  Future<SessionRecord> load(String id, long touchInterval) {
    long now = clock.millis();
    SessionRecord record = records.get(id);
    if (record != null && record.isLiveAt(now) && !record.isTouchDue(now, touchInterval)) {
      return Future.succeededFuture(withCopiedData(record));
    }
    if (record == null) {
      return Future.succeededFuture();
    }
    SessionRecord[] expired = new SessionRecord[1];
    SessionRecord live = records.computeIfPresent(id, (key, current) -> {
      if (!current.isLiveAt(now)) {
        expired[0] = current;
        return removed(current);
      }
      return current.isTouchDue(now, touchInterval) ? reindexed(current, current.accessedAt(now)) : current;
    });
    if (expired[0] != null) {
      slots.decrementAndGet();
      removals.accept(SessionEvent.Type.EXPIRED, expired[0]);
    }
    return Future.succeededFuture(live == null ? null : withCopiedData(live));
  }

  Future<Long> save(SessionDelta delta) {
    long now = clock.millis();
    if (delta.creation()) {
      reserveSlot(now);
    }
    RuntimeException[] refusal = new RuntimeException[1];
    boolean[] inserted = new boolean[1];
    SessionRecord saved;
    try {
      saved = records.compute(delta.id(), (id, current) -> {
        boolean live = current != null && current.isLiveAt(now);
        if (delta.creation() == live) {
          refusal[0] = live ? new DuplicateSessionIdException(id) : new SessionGoneException(id);
          return current;
        }
        SessionDelta copied = delta.toBuilder().set(JsonValues.copyAll(delta.set())).build();
        SessionRecord next = delta.creation() ? copied.created(now) : copied.appliedTo(current, now);
        if (current == null) {
          entries.incrementAndGet();
          inserted[0] = true;
        }
        return reindexed(current, next);
      });
    } finally {
      if (delta.creation() && !inserted[0]) {
        // refused, failed (data that cannot be copied), or took the place of an expired entry: no entry more
        slots.decrementAndGet();
      }
    }
    return refusal[0] != null ? Future.failedFuture(refusal[0]) : Future.succeededFuture(saved.version());
  }

  /**
   * Moves a live session to {@code newId}. A {@code ConcurrentHashMap} must not change another key inside a
   * {@code compute}, so two IDs cannot change in one; instead every attempt takes the ordered steps of
   * {@link io.github.vertxsessions.spi.SessionStore#changeId}, each one compute: the copy joins the map and both
   * indexes under {@code newId} (refused if that ID is live, or if the old session is no longer), then the old entry
   * goes only if it is still the version copied. Between the two steps both IDs are live, never neither, so a
   * revocation that looks then finds both; a delete of the old ID meanwhile takes the copy down with it, and a save
   * meanwhile starts the attempt over with what it wrote.
   */
  Future<Long> changeId(String oldId, String newId) {
    for (int attempt = 1; ; attempt++) {
      long now = clock.millis();
      SessionRecord[] copied = new SessionRecord[1];
      RuntimeException refusal = insertCopy(oldId, newId, now, copied);
      if (refusal != null) {
        return Future.failedFuture(refusal);
      }
      SessionRecord[] found = new SessionRecord[1];
      records.computeIfPresent(oldId, (id, current) -> {
        found[0] = current;
        return current.version() == copied[0].version() ? removed(current) : current;
      });
      if (found[0] != null && found[0].version() == copied[0].version()) {
        slots.decrementAndGet(); // the old entry's: the copy holds the one its insertion took
        return Future.succeededFuture(copied[0].version() + 1);
      }
      delete(newId);
      if (found[0] == null || !found[0].isLiveAt(clock.millis())) {
        return Future.failedFuture(new SessionGoneException(oldId));
      }
      if (attempt >= MAX_CHANGE_ID_ATTEMPTS) {
        return Future.failedFuture(new IllegalStateException("Session " + SessionRecord.redact(oldId)
          + " was saved concurrently " + attempt + " times during one change of its ID; giving up"));
      }
    }
  }

  /**
   * The first step of {@link #changeId}: inserts under {@code newId} the live session of {@code oldId}, one version
   * up and accessed {@code now}, and puts the old record it copied into {@code copied}. The copy takes a slot
   * without waiting for a free one (see the class comment): evicting here could even take the session being moved.
   *
   * @return null once the copy is in, else why nothing was written
   */
  private RuntimeException insertCopy(String oldId, String newId, long now, SessionRecord[] copied) {
    slots.incrementAndGet();
    RuntimeException[] refusal = new RuntimeException[1];
    boolean[] inserted = new boolean[1];
    try {
      records.compute(newId, (id, current) -> {
        if (current != null && current.isLiveAt(now)) {
          refusal[0] = new DuplicateSessionIdException(id);
          return current;
        }
        SessionRecord old = records.get(oldId); // a read: allowed inside the compute of another key
        if (old == null || !old.isLiveAt(now)) {
          refusal[0] = new SessionGoneException(oldId);
          return current;
        }
        copied[0] = old;
        if (current == null) {
          entries.incrementAndGet();
          inserted[0] = true;
        }
        return reindexed(current, old.toBuilder().id(id).version(old.version() + 1).lastAccessedAt(now).build());
      });
    } finally {
      if (!inserted[0]) {
        // refused, or took the place of an expired entry: no entry more
        slots.decrementAndGet();
      }
    }
    return refusal[0];
  }

  Future<Void> touch(String id) {
    long now = clock.millis();
    records.computeIfPresent(id, (key, current) ->
      current.isLiveAt(now) ? reindexed(current, current.accessedAt(now)) : current);
    return Future.succeededFuture();
  }

  Future<Void> delete(String id) {
    boolean[] deleted = new boolean[1];
    records.computeIfPresent(id, (key, current) -> {
      deleted[0] = true;
      return removed(current);
    });
    if (deleted[0]) {
      slots.decrementAndGet();
    }
    return Future.succeededFuture();
  }

  Future<Long> count() {
    long now = clock.millis();
    Set<String> expiredNotYetSwept = new HashSet<>();
    for (Expiry entry : byExpiry.headSet(new Expiry(now, "\uffff"))) {
      SessionRecord record = records.get(entry.id);
      if (record != null && !record.isLiveAt(now)) {
        expiredNotYetSwept.add(entry.id);
      }
    }
    return Future.succeededFuture((long) Math.max(0, entries.get() - expiredNotYetSwept.size()));
  }

  /** One entry at a time, so that every removal gives its slot back. */
  Future<Void> clear() {
    records.keySet().forEach(this::delete);
    return Future.succeededFuture();
  }

  /** The live sessions of {@code principal}, as they are at the time of each one's read. */
  Future<List<SessionRecord>> findByPrincipal(String principal) {
    long now = clock.millis();
    List<SessionRecord> found = new ArrayList<>();
    for (String id : byPrincipal.getOrDefault(principal, Set.of())) {
      SessionRecord record = records.get(id);
      if (record != null && record.isLiveAt(now) && principal.equals(record.owner().principal())) {
        found.add(withCopiedData(record));
      }
    }
    return Future.succeededFuture(found);
  }

  long evictions() {
    return evictions.get();
  }

  long swept() {
    return swept.get();
  }

  long heldEntries() {
    return entries.get();
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
    while (taken < sweepBatchSize && (next = firstOrNull()) != null && next.at <= now) {
      if (byExpiry.remove(next)) {
        taken++;
        SessionRecord expired = removeIfExpiringBy(next.id, now);
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
    Expiry next = firstOrNull();
    return next != null && next.at <= clock.millis();
  }

  private Expiry firstOrNull() {
    return byExpiry.ceiling(new Expiry(Long.MIN_VALUE, ""));
  }

  /**
   * After an index entry of {@code id} was taken out: removes the session if its real expiry is at or before
   * {@code limit}; one used since gets its entry back at its real expiry.
   *
   * @return the session removed, or null
   */
  private SessionRecord removeIfExpiringBy(String id, long limit) {
    SessionRecord[] removed = new SessionRecord[1];
    records.computeIfPresent(id, (key, current) -> {
      if (current.expiresAt() > limit) {
        byExpiry.add(new Expiry(current.expiresAt(), key)); // used since: not due yet
        return current;
      }
      removed[0] = current;
      return removed(current);
    });
    if (removed[0] != null) {
      slots.decrementAndGet();
    }
    return removed[0];
  }

  /**
   * Takes a slot for a creation. While every slot is taken it evicts the session closest to expiry (with rolling
   * expiry, the least recently used) and tries again, so concurrent creations cannot all see room for one more.
   */
  private void reserveSlot(long now) {
    int looks = 0;
    while (true) {
      int taken = slots.get();
      if (taken < maxSessions) {
        if (slots.compareAndSet(taken, taken + 1)) {
          return;
        }
      } else if (!evictOne(now, ++looks > MAX_REFILES_PER_EVICTION)) {
        // Nothing to evict: the slots are held by creations between their reservation and their insert, or the
        // oldest entry is being re-indexed. Either finishes within one map update on another thread.
        Thread.onSpinWait();
      }
    }
  }

  /**
   * Takes the first index entry: evicts its session if the entry is its real expiry (the least recently used), or
   * gives a session used since its entry back at its real expiry, so that the next call sees a truer first entry.
   *
   * @param anyway evict whatever the first entry names, used since or not: bounds the work of one creation when many
   *               early entries lead the index (sessions used since, least recently used among them first)
   * @return false when there was no entry to take
   */
  private boolean evictOne(long now, boolean anyway) {
    Expiry oldest = firstOrNull();
    if (oldest == null) {
      return false;
    }
    if (!byExpiry.remove(oldest)) {
      return true; // taken by another thread meanwhile: look again
    }
    SessionRecord removed = removeIfExpiringBy(oldest.id, anyway ? Long.MAX_VALUE : Math.max(oldest.at, now));
    if (removed == null) {
      return true;
    }
    if (removed.isLiveAt(now)) {
      evictions.incrementAndGet();
      logEvictionAtMostOnceAMinute(now);
      removals.accept(SessionEvent.Type.EVICTED, removed);
    } else {
      removals.accept(SessionEvent.Type.EXPIRED, removed);
    }
    return true;
  }

  private void logEvictionAtMostOnceAMinute(long now) {
    long last = lastEvictionLog;
    if (now - last >= EVICTION_LOG_INTERVAL_MILLIS || last == Long.MIN_VALUE) {
      lastEvictionLog = now;
      LOG.warn("Local session store is full ({} sessions): evicting the least recently used; {} evicted so far",
        maxSessions, evictions.get());
    }
  }

  private SessionRecord reindexed(SessionRecord previous, SessionRecord next) {
    if (previous == null || next.expiresAt() < previous.expiresAt()) {
      // a later expiry leaves the entry where it is: early is allowed, late is not
      byExpiry.add(new Expiry(next.expiresAt(), next.id()));
    }
    String before = previous == null ? null : previous.owner().principal();
    String after = next.owner().principal();
    if (!Objects.equals(before, after)) {
      unindexPrincipal(before, next.id());
      if (after != null) {
        byPrincipal.compute(after, (p, ids) -> {
          Set<String> kept = ids != null ? ids : ConcurrentHashMap.newKeySet();
          kept.add(next.id());
          return kept;
        });
      }
    }
    return next;
  }

  /**
   * Inside the compute that drops {@code record}: unindexes and uncounts it. The caller gives its slot back once
   * the compute has returned, when the entry is out of the map: sooner, another creation could insert first.
   *
   * @return null, the compute's answer that removes the entry
   */
  private SessionRecord removed(SessionRecord record) {
    unindex(record);
    entries.decrementAndGet();
    return null;
  }

  /** Its index entry, if it is still the one at its expiry; an earlier one stays until the sweeper drops it. */
  private void unindex(SessionRecord record) {
    byExpiry.remove(new Expiry(record.expiresAt(), record.id()));
    unindexPrincipal(record.owner().principal(), record.id());
  }

  /** The principal's entry goes with its last session, so the index holds nothing of a user without sessions. */
  private void unindexPrincipal(String principal, String id) {
    if (principal != null) {
      byPrincipal.computeIfPresent(principal, (p, ids) -> {
        ids.remove(id);
        return ids.isEmpty() ? null : ids;
      });
    }
  }

  /** What {@code Map.copyOf} makes, which {@link SessionDelta} gives this store's records only without containers. */
  private static final Set<Class<?>> COMPACT_MAPS = Set.copyOf(List.of(Map.of().getClass(),
    Map.of("k", 1).getClass(), Map.of("k", 1, "l", 2, "m", 3).getClass()));

  /**
   * Whether a stored session's attributes may hold a container: not when their map is a compact one, so that the
   * common load checks a class instead of walking the map (which for a compact map makes a new view every time).
   */
  private static boolean mayHoldContainers(Map<String, Object> data) {
    return !COMPACT_MAPS.contains(data.getClass()) && JsonValues.hasContainers(data);
  }

  /** The record as it is when its data holds only immutable values, which is most of the time. */
  private static SessionRecord withCopiedData(SessionRecord record) {
    if (!mayHoldContainers(record.data())) {
      return record;
    }
    return record.toBuilder().data(JsonValues.copyAll(record.data())).build();
  }
}
