package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.impl.ExpiryIndex.Expiry;
import io.github.vertxsessions.spi.SessionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The local store's {@code maxSessions} cap, which holds at every moment: a creation takes one of the slots of the
 * {@link SessionTable} before it inserts, evicting the session closest to expiry (with rolling expiry, the least
 * recently used) while none is free, and a removal gives its slot back only once the entry is gone. An ID change is
 * the exception: it ends with as many entries as it began, so its copy takes a slot even beyond the cap rather than
 * evict another session, and the store holds one entry more than the cap for the moment between its two map updates.
 */
final class SessionCap {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSessionStore.class);
  private static final long EVICTION_LOG_INTERVAL_MILLIS = 60_000;
  /** Early index entries one creation re-files at most before it evicts what the first entry names. */
  private static final int MAX_REFILES_PER_EVICTION = 64;

  private final int maxSessions;
  private final SessionTable table;
  /** Told, outside any map lock, of each session evicted, or found expired while looking for one to evict. */
  private final BiConsumer<SessionEvent.Type, SessionRecord> removals;
  private final AtomicLong evictions = new AtomicLong();
  private volatile long lastEvictionLog = Long.MIN_VALUE;

  SessionCap(int maxSessions, SessionTable table, BiConsumer<SessionEvent.Type, SessionRecord> removals) {
    this.maxSessions = maxSessions;
    this.table = table;
    this.removals = removals;
  }

  /**
   * Takes a slot for a creation. While every slot is taken it evicts and tries again, so concurrent creations cannot
   * all see room for one more.
   */
  void reserve(long now) {
    int looks = 0;
    while (true) {
      int taken = table.slotsTaken();
      if (taken < maxSessions) {
        if (table.takeSlot(taken)) {
          return;
        }
      } else {
        evictFirst(now, ++looks > MAX_REFILES_PER_EVICTION);
      }
    }
  }

  long evictions() {
    return evictions.get();
  }

  /**
   * Takes the first index entry: evicts its session if the entry is its real expiry (the least recently used), or
   * gives a session used since its entry back at its real expiry, so that the next call sees a truer first entry.
   *
   * @param anyway evict whatever the first entry names, used since or not: bounds the work of one creation when many
   *               early entries lead the index (sessions used since, least recently used among them first)
   */
  private void evictFirst(long now, boolean anyway) {
    Expiry oldest = table.firstExpiry();
    if (oldest == null) {
      // Nothing to evict: the slots are held by creations between their reservation and their insert, or the
      // oldest entry is being re-indexed. Either finishes within one map update on another thread.
      Thread.onSpinWait();
      return;
    }
    if (!table.takeExpiry(oldest)) {
      return; // taken by another thread meanwhile: look again
    }
    SessionRecord removed = table.removeIfExpiringBy(oldest.id(), anyway ? Long.MAX_VALUE : Math.max(oldest.at(), now));
    if (removed == null) {
      return; // gone meanwhile, or used since and re-filed at its real expiry
    }
    if (removed.isLiveAt(now)) {
      evictions.incrementAndGet();
      logEvictionAtMostOnceAMinute(now);
      removals.accept(SessionEvent.Type.EVICTED, removed);
    } else {
      removals.accept(SessionEvent.Type.EXPIRED, removed);
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
}
