package io.github.vertxsessions.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A session as a store keeps it. Times are epoch milliseconds, durations milliseconds. Build one by name with
 * {@link #builder}; change one with {@link #toBuilder} or the {@code with}-style copies.
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
    Objects.requireNonNull(owner, "owner");
  }

  /**
   * A builder of the session {@code id}, for stores decoding what they hold and for tests: every field by name.
   * {@link Builder#createdAt} and {@link Builder#idleTimeout} must be given; the others default as
   * {@link Builder} says.
   *
   * @param id the session ID; null only for a session whose ID is still to be drawn
   * @return a builder of a session nobody is logged in to, at {@link #UNSTORED_VERSION}
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * A builder that starts from this session, to change some of its fields.
   *
   * @return a builder holding every field of this record
   */
  public Builder toBuilder() {
    return new Builder(id).data(data).version(version).createdAt(createdAt).lastAccessedAt(lastAccessedAt)
      .idleTimeout(idleTimeout).maxLifetime(maxLifetime).cookieMaxAge(cookieMaxAge).owner(owner);
  }

  /**
   * This session under another ID, every other field as it is.
   *
   * @param id the ID
   * @return a copy with that ID
   */
  public SessionRecord withId(String id) {
    return new SessionRecord(id, data, version, createdAt, lastAccessedAt, idleTimeout, maxLifetime, cookieMaxAge,
      owner);
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

  /**
   * Builds a {@link SessionRecord} field by field, so that no caller passes a row of numbers whose order it must
   * remember. Defaults: no attributes, {@link #UNSTORED_VERSION}, last access at the creation,
   * {@link #NO_MAX_LIFETIME}, {@link #DEFAULT_COOKIE_MAX_AGE} and {@link SessionOwner#NONE}. The creation time and the
   * idle timeout have no default: a session without them would expire at a time nobody chose.
   */
  public static final class Builder {

    private String id;
    private Map<String, Object> data = Map.of();
    private long version = UNSTORED_VERSION;
    private Long createdAt;
    private Long lastAccessedAt;
    private Long idleTimeout;
    private long maxLifetime = NO_MAX_LIFETIME;
    private long cookieMaxAge = DEFAULT_COOKIE_MAX_AGE;
    private SessionOwner owner = SessionOwner.NONE;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets the session ID.
     *
     * @param id the session ID
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the attributes; the record keeps this map, which nobody may mutate afterwards.
     *
     * @param data the attributes, JSON values; empty by default
     * @return this builder
     * @throws NullPointerException when {@code data} is null
     */
    public Builder data(Map<String, Object> data) {
      this.data = Objects.requireNonNull(data, "data");
      return this;
    }

    /**
     * Sets the version.
     *
     * @param version the version; {@link #UNSTORED_VERSION} by default
     * @return this builder
     */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /**
     * Sets the creation time, which has no default.
     *
     * @param createdAt epoch milliseconds
     * @return this builder
     */
    public Builder createdAt(long createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /**
     * Sets the last recorded access.
     *
     * @param lastAccessedAt epoch milliseconds; the creation time by default
     * @return this builder
     */
    public Builder lastAccessedAt(long lastAccessedAt) {
      this.lastAccessedAt = lastAccessedAt;
      return this;
    }

    /**
     * Sets how long the session lives without access, which has no default.
     *
     * @param idleTimeout milliseconds
     * @return this builder
     */
    public Builder idleTimeout(long idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * Sets how long the session may live at all.
     *
     * @param maxLifetime milliseconds; {@link #NO_MAX_LIFETIME} by default
     * @return this builder
     */
    public Builder maxLifetime(long maxLifetime) {
      this.maxLifetime = maxLifetime;
      return this;
    }

    /**
     * Sets the cookie Max-Age the session asked for.
     *
     * @param cookieMaxAge milliseconds; {@link #DEFAULT_COOKIE_MAX_AGE} by default
     * @return this builder
     */
    public Builder cookieMaxAge(long cookieMaxAge) {
      this.cookieMaxAge = cookieMaxAge;
      return this;
    }

    /**
     * Sets who the session belongs to.
     *
     * @param owner the owner; {@link SessionOwner#NONE} by default
     * @return this builder
     * @throws NullPointerException when {@code owner} is null
     */
    public Builder owner(SessionOwner owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /**
     * The record of the fields given.
     *
     * @return a new record
     * @throws IllegalStateException when the creation time or the idle timeout was not given
     */
    public SessionRecord build() {
      if (createdAt == null || idleTimeout == null) {
        throw new IllegalStateException("A session record needs its creation time and its idle timeout");
      }
      return new SessionRecord(id, data, version, createdAt, lastAccessedAt != null ? lastAccessedAt : createdAt,
        idleTimeout, maxLifetime, cookieMaxAge, owner);
    }
  }
}
