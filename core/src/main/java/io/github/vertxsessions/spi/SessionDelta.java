package io.github.vertxsessions.spi;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one save changes: the attributes set and removed since the session was loaded, plus the session's timing
 * settings. A creation carries every attribute.
 *
 * @param id          the session ID
 * @param creation    true to create a new session (fails if the ID is live), false to change an existing one
 *                    (fails if it is gone)
 * @param baseVersion the version the changes were made against (0 for a creation); stores that can only
 *                    compare-and-set use it as the first expected version, then reload and re-apply on conflict
 * @param set         attributes to set, with their new JSON values
 * @param unset       attributes to remove
 * @param createdAt   the creation time; used by a creation only
 * @param idleTimeout see {@link SessionRecord#idleTimeout()}
 * @param maxLifetime see {@link SessionRecord#maxLifetime()}; used by a creation only
 * @param cookieMaxAge see {@link SessionRecord#cookieMaxAge()}
 */
public record SessionDelta(String id, boolean creation, long baseVersion, Map<String, Object> set, Set<String> unset,
                           long createdAt, long idleTimeout, long maxLifetime, long cookieMaxAge) {

  /** The delta that creates {@code record} as it is. */
  public static SessionDelta creationOf(SessionRecord record) {
    return new SessionDelta(record.id(), true, 0, record.data(), Set.of(), record.createdAt(), record.idleTimeout(),
      record.maxLifetime(), record.cookieMaxAge());
  }

  /** The record this creation makes, accessed at {@code now}. */
  public SessionRecord created(long now) {
    return new SessionRecord(id, Collections.unmodifiableMap(new HashMap<>(set)), 1, createdAt, now, idleTimeout,
      maxLifetime, cookieMaxAge);
  }

  /** {@code current} with this delta applied, accessed at {@code now}, one version up. */
  public SessionRecord appliedTo(SessionRecord current, long now) {
    Map<String, Object> data = new HashMap<>(current.data());
    data.keySet().removeAll(unset);
    data.putAll(set);
    return new SessionRecord(id, Collections.unmodifiableMap(data), current.version() + 1, current.createdAt(), now, idleTimeout,
      current.maxLifetime(), cookieMaxAge);
  }

  public boolean changesData() {
    return !set.isEmpty() || !unset.isEmpty();
  }
}
