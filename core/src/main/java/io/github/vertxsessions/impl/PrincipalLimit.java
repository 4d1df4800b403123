package io.github.vertxsessions.impl;

import io.github.vertxsessions.PrincipalLimitPolicy;
import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionLimitException;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The most sessions one user may have, checked when a save gives a session to a user: one look-up of that user's
 * sessions, and no cost for any other save. Concurrent log-ins of one user each count the others, so the limit can be
 * passed while they run: under {@link PrincipalLimitPolicy#REFUSE} by at most the number of them in flight at once,
 * less one; under {@link PrincipalLimitPolicy#REVOKE_LEAST_RECENTLY_USED} only until the last of them has revoked.
 */
final class PrincipalLimit {

  private static final Logger LOG = LoggerFactory.getLogger(PrincipalLimit.class);

  static final PrincipalLimit NONE = new PrincipalLimit(null, Integer.MAX_VALUE, PrincipalLimitPolicy.REFUSE, null);

  private final IndexedSessionStore store;
  private final int max;
  private final PrincipalLimitPolicy policy;
  private final SessionMonitor monitor;

  PrincipalLimit(IndexedSessionStore store, int max, PrincipalLimitPolicy policy, SessionMonitor monitor) {
    this.store = store;
    this.max = max;
    this.policy = policy;
    this.monitor = monitor;
  }

  /**
   * Before a write that gives a session to {@code assigned}, if it has a principal; see
   * {@link #beforeAssigning(String, Set)}.
   *
   * @param id       the session's ID
   * @param replaced the ID it is moving from, or null
   */
  Future<Void> beforeAssigning(SessionOwner assigned, String id, String replaced) {
    return assigned == null || !assigned.hasPrincipal() ? Future.succeededFuture()
      : beforeAssigning(assigned.principal(), ownIds(id, replaced));
  }

  /**
   * After a write that gave a session to {@code assigned}, if it has a principal; see
   * {@link #afterAssigning(String, Set)}. Revoking a user's extra sessions is the limit's work, not the write's: its
   * failure is logged, not returned.
   */
  Future<Void> afterAssigning(SessionOwner assigned, String id, String replaced) {
    if (assigned == null || !assigned.hasPrincipal()) {
      return Future.succeededFuture();
    }
    return afterAssigning(assigned.principal(), ownIds(id, replaced)).recover(err -> {
      LOG.warn("Revoking the extra sessions of a user failed: {}", err.toString());
      return Future.succeededFuture();
    });
  }

  private static Set<String> ownIds(String id, String replaced) {
    return replaced == null || replaced.equals(id) ? Set.of(id) : Set.of(id, replaced);
  }

  /**
   * Before a save gives a session to {@code principal}: under {@code REFUSE}, fails when the user has the most
   * sessions allowed without it.
   *
   * @param own the session's IDs, new and replaced, which do not count
   */
  Future<Void> beforeAssigning(String principal, Set<String> own) {
    if (this == NONE || policy != PrincipalLimitPolicy.REFUSE) {
      return Future.succeededFuture();
    }
    return others(principal, own).compose(others -> others.size() >= max
      ? Future.failedFuture(new SessionLimitException(max)) : Future.succeededFuture());
  }

  /**
   * After the save: under {@code REVOKE_LEAST_RECENTLY_USED}, revokes the user's least recently used other sessions
   * beyond the limit.
   *
   * @param own the session's IDs, new and replaced, which are never revoked here
   */
  Future<Void> afterAssigning(String principal, Set<String> own) {
    if (this == NONE || policy != PrincipalLimitPolicy.REVOKE_LEAST_RECENTLY_USED) {
      return Future.succeededFuture();
    }
    return others(principal, own).compose(others -> {
      int excess = others.size() + 1 - max;
      if (excess <= 0) {
        return Future.succeededFuture();
      }
      List<Future<Void>> revoked = others.stream()
        .sorted(Comparator.comparingLong(SessionRecord::lastAccessedAt).thenComparing(SessionRecord::id))
        .limit(excess).map(record -> store.delete(record.id(), true)
          .onSuccess(v -> monitor.publish(SessionEvent.Type.LIMIT_EVICTED, record.id(), principal, store))).toList();
      return Future.all(revoked).mapEmpty();
    });
  }

  private Future<List<SessionRecord>> others(String principal, Set<String> own) {
    return store.findByPrincipal(principal)
      .map(found -> found.stream().filter(record -> !own.contains(record.id())).toList());
  }
}
