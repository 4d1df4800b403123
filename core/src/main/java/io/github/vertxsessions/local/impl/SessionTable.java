package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.local.impl.ExpiryIndex.Expiry;
import io.github.vertxsessions.spi.SessionRecord;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The sessions of one local store in a concurrent map, and what every change of an entry keeps in step inside the
 * map's compute for that ID: the {@link ExpiryIndex}, the {@link PrincipalIndex} and the exact count of entries.
 * Callers say only what an entry becomes; which index entries and counts that changes follows from the record before
 * and the record after.
 *
 * <p>It also counts the slots of the store's cap (see {@link SessionCap}): the entries plus the creations that have
 * reserved one and not inserted yet. An entry removed gives its slot back once the compute has returned, when the
 * entry is out of the map: sooner, another creation could insert first.
 */
final class SessionTable {

  private final ConcurrentHashMap<String, SessionRecord> records = new ConcurrentHashMap<>();
  private final ExpiryIndex byExpiry = new ExpiryIndex();
  private final PrincipalIndex byPrincipal = new PrincipalIndex();
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

  /** A read without a lock: allowed inside the compute of another key. */
  SessionRecord get(String id) {
    return records.get(id);
  }

  /**
   * One compute of the entry of {@code id}, present or not.
   *
   * @param change what the entry becomes, given its ID and its record (null for none): the same record to leave it
   *               as it is, null to remove it
   * @return the record the entry holds afterwards, or null
   */
  SessionRecord update(String id, BiFunction<String, SessionRecord, SessionRecord> change) {
    boolean[] removed = new boolean[1];
    SessionRecord held = records.compute(id, (key, current) -> {
      SessionRecord next = change.apply(key, current);
      removed[0] = follow(current, next);
      return next;
    });
    if (removed[0]) {
      slots.decrementAndGet();
    }
    return held;
  }

  /**
   * One compute of the entry of {@code id} if it is present; nothing otherwise.
   *
   * @param change what the entry becomes, as for {@link #update}; never given null
   * @return the record the entry holds afterwards, or null
   */
  SessionRecord updateIfPresent(String id, BiFunction<String, SessionRecord, SessionRecord> change) {
    boolean[] removed = new boolean[1];
    SessionRecord held = records.computeIfPresent(id, (key, current) -> {
      SessionRecord next = change.apply(key, current);
      removed[0] = follow(current, next);
      return next;
    });
    if (removed[0]) {
      slots.decrementAndGet();
    }
    return held;
  }

  /** Removes the entry of {@code id}, if any. */
  void remove(String id) {
    updateIfPresent(id, (key, current) -> null);
  }

  /**
   * After an index entry of {@code id} was taken out: removes the session if its real expiry is at or before
   * {@code limit}; one used since gets its entry back at its real expiry.
   *
   * @return the session removed, or null
   */
  SessionRecord removeIfExpiringBy(String id, long limit) {
    SessionRecord[] removed = new SessionRecord[1];
    updateIfPresent(id, (key, current) -> {
      if (current.expiresAt() > limit) {
        byExpiry.refile(current);
        return current;
      }
      removed[0] = current;
      return null;
    });
    return removed[0];
  }

  /** The IDs of every entry, as the map's iterator sees them while others change it. */
  Set<String> ids() {
    return records.keySet();
  }

  /** The IDs indexed under {@code principal}; a session among them may have changed owner or gone since. */
  Set<String> idsOf(String principal) {
    return byPrincipal.idsOf(principal);
  }

  /** The earliest expiry index entry, or null. */
  Expiry firstExpiry() {
    return byExpiry.first();
  }

  /** @return false when another thread took {@code entry} first */
  boolean takeExpiry(Expiry entry) {
    return byExpiry.take(entry);
  }

  /** The entries live at {@code now}: every entry but the expired ones the sweeper has not removed yet. */
  long liveAt(long now) {
    Set<String> expiredNotYetSwept = new HashSet<>();
    for (Expiry entry : byExpiry.dueBy(now)) {
      SessionRecord record = records.get(entry.id());
      if (record != null && !record.isLiveAt(now)) {
        expiredNotYetSwept.add(entry.id());
      }
    }
    return Math.max(0, entries.get() - expiredNotYetSwept.size());
  }

  int entries() {
    return entries.get();
  }

  int slotsTaken() {
    return slots.get();
  }

  /** @return false when another thread took or gave back a slot since {@code seen} was read */
  boolean takeSlot(int seen) {
    return slots.compareAndSet(seen, seen + 1);
  }

  /** A slot taken whether or not one is free: for an ID change's copy, which ends with as many entries as it began. */
  void takeSlotBeyondCap() {
    slots.incrementAndGet();
  }

  /** Gives back a slot taken for an entry that was not inserted. */
  void releaseSlot() {
    slots.decrementAndGet();
  }

  /**
   * Inside the compute that replaces {@code current} with {@code next}: the indexes and the count follow.
   *
   * @return whether an entry was removed, whose slot the caller gives back once the compute has returned
   */
  private boolean follow(SessionRecord current, SessionRecord next) {
    if (next == current) {
      return false;
    }
    if (next == null) {
      byExpiry.remove(current);
      byPrincipal.remove(current);
      entries.decrementAndGet();
      return true;
    }
    if (current == null) {
      entries.incrementAndGet();
    }
    byExpiry.update(current, next);
    byPrincipal.update(current, next);
    return false;
  }
}
