package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.spi.SessionRecord;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The sessions of one local store ordered by expiry, so that the sweeper and eviction find the next session to go
 * without scanning.
 *
 * <p>The index may be early, never late: every session has an entry at or before its expiry. A save or touch that
 * moves the expiry later, nearly every one, leaves the index alone; only a move earlier adds an entry. The sweeper
 * and eviction re-check each entry they take under the map's lock for that ID: a session that is not due yet gets
 * one entry at its real expiry, an entry of a session that is gone is dropped. So a busy session costs the index one
 * update per idle timeout, not one per request, and no session is ever swept or evicted late.
 */
final class ExpiryIndex {

  /** An entry: ordered by expiry, then ID, so two sessions expiring together are both kept. */
  record Expiry(long at, String id) implements Comparable<Expiry> {
    @Override
    public int compareTo(Expiry o) {
      int byTime = Long.compare(at, o.at);
      return byTime != 0 ? byTime : id.compareTo(o.id);
    }
  }

  private final ConcurrentSkipListSet<Expiry> entries = new ConcurrentSkipListSet<>();

  /**
   * Inside the compute that stores {@code next} in place of {@code previous} (null for none): an entry at its expiry
   * when that is earlier than the entry already there; a later expiry leaves the entry where it is.
   */
  void update(SessionRecord previous, SessionRecord next) {
    if (previous == null || next.expiresAt() < previous.expiresAt()) {
      entries.add(new Expiry(next.expiresAt(), next.id()));
    }
  }

  /** An entry at the real expiry of a session whose early entry was taken: it was used since, so it is not due yet. */
  void refile(SessionRecord record) {
    entries.add(new Expiry(record.expiresAt(), record.id()));
  }

  /** The entry of a session removed, if it is still the one at its expiry; an earlier one stays until taken. */
  void remove(SessionRecord record) {
    entries.remove(new Expiry(record.expiresAt(), record.id()));
  }

  /** The earliest entry, or null when there is none. */
  Expiry first() {
    return entries.ceiling(new Expiry(Long.MIN_VALUE, ""));
  }

  /** @return false when another thread took {@code entry} first */
  boolean take(Expiry entry) {
    return entries.remove(entry);
  }

  /** The entries at or before {@code now}: the sessions that may have expired, and some used since. */
  Set<Expiry> dueBy(long now) {
    return entries.headSet(new Expiry(now, "\uffff"));
  }
}
