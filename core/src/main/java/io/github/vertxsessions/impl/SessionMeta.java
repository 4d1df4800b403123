package io.github.vertxsessions.impl;

import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;

import java.util.Map;

/**
 * What a session holds besides its attributes: its version, timing and owner, each with whether this request changed
 * it, so that a save writes the timing and the owner only when they changed.
 */
final class SessionMeta {

  private long version;
  private final long createdAt;
  private long lastAccessedAt;
  private long idleTimeout;
  private final long maxLifetime;
  private long cookieMaxAge;
  /** The cookie lifetime the client's cookie was given: a change must reach the browser. */
  private final long loadedCookieMaxAge;
  private boolean timingChanged;
  private SessionOwner owner;
  private boolean ownerChanged;

  SessionMeta(SessionRecord record) {
    this.version = record.version();
    this.createdAt = record.createdAt();
    this.lastAccessedAt = record.lastAccessedAt();
    this.idleTimeout = record.idleTimeout();
    this.maxLifetime = record.maxLifetime();
    this.cookieMaxAge = record.cookieMaxAge();
    this.loadedCookieMaxAge = cookieMaxAge;
    this.owner = record.owner();
  }

  /** The session as a record under {@code id}, without attributes: what a change carries of its timing. */
  SessionRecord asRecord(String id) {
    return SessionRecord.builder(id).version(version).createdAt(createdAt).lastAccessedAt(lastAccessedAt)
      .idleTimeout(idleTimeout).maxLifetime(maxLifetime).cookieMaxAge(cookieMaxAge).owner(owner).build();
  }

  /** The session as a creation at {@code now} would store it, with {@code data}, its ID still to be drawn. */
  SessionRecord creation(Map<String, Object> data, long now) {
    return SessionRecord.builder(null).data(data).createdAt(createdAt).lastAccessedAt(now).idleTimeout(idleTimeout)
      .maxLifetime(maxLifetime).cookieMaxAge(cookieMaxAge).owner(owner).build();
  }

  long createdAt() {
    return createdAt;
  }

  long lastAccessedAt() {
    return lastAccessedAt;
  }

  long idleTimeout() {
    return idleTimeout;
  }

  long cookieMaxAge() {
    return cookieMaxAge;
  }

  boolean cookieLifetimeChanged() {
    return cookieMaxAge != loadedCookieMaxAge;
  }

  /** A new cookie lifetime, and the idle timeout that goes with it. */
  void lifetime(long cookieMaxAge, long idleTimeout) {
    this.cookieMaxAge = cookieMaxAge;
    this.idleTimeout = idleTimeout;
    timingChanged = true;
  }

  SessionOwner owner() {
    return owner;
  }

  /** @return whether that is another owner than the session had */
  boolean owner(SessionOwner next) {
    if (next.equals(owner)) {
      return false;
    }
    owner = next;
    ownerChanged = true;
    return true;
  }

  boolean hasChanges() {
    return timingChanged || ownerChanged;
  }

  /** The owner a save must write, or null when it did not change. */
  SessionOwner assignedOwner() {
    return ownerChanged ? owner : null;
  }

  /** What changed is on its way to the store. */
  void saved() {
    timingChanged = false;
    ownerChanged = false;
  }

  /** A save that failed gave {@code assigned} to the session: a later save writes it again. */
  void unsaved(SessionOwner assigned) {
    ownerChanged |= assigned != null;
  }

  /** A write succeeded at {@code now}: the store's version, when it said one. */
  void written(Long storedVersion, long now) {
    if (storedVersion != null) {
      version = storedVersion;
    }
    lastAccessedAt = now;
  }

  /** What the store holds now replaces this request's view and its changes. */
  void reloaded(SessionRecord record) {
    owner = record.owner();
    ownerChanged = false;
    version = record.version();
    lastAccessedAt = record.lastAccessedAt();
    idleTimeout = record.idleTimeout();
    cookieMaxAge = record.cookieMaxAge();
    timingChanged = false;
  }
}
