package io.github.vertxsessions.spi;

import io.github.vertxsessions.spi.support.JsonValues;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one save changes: the attributes set and removed since the session was loaded, and the session's timing as the
 * handler knows it. A creation carries every attribute. Build one with {@link #creationOf} or {@link #changesTo}, or
 * field by field with {@link #builder}.
 *
 * @param id           the session ID
 * @param creation     true to create a new session (fails if the ID is live), false to change an existing one
 *                     (fails if it is gone)
 * @param set          attributes to set, with their new JSON values
 * @param unset        attributes to remove
 * @param createdAt    the creation time; a creation stores it, a change may use it to compute the expiry without
 *                     reading the session first (the stored one wins)
 * @param idleTimeout  see {@link SessionRecord#idleTimeout()}; a change stores it ("remember me" changes it)
 * @param maxLifetime  see {@link SessionRecord#maxLifetime()}; like {@code createdAt}, stored by a creation only
 * @param cookieMaxAge see {@link SessionRecord#cookieMaxAge()}; a change stores it
 * @param owner        the owner to store, or null to leave it as it is ({@link SessionOwner#NONE} for a creation);
 *                     only a non-null owner touches a store's index by principal
 * @param explicit     true when the application asked for this save ({@code Session.save()}, {@code regenerate()}),
 *                     false for the handler's automatic save at the end of a request. A store may make an explicit
 *                     save more durable before it reports success (the Redis store can wait for replicas); any store
 *                     may ignore it. A store that wraps another passes the delta on as it is.
 */
public record SessionDelta(String id, boolean creation, Map<String, Object> set, Set<String> unset,
                           long createdAt, long idleTimeout, long maxLifetime, long cookieMaxAge, SessionOwner owner,
                           boolean explicit) {

  /**
   * The delta that creates {@code record} as it is.
   *
   * @param record the session to create; its version and last access are the store's to set
   * @return a creation of every attribute of {@code record}
   */
  public static SessionDelta creationOf(SessionRecord record) {
    return new SessionDelta(record.id(), true, record.data(), Set.of(), record.createdAt(), record.idleTimeout(),
      record.maxLifetime(), record.cookieMaxAge(), record.owner(), false);
  }

  /**
   * The delta that changes the stored session {@code current}: sets and removes attributes, and stores its idle
   * timeout and cookie lifetime.
   *
   * @param current the session as it is to be after the change, for its ID and timing
   * @param set     attributes to set, with their new JSON values
   * @param unset   attributes to remove
   * @return a change, which fails if the session is gone
   */
  public static SessionDelta changesTo(SessionRecord current, Map<String, Object> set, Set<String> unset) {
    return new SessionDelta(current.id(), false, set, unset, current.createdAt(), current.idleTimeout(),
      current.maxLifetime(), current.cookieMaxAge(), null, false);
  }

  /**
   * A builder of a delta of the session {@code id}, every field by name. {@link Builder#createdAt} and
   * {@link Builder#idleTimeout} must be given; the others default as {@link Builder} says.
   *
   * @param id the session ID
   * @return a builder of an automatic change that sets and removes nothing and leaves the owner as it is
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * A builder that starts from this delta, to change some of its fields.
   *
   * @return a builder holding every field of this delta
   */
  public Builder toBuilder() {
    return new Builder(id).creation(creation).set(set).unset(unset).createdAt(createdAt).idleTimeout(idleTimeout)
      .maxLifetime(maxLifetime).cookieMaxAge(cookieMaxAge).owner(owner).explicit(explicit);
  }

  /**
   * This delta storing an owner too.
   *
   * @param owner the owner to store
   * @return a copy that sets the owner
   */
  public SessionDelta withOwner(SessionOwner owner) {
    return new SessionDelta(id, creation, set, unset, createdAt, idleTimeout, maxLifetime, cookieMaxAge,
      Objects.requireNonNull(owner, "owner"), explicit);
  }

  /**
   * This delta as the save the application asked for.
   *
   * @return a copy whose {@link #explicit()} is true
   */
  public SessionDelta asExplicit() {
    return new SessionDelta(id, creation, set, unset, createdAt, idleTimeout, maxLifetime, cookieMaxAge, owner, true);
  }

  /**
   * Whether this delta stores an owner, and so must update a store's index by principal.
   *
   * @return true when {@link #owner()} is set
   */
  public boolean changesOwner() {
    return owner != null;
  }

  /**
   * The record this creation makes.
   *
   * @param now the time of the creation, its first access
   * @return the new session, at version 1
   */
  public SessionRecord created(long now) {
    return new SessionRecord(id, immutable(new HashMap<>(set)), 1, createdAt, now, idleTimeout,
      maxLifetime, cookieMaxAge, owner == null ? SessionOwner.NONE : owner);
  }

  /**
   * What this change makes of the stored session, for stores that apply deltas themselves.
   *
   * @param current the stored session
   * @param now     the time of the change, its access
   * @return {@code current} with this delta applied, one version up
   */
  public SessionRecord appliedTo(SessionRecord current, long now) {
    Map<String, Object> data = new HashMap<>(current.data());
    data.keySet().removeAll(unset);
    data.putAll(set);
    return new SessionRecord(id, immutable(data), current.version() + 1, current.createdAt(), now,
      idleTimeout, current.maxLifetime(), cookieMaxAge, owner == null ? current.owner() : owner);
  }

  /**
   * Whether this delta sets or removes any attribute.
   *
   * @return false for a change of timing alone
   */
  public boolean changesData() {
    return !set.isEmpty() || !unset.isEmpty();
  }

  /**
   * The compact immutable form ({@code Map.copyOf}) when every value is immutable (a stored session is read far more
   * often than written, and an idle one is mostly this map), else a read-only view: {@code Map.copyOf} refuses the
   * null of JSON, and a container, mutable, must be copied whenever it is handed out.
   */
  private static Map<String, Object> immutable(Map<String, Object> data) {
    return data.containsValue(null) || JsonValues.hasContainers(data) ? Collections.unmodifiableMap(data)
      : Map.copyOf(data);
  }

  /**
   * Builds a {@link SessionDelta} field by field, so that no caller passes a row of numbers whose order it must
   * remember. Defaults: a change (not a creation), nothing set or removed, {@link SessionRecord#NO_MAX_LIFETIME},
   * {@link SessionRecord#DEFAULT_COOKIE_MAX_AGE}, the owner left as it is (null) and an automatic save. The creation
   * time and the idle timeout have no default: the store computes the expiry from them.
   */
  public static final class Builder {

    private String id;
    private boolean creation;
    private Map<String, Object> set = Map.of();
    private Set<String> unset = Set.of();
    private Long createdAt;
    private Long idleTimeout;
    private long maxLifetime = SessionRecord.NO_MAX_LIFETIME;
    private long cookieMaxAge = SessionRecord.DEFAULT_COOKIE_MAX_AGE;
    private SessionOwner owner;
    private boolean explicit;

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
     * Sets whether the delta creates the session.
     *
     * @param creation true for a creation; false, the default, for a change
     * @return this builder
     */
    public Builder creation(boolean creation) {
      this.creation = creation;
      return this;
    }

    /**
     * Sets the attributes to set.
     *
     * @param set the attributes with their new JSON values; none by default
     * @return this builder
     * @throws NullPointerException when {@code set} is null
     */
    public Builder set(Map<String, Object> set) {
      this.set = Objects.requireNonNull(set, "set");
      return this;
    }

    /**
     * Sets the attributes to remove.
     *
     * @param unset their names; none by default
     * @return this builder
     * @throws NullPointerException when {@code unset} is null
     */
    public Builder unset(Set<String> unset) {
      this.unset = Objects.requireNonNull(unset, "unset");
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
     * Sets the idle timeout, which has no default.
     *
     * @param idleTimeout milliseconds
     * @return this builder
     */
    public Builder idleTimeout(long idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * Sets the absolute lifetime.
     *
     * @param maxLifetime milliseconds; {@link SessionRecord#NO_MAX_LIFETIME} by default
     * @return this builder
     */
    public Builder maxLifetime(long maxLifetime) {
      this.maxLifetime = maxLifetime;
      return this;
    }

    /**
     * Sets the cookie's Max-Age.
     *
     * @param cookieMaxAge milliseconds; {@link SessionRecord#DEFAULT_COOKIE_MAX_AGE} by default
     * @return this builder
     */
    public Builder cookieMaxAge(long cookieMaxAge) {
      this.cookieMaxAge = cookieMaxAge;
      return this;
    }

    /**
     * Sets the owner to store.
     *
     * @param owner the owner, or null, the default, to leave it as it is
     * @return this builder
     */
    public Builder owner(SessionOwner owner) {
      this.owner = owner;
      return this;
    }

    /**
     * Sets whether the application asked for this save.
     *
     * @param explicit true for an explicit save; false, the default, for the handler's automatic one
     * @return this builder
     */
    public Builder explicit(boolean explicit) {
      this.explicit = explicit;
      return this;
    }

    /**
     * The delta of the fields given.
     *
     * @return a new delta
     * @throws IllegalStateException when the creation time or the idle timeout was not given
     */
    public SessionDelta build() {
      if (createdAt == null || idleTimeout == null) {
        throw new IllegalStateException("A session delta needs the creation time and the idle timeout");
      }
      return new SessionDelta(id, creation, set, unset, createdAt, idleTimeout, maxLifetime, cookieMaxAge, owner,
        explicit);
    }
  }
}
