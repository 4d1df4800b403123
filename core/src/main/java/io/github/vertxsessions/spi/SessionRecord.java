package io.github.vertxsessions.spi;

import java.util.Map;

/**
 * A session as a store keeps it. Times are epoch milliseconds, durations milliseconds.
 *
 * @param id             the session ID
 * @param data           the attributes; values are JSON values (String, Number, Boolean, JsonObject, JsonArray,
 *                       null). Nobody mutates a record's map once it is built.
 * @param version        starts at 1 and grows with every save
 * @param createdAt      when the session was created
 * @param lastAccessedAt the last recorded access; refreshed at most once per touch interval
 * @param idleTimeout    how long the session lives without access
 * @param maxLifetime    how long it may live at all since creation; 0 for no limit
 * @param cookieMaxAge   the cookie Max-Age this session asked for ("remember me"); -1 for the handler's default
 */
public record SessionRecord(String id, Map<String, Object> data, long version, long createdAt, long lastAccessedAt,
                            long idleTimeout, long maxLifetime, long cookieMaxAge) {

  /** When the session expires: its idle expiry, capped by its absolute lifetime. */
  public long expiresAt() {
    long idleExpiry = saturatedAdd(lastAccessedAt, idleTimeout);
    return maxLifetime > 0 ? Math.min(idleExpiry, saturatedAdd(createdAt, maxLifetime)) : idleExpiry;
  }

  public boolean isLiveAt(long now) {
    return expiresAt() > now;
  }

  /** Whether a load at {@code now} should refresh {@link #lastAccessedAt()}. */
  public boolean isTouchDue(long now, long touchInterval) {
    return now - lastAccessedAt >= touchInterval;
  }

  public SessionRecord accessedAt(long now) {
    return new SessionRecord(id, data, version, createdAt, now, idleTimeout, maxLifetime, cookieMaxAge);
  }

  /** A session ID shortened for logs: IDs are bearer credentials and never logged whole. */
  public static String redact(String id) {
    return id == null ? "null" : id.length() <= 6 ? "…" : id.substring(0, 6) + "…";
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return "SessionRecord[" + redact(id) + " v" + version + ", " + data.size() + " attributes]";
  }
}
