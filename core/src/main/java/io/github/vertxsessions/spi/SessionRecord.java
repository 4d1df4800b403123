package io.github.vertxsessions.spi;

import java.util.Map;

/**
 * A session as a store keeps it. Times are epoch milliseconds, durations milliseconds. A store decoding what it holds
 * uses the constructor; {@link #newSession} builds one that has not been stored yet.
 *
 * @param id             the session ID
 * @param data           the attributes; values are JSON values (String, Number, Boolean, JsonObject, JsonArray,
 *                       null). Nobody mutates a record's map once it is built.
 * @param version        starts at 1 and grows with every save
 * @param createdAt      when the session was created
 * @param lastAccessedAt the last recorded access; refreshed at most once per touch interval
 * @param idleTimeout    how long the session lives without access
 * @param maxLifetime    how long it may live at all since creation; {@link #NO_MAX_LIFETIME} for no limit
 * @param cookieMaxAge   the cookie Max-Age this session asked for ("remember me"); {@link #DEFAULT_COOKIE_MAX_AGE}
 *                       for the handler's default
 * @param owner          who the session belongs to; {@link SessionOwner#NONE} when nobody is logged in
 */
public record SessionRecord(String id, Map<String, Object> data, long version, long createdAt, long lastAccessedAt,
                            long idleTimeout, long maxLifetime, long cookieMaxAge, SessionOwner owner) {

  /** The {@link #maxLifetime()} of a session without an absolute limit. */
  public static final long NO_MAX_LIFETIME = 0;
  /** The {@link #cookieMaxAge()} of a session whose cookie follows the handler's options. */
  public static final long DEFAULT_COOKIE_MAX_AGE = -1;
  /** The {@link #version()} of a session not stored yet; a store's first version is 1. */
  public static final long UNSTORED_VERSION = 0;

  /**
   * A session nobody is logged in to.
   *
   * @param id             the session ID
   * @param data           the attributes
   * @param version        its version
   * @param createdAt      when it was created
   * @param lastAccessedAt its last recorded access
   * @param idleTimeout    how long it lives without access
   * @param maxLifetime    how long it may live at all, or {@link #NO_MAX_LIFETIME}
   * @param cookieMaxAge   its cookie's Max-Age, or {@link #DEFAULT_COOKIE_MAX_AGE}
   */
  public SessionRecord(String id, Map<String, Object> data, long version, long createdAt, long lastAccessedAt,
                       long idleTimeout, long maxLifetime, long cookieMaxAge) {
    this(id, data, version, createdAt, lastAccessedAt, idleTimeout, maxLifetime, cookieMaxAge, SessionOwner.NONE);
  }

  /**
   * Refuses a null owner: {@link SessionOwner#NONE} says that nobody is logged in.
   *
   * @param id             the session ID
   * @param data           the attributes
   * @param version        its version
   * @param createdAt      when it was created
   * @param lastAccessedAt its last recorded access
   * @param idleTimeout    how long it lives without access
   * @param maxLifetime    how long it may live at all, or {@link #NO_MAX_LIFETIME}
   * @param cookieMaxAge   its cookie's Max-Age, or {@link #DEFAULT_COOKIE_MAX_AGE}
   * @param owner          who it belongs to
   * @throws NullPointerException when {@code owner} is null
   */
  public SessionRecord {
    java.util.Objects.requireNonNull(owner, "owner");
  }

  /**
   * A session created at {@code now} and not stored yet.
   *
   * @param id           the session ID
   * @param data         the attributes
   * @param now          its creation and first access
   * @param idleTimeout  how long it lives without access
   * @param maxLifetime  how long it may live at all, or {@link #NO_MAX_LIFETIME}
   * @param cookieMaxAge its cookie's Max-Age, or {@link #DEFAULT_COOKIE_MAX_AGE}
   * @return the session at {@link #UNSTORED_VERSION}
   */
  public static SessionRecord newSession(String id, Map<String, Object> data, long now, long idleTimeout,
                                         long maxLifetime, long cookieMaxAge) {
    return new SessionRecord(id, data, UNSTORED_VERSION, now, now, idleTimeout, maxLifetime, cookieMaxAge);
  }

  /**
   * When the session expires: its idle expiry, capped by its absolute lifetime.
   *
   * @return epoch milliseconds, {@link Long#MAX_VALUE} when that is beyond what a long holds
   */
  public long expiresAt() {
    long idleExpiry = saturatedAdd(lastAccessedAt, idleTimeout);
    return maxLifetime != NO_MAX_LIFETIME ? Math.min(idleExpiry, saturatedAdd(createdAt, maxLifetime)) : idleExpiry;
  }

  /**
   * Whether the session is live at a time.
   *
   * @param now the time, by the store's clock
   * @return true until {@link #expiresAt()}, false from then on
   */
  public boolean isLiveAt(long now) {
    return expiresAt() > now;
  }

  /**
   * Whether a load should refresh {@link #lastAccessedAt()}.
   *
   * @param now           the time of the load
   * @param touchInterval how stale the last access may become first
   * @return true when the last access is {@code touchInterval} old or older
   */
  public boolean isTouchDue(long now, long touchInterval) {
    return now - lastAccessedAt >= touchInterval;
  }

  /**
   * This session accessed at a time.
   *
   * @param now the time of the access
   * @return a copy with that last access
   */
  public SessionRecord accessedAt(long now) {
    return new SessionRecord(id, data, version, createdAt, now, idleTimeout, maxLifetime, cookieMaxAge, owner);
  }

  /**
   * This session with another owner.
   *
   * @param owner the new owner
   * @return a copy with that owner
   */
  public SessionRecord ownedBy(SessionOwner owner) {
    return new SessionRecord(id, data, version, createdAt, lastAccessedAt, idleTimeout, maxLifetime, cookieMaxAge, owner);
  }

  /**
   * A session ID shortened for logs: IDs are bearer credentials and never logged whole.
   *
   * @param id a session ID, or null
   * @return its first six characters and an ellipsis
   */
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
