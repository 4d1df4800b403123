package io.github.vertxsessions.store.impl;

import io.github.vertxsessions.impl.JsonValues;
import io.github.vertxsessions.store.DuplicateSessionIdException;
import io.github.vertxsessions.store.LocalSessionStore;
import io.github.vertxsessions.store.LocalStoreOptions;
import io.github.vertxsessions.store.SessionDelta;
import io.github.vertxsessions.store.SessionGoneException;
import io.github.vertxsessions.store.SessionRecord;
import io.github.vertxsessions.store.SweepSchedule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions in a concurrent map, plus an index ordered by expiry so that the sweeper and eviction find the next
 * session to go without scanning. Each change of a session's expiry moves its index entry inside the map's atomic
 * {@code compute} for that ID, so the two never disagree for long: the sweeper re-checks under the same lock.
 */
public class LocalSessionStoreImpl implements LocalSessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSessionStore.class);
  private static final long SWEEP_TIME_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long EVICTION_LOG_INTERVAL_MILLIS = 60_000;

  /** An index entry: ordered by expiry, then ID, so two sessions expiring together are both kept. */
  private record Expiry(long at, String id) implements Comparable<Expiry> {
    @Override
    public int compareTo(Expiry o) {
      int byTime = Long.compare(at, o.at);
      return byTime != 0 ? byTime : id.compareTo(o.id);
    }
  }

  private final Clock clock;
  private final int maxSessions;
  private final int sweepBatchSize;
  private final SweepSchedule sweeps;
  private final ConcurrentHashMap<String, SessionRecord> records = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Expiry> byExpiry = new ConcurrentSkipListSet<>();
  private final AtomicLong evictions = new AtomicLong();
  private final AtomicLong swept = new AtomicLong();
  private volatile long lastEvictionLog = Long.MIN_VALUE;

  public LocalSessionStoreImpl(Vertx vertx, LocalStoreOptions options) {
    this.clock = options.getClock();
    this.maxSessions = options.getMaxSessions();
    this.sweepBatchSize = options.getSweepBatchSize();
    this.sweeps = new SweepSchedule(vertx, options.getSweepInterval(), () -> {
      sweep();
      return Future.succeededFuture(hasExpiredBacklog());
    });
    sweeps.start(vertx.getOrCreateContext());
  }

  @Override
  public Future<SessionRecord> load(String id, long touchInterval) {
    long now = clock.millis();
    SessionRecord record = records.get(id);
    if (record != null && record.isLiveAt(now) && !record.isTouchDue(now, touchInterval)) {
      return Future.succeededFuture(withCopiedData(record));
    }
    if (record == null) {
      return Future.succeededFuture();
    }
    SessionRecord live = records.computeIfPresent(id, (key, current) -> {
      if (!current.isLiveAt(now)) {
        unindex(current);
        return null;
      }
      return current.isTouchDue(now, touchInterval) ? reindexed(current, current.accessedAt(now)) : current;
    });
    return Future.succeededFuture(live == null ? null : withCopiedData(live));
  }

  @Override
  public Future<Long> save(SessionDelta delta) {
    long now = clock.millis();
    if (delta.creation()) {
      makeRoomForOneMore(now);
    }
    RuntimeException[] refusal = new RuntimeException[1];
    SessionRecord saved = records.compute(delta.id(), (id, current) -> {
      boolean live = current != null && current.isLiveAt(now);
      if (delta.creation() == live) {
        refusal[0] = live ? new DuplicateSessionIdException(id) : new SessionGoneException(id);
        return current;
      }
      SessionDelta copied = new SessionDelta(id, delta.creation(), delta.baseVersion(), JsonValues.copyAll(delta.set()),
        delta.unset(), delta.createdAt(), delta.idleTimeout(), delta.maxLifetime(), delta.cookieMaxAge());
      SessionRecord next = delta.creation() ? copied.created(now) : copied.appliedTo(current, now);
      return reindexed(current, next);
    });
    return refusal[0] != null ? Future.failedFuture(refusal[0]) : Future.succeededFuture(saved.version());
  }

  @Override
  public Future<Void> touch(String id) {
    long now = clock.millis();
    records.computeIfPresent(id, (key, current) ->
      current.isLiveAt(now) ? reindexed(current, current.accessedAt(now)) : current);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> delete(String id) {
    records.computeIfPresent(id, (key, current) -> {
      unindex(current);
      return null;
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> count() {
    long expiredNotYetSwept = byExpiry.headSet(new Expiry(clock.millis(), "\uffff")).size();
    return Future.succeededFuture(Math.max(0, records.mappingCount() - expiredNotYetSwept));
  }

  @Override
  public Future<Void> clear() {
    records.clear();
    byExpiry.clear();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    sweeps.close();
    return Future.succeededFuture();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public long evictions() {
    return evictions.get();
  }

  @Override
  public long swept() {
    return swept.get();
  }

  /** Entries in memory, expired ones the sweeper has not reached yet included. */
  public long heldEntries() {
    return records.mappingCount();
  }

  /**
   * One bounded slice of sweeping: removes expired sessions, earliest first, until none is left, the batch size is
   * reached or about a millisecond has passed.
   *
   * @return how many sessions this slice removed
   */
  public int sweep() {
    long now = clock.millis();
    long deadline = System.nanoTime() + SWEEP_TIME_BUDGET_NANOS;
    int removed = 0;
    Expiry next;
    while (removed < sweepBatchSize && (next = firstOrNull()) != null && next.at <= now) {
      if (byExpiry.remove(next)) {
        removeIfExpiringAt(next);
        removed++;
      }
      if ((removed & 63) == 0 && System.nanoTime() > deadline) {
        break;
      }
    }
    swept.addAndGet(removed);
    return removed;
  }

  private boolean hasExpiredBacklog() {
    Expiry next = firstOrNull();
    return next != null && next.at <= clock.millis();
  }

  private Expiry firstOrNull() {
    return byExpiry.ceiling(new Expiry(Long.MIN_VALUE, ""));
  }

  /** The index entry may be stale if the session was touched meanwhile: remove only what it really points at. */
  private boolean removeIfExpiringAt(Expiry entry) {
    boolean[] removed = new boolean[1];
    records.computeIfPresent(entry.id, (id, current) -> {
      removed[0] = current.expiresAt() == entry.at;
      return removed[0] ? null : current;
    });
    return removed[0];
  }

  /** At the cap, evicts the session closest to expiry: with rolling expiry, the least recently used. */
  private void makeRoomForOneMore(long now) {
    while (records.mappingCount() >= maxSessions) {
      Expiry oldest = firstOrNull();
      if (oldest == null) {
        return;
      }
      if (byExpiry.remove(oldest) && removeIfExpiringAt(oldest) && oldest.at > now) {
        evictions.incrementAndGet();
        logEvictionAtMostOnceAMinute(now);
      }
    }
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
    if (previous != null) {
      unindex(previous);
    }
    byExpiry.add(new Expiry(next.expiresAt(), next.id()));
    return next;
  }

  private void unindex(SessionRecord record) {
    byExpiry.remove(new Expiry(record.expiresAt(), record.id()));
  }

  /** The record as it is when its data holds only immutable values, which is most of the time. */
  private static SessionRecord withCopiedData(SessionRecord record) {
    if (!JsonValues.hasContainers(record.data())) {
      return record;
    }
    return new SessionRecord(record.id(), JsonValues.copyAll(record.data()), record.version(), record.createdAt(),
      record.lastAccessedAt(), record.idleTimeout(), record.maxLifetime(), record.cookieMaxAge());
  }
}
