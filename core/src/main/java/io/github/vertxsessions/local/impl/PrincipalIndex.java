package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.spi.SessionRecord;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IDs of one local store's sessions by principal, changed inside the compute that changes the session, so that
 * finding a user's sessions never scans the store.
 */
final class PrincipalIndex {

  private final ConcurrentHashMap<String, Set<String>> byPrincipal = new ConcurrentHashMap<>();

  /** Inside the compute that stores {@code next} in place of {@code previous} (null for none). */
  void update(SessionRecord previous, SessionRecord next) {
    String before = previous == null ? null : previous.owner().principal();
    String after = next.owner().principal();
    if (!Objects.equals(before, after)) {
      remove(before, next.id());
      if (after != null) {
        byPrincipal.compute(after, (p, ids) -> {
          Set<String> kept = ids != null ? ids : ConcurrentHashMap.newKeySet();
          kept.add(next.id());
          return kept;
        });
      }
    }
  }

  /** Inside the compute that removes {@code record}. */
  void remove(SessionRecord record) {
    remove(record.owner().principal(), record.id());
  }

  /** The IDs indexed under {@code principal}; a session among them may have changed owner or gone since. */
  Set<String> idsOf(String principal) {
    return byPrincipal.getOrDefault(principal, Set.of());
  }

  /** The principal's entry goes with its last session, so the index holds nothing of a user without sessions. */
  private void remove(String principal, String id) {
    if (principal != null) {
      byPrincipal.computeIfPresent(principal, (p, ids) -> {
        ids.remove(id);
        return ids.isEmpty() ? null : ids;
      });
    }
  }
}
