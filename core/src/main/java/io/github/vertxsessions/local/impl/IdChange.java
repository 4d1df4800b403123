package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;

import java.time.Clock;

/**
 * The local store's {@link io.github.vertxsessions.spi.SessionStore#changeId}. A {@code ConcurrentHashMap} must not
 * change another key inside a {@code compute}, so two IDs cannot change in one; instead every attempt takes the
 * ordered steps of the contract, each one compute: the copy joins the map and both indexes under the new ID (refused
 * if that ID is live, or if the old session is no longer), then the old entry goes only if it is still the version
 * copied. Between the two steps both IDs are live, never neither, so a revocation that looks then finds both; a
 * delete of the old ID meanwhile takes the copy down with it, and a save meanwhile starts the attempt over with what
 * it wrote.
 */
final class IdChange {

  /** Attempts of one ID change that a concurrent save of the session sends back to the start. */
  private static final int MAX_ATTEMPTS = 10;

  private final SessionTable table;
  private final Clock clock;

  IdChange(SessionTable table, Clock clock) {
    this.table = table;
    this.clock = clock;
  }

  /** Moves the live session of {@code oldId} to {@code newId}, one version up. */
  Future<Long> move(String oldId, String newId) {
    for (int attempt = 1; ; attempt++) {
      long now = clock.millis();
      SessionRecord[] copied = new SessionRecord[1];
      RuntimeException refusal = insertCopy(oldId, newId, now, copied);
      if (refusal != null) {
        return Future.failedFuture(refusal);
      }
      SessionRecord[] found = new SessionRecord[1];
      // a removal gives the old entry's slot back: the copy holds the one its insertion took
      table.updateIfPresent(oldId, (id, current) -> {
        found[0] = current;
        return current.version() == copied[0].version() ? null : current;
      });
      if (found[0] != null && found[0].version() == copied[0].version()) {
        return Future.succeededFuture(copied[0].version() + 1);
      }
      table.remove(newId);
      if (found[0] == null || !found[0].isLiveAt(clock.millis())) {
        return Future.failedFuture(new SessionGoneException(oldId));
      }
      if (attempt >= MAX_ATTEMPTS) {
        return Future.failedFuture(new IllegalStateException("Session " + SessionRecord.redact(oldId)
          + " was saved concurrently " + attempt + " times during one change of its ID; giving up"));
      }
    }
  }

  /**
   * The first step of {@link #move}: inserts under {@code newId} the live session of {@code oldId}, one version up
   * and accessed {@code now}, and puts the old record it copied into {@code copied}. The copy takes a slot without
   * waiting for a free one (see {@link SessionCap}): evicting here could even take the session being moved.
   *
   * @return null once the copy is in, else why nothing was written
   */
  private RuntimeException insertCopy(String oldId, String newId, long now, SessionRecord[] copied) {
    table.takeSlotBeyondCap();
    RuntimeException[] refusal = new RuntimeException[1];
    boolean[] inserted = new boolean[1];
    try {
      table.update(newId, (id, current) -> {
        if (current != null && current.isLiveAt(now)) {
          refusal[0] = new DuplicateSessionIdException(id);
          return current;
        }
        SessionRecord old = table.get(oldId); // a read: allowed inside the compute of another key
        if (old == null || !old.isLiveAt(now)) {
          refusal[0] = new SessionGoneException(oldId);
          return current;
        }
        copied[0] = old;
        inserted[0] = current == null;
        return old.toBuilder().id(id).version(old.version() + 1).lastAccessedAt(now).build();
      });
    } finally {
      if (!inserted[0]) {
        // refused, or took the place of an expired entry: no entry more
        table.releaseSlot();
      }
    }
    return refusal[0];
  }
}
