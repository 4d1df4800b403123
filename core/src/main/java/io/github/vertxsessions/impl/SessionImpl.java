package io.github.vertxsessions.impl;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.Durations;
import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A session during one request: its attributes ({@link Attributes}, which track what changed), its timing and owner,
 * and the decision of what to write. Its {@link SessionWriter} owns its state, its IDs and the writes themselves.
 */
public class SessionImpl implements Session {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  /** What an automatic save that writes nothing returns, so the handler can tell it from a write that succeeded. */
  static final Future<Void> NOTHING_WRITTEN = Future.succeededFuture();

  private final SessionSettings settings;
  private final SessionWriter writer;
  private final boolean isNew;
  private final Attributes attributes;
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
  private boolean lateChangeLogged;

  private SessionImpl(SessionSettings settings, SessionState state, SessionRecord record) {
    this.settings = settings;
    this.writer = new SessionWriter(settings, state, state == SessionState.STORED ? record.id() : null);
    this.isNew = state != SessionState.STORED;
    this.attributes = new Attributes(record.data());
    this.version = record.version();
    this.createdAt = record.createdAt();
    this.lastAccessedAt = record.lastAccessedAt();
    this.idleTimeout = record.idleTimeout();
    this.maxLifetime = record.maxLifetime();
    this.cookieMaxAge = record.cookieMaxAge();
    this.loadedCookieMaxAge = cookieMaxAge;
    this.owner = record.owner();
  }

  static SessionImpl fresh(SessionSettings settings) {
    return new SessionImpl(settings, SessionState.NEW, unstored(settings));
  }

  /** A fresh session for a request whose session the store could not load: it is never written. */
  static SessionImpl degraded(SessionSettings settings) {
    return new SessionImpl(settings, SessionState.DEGRADED, unstored(settings));
  }

  static SessionImpl loaded(SessionSettings settings, SessionRecord record) {
    return new SessionImpl(settings, SessionState.STORED, record);
  }

  private static SessionRecord unstored(SessionSettings settings) {
    return SessionRecord.newSession(null, Map.of(), settings.clock().millis(), settings.idleTimeout(),
      settings.maxLifetime(), SessionRecord.DEFAULT_COOKIE_MAX_AGE);
  }

  @Override
  public String id() {
    return writer.id();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(String name) {
    return (T) attributes.get(name);
  }

  @Override
  public Session put(String name, Object value) {
    requireNotDestroyed();
    Object json = JsonValues.requireJsonValue(name, value);
    noteLateChange(name);
    attributes.put(name, json);
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T remove(String name) {
    if (attributes.contains(name)) {
      noteLateChange(name);
    }
    return (T) attributes.remove(name);
  }

  @Override
  public Map<String, Object> data() {
    return attributes.view();
  }

  @Override
  public boolean isEmpty() {
    return attributes.isEmpty();
  }

  @Override
  public boolean isNew() {
    return isNew;
  }

  @Override
  public Instant createdAt() {
    return Instant.ofEpochMilli(createdAt);
  }

  @Override
  public Instant lastAccessedAt() {
    return Instant.ofEpochMilli(lastAccessedAt);
  }

  @Override
  public Instant expiresAt() {
    return Instant.ofEpochMilli(timing(writer.storedId()).expiresAt());
  }

  @Override
  public Session setMaxAge(Duration maxAge) {
    requireNotDestroyed();
    noteLateChange("(max age)");
    cookieMaxAge = maxAge == null ? SessionRecord.DEFAULT_COOKIE_MAX_AGE
      : Durations.requirePositive("maxAge", maxAge).toMillis();
    idleTimeout = maxAge == null ? settings.idleTimeout() : cookieMaxAge;
    timingChanged = true;
    return this;
  }

  @Override
  public String principal() {
    return owner.principal();
  }

  @Override
  public Session setPrincipal(String principal) {
    return ownedBy(owner.withPrincipal(principal), "(principal)");
  }

  @Override
  public String description() {
    return owner.description();
  }

  @Override
  public Session setDescription(String description) {
    return ownedBy(owner.withDescription(description), "(description)");
  }

  private Session ownedBy(SessionOwner next, String what) {
    requireNotDestroyed();
    if (!next.equals(owner)) {
      noteLateChange(what);
      owner = next;
      ownerChanged = true;
    }
    return this;
  }

  @Override
  public boolean isDegraded() {
    return writer.state() == SessionState.DEGRADED;
  }

  @Override
  public boolean isDestroyed() {
    return writer.state() == SessionState.DESTROYED;
  }

  /** Whether {@link #setMaxAge} gave the session another cookie lifetime than its cookie has now. */
  public boolean cookieLifetimeChanged() {
    return cookieMaxAge != loadedCookieMaxAge;
  }

  /** How long this session lives without access, in milliseconds. */
  public long idleTimeoutMillis() {
    return idleTimeout;
  }

  /** The cookie Max-Age this session asked for, in milliseconds, or -1 for the handler's default. */
  public long cookieMaxAge() {
    return cookieMaxAge;
  }

  /** The ID the store holds this session under once the writes asked for so far are done; null if none. */
  public String storedId() {
    return writer.storedId();
  }

  /** The ID this session had in the store before {@link #regenerateId()}, until the next save; else null. */
  public String replacedId() {
    return writer.idBeingReplaced();
  }

  SessionWriter writer() {
    return writer;
  }

  /** Switches to a new ID now; the store follows, in one atomic step, at the next save. */
  public void regenerateId() {
    requireNotDestroyed();
    writer.newId();
  }

  @Override
  public Future<Void> regenerate() {
    if (isDegraded()) {
      return refused(true);
    }
    regenerateId();
    return save();
  }

  @Override
  public Future<Void> destroy() {
    if (isDegraded()) {
      return refused(true);
    }
    if (isDestroyed()) {
      return Future.succeededFuture();
    }
    attributes.clear();
    return writer.destroy(owner.principal());
  }

  @Override
  public Future<Void> reload() {
    if (!writer.state().isWritable()) {
      return refused(true);
    }
    if (writer.writesNewId()) {
      return Future.failedFuture(new IllegalStateException("Only a stored session can be reloaded; save it first"));
    }
    return writer.reload().map(record -> {
      attributes.reset(record.data());
      owner = record.owner();
      ownerChanged = false;
      version = record.version();
      lastAccessedAt = record.lastAccessedAt();
      idleTimeout = record.idleTimeout();
      cookieMaxAge = record.cookieMaxAge();
      timingChanged = false;
      return null;
    });
  }

  @Override
  public Future<Void> save() {
    return write(true);
  }

  @Override
  public Future<Void> touch() {
    if (!writer.state().isWritable()) {
      return isDegraded() ? refused(true) : Future.succeededFuture();
    }
    return writer.state() == SessionState.NEW ? Future.succeededFuture() : writer.touch();
  }

  /**
   * The save a finished response calls for: one only if something changed, or the options ask for it; else
   * {@link #NOTHING_WRITTEN}.
   */
  Future<Void> saveAutomatically() {
    return write(false);
  }

  private Future<Void> write(boolean explicit) {
    try {
      return writeNow(explicit);
    } catch (IllegalArgumentException e) { // a container edited in place to hold what JSON cannot
      return Future.failedFuture(e);
    }
  }

  private Future<Void> writeNow(boolean explicit) {
    if (!writer.state().isWritable()) {
      return refused(explicit);
    }
    if (writer.writesNewId() && !writer.canSendNewId()) {
      return unreachable(explicit);
    }
    if (writer.state() == SessionState.NEW) {
      boolean initialized = attributes.hasChanges() || timingChanged || ownerChanged;
      return explicit || initialized || settings.saveUninitialized() ? create(explicit) : nothingToWrite(explicit);
    }
    Attributes.Pending pending = attributes.pending(settings.resave());
    boolean changed = !pending.isEmpty() || timingChanged || ownerChanged || settings.resave();
    SessionOwner assigned = ownerChanged ? owner : null;
    Function<String, SessionDelta> change = changed ? at -> changeAt(at, pending, assigned, explicit) : null;
    saved();
    long now = settings.clock().millis();
    if (writer.writesNewId()) {
      String to = writer.id();
      // a failed move keeps the old ID: what this request changed before it was meant for the new one, and is
      // never saved under the old (a log-in's principal under an ID a client may have been handed beforehand)
      return writer.changeId(change, assigned).transform(ar -> applied(ar.succeeded() ? ar.result() : null, now,
        ar.failed() && writer.isConfirmedAt(to) ? pending : null, assigned, ar.cause()));
    }
    if (change == null) {
      return nothingToWrite(explicit);
    }
    return writer.save(change, assigned).transform(ar -> applied(ar.succeeded() ? ar.result() : null, now,
      ar.failed() && writer.state() == SessionState.STORED ? pending : null, assigned, ar.cause()));
  }

  private SessionDelta changeAt(String at, Attributes.Pending pending, SessionOwner assigned, boolean explicit) {
    SessionDelta changes = SessionDelta.changesTo(timing(at), pending.set(), pending.unset());
    SessionDelta owned = assigned == null ? changes : changes.withOwner(assigned);
    return explicit ? owned.asExplicit() : owned;
  }

  private Future<Void> create(boolean explicit) {
    Map<String, Object> snapshot = attributes.snapshot();
    SessionOwner stored = owner;
    saved();
    long now = settings.clock().millis();
    return writer.create(at -> {
      SessionDelta creation = SessionDelta.creationOf(new SessionRecord(at, snapshot, SessionRecord.UNSTORED_VERSION,
        createdAt, now, idleTimeout, maxLifetime, cookieMaxAge, stored));
      return explicit ? creation.asExplicit() : creation;
    }, stored).transform(ar -> applied(ar.succeeded() ? ar.result() : null, now,
      ar.failed() ? new Attributes.Pending(snapshot, Set.of()) : null, stored, ar.cause()));
  }

  /**
   * Records a write's outcome: its version on success; else what it should have saved, when a later save is to try
   * again ({@code retry}), goes back to the unsaved changes.
   */
  private Future<Void> applied(Long written, long now, Attributes.Pending retry, SessionOwner assigned,
                               Throwable failure) {
    if (failure == null) {
      if (written != null) {
        version = written;
      }
      lastAccessedAt = now;
      return Future.succeededFuture();
    }
    if (retry != null) {
      attributes.unsaved(retry.names());
      ownerChanged |= assigned != null;
    }
    return Future.failedFuture(failure);
  }

  /** An explicit save still waits for the writes before it; an automatic one has nothing to report. */
  private Future<Void> nothingToWrite(boolean explicit) {
    return explicit ? writer.last() : NOTHING_WRITTEN;
  }

  private void saved() {
    attributes.saved();
    timingChanged = false;
    ownerChanged = false;
  }

  private SessionRecord timing(String at) {
    return new SessionRecord(at, Map.of(), version, createdAt, lastAccessedAt, idleTimeout, maxLifetime, cookieMaxAge,
      owner);
  }

  /** A change the automatic save, already started, will not see: said once, since only save() can keep it. */
  private void noteLateChange(String name) {
    if (writer.hasResponded() && !lateChangeLogged && !isDegraded()) {
      lateChangeLogged = true;
      LOG.warn("Session {}: '{}' changed after the response headers were sent, so it is not saved automatically; "
        + "call save() in routes that change the session while streaming", SessionRecord.redact(id()), name);
    }
  }

  /** What a write of a DEGRADED or DESTROYED session answers: explicit ones fail, automatic ones write nothing. */
  private Future<Void> refused(boolean explicit) {
    if (!explicit) {
      return NOTHING_WRITTEN;
    }
    return Future.failedFuture(new IllegalStateException(isDegraded()
      ? "The session store was unavailable for this request: this session is degraded and is never written"
      : "The session was destroyed or revoked; a new one starts with the next request"));
  }

  /** A new ID in the store that no cookie can carry would be a session nobody can reach: it is never stored. */
  private Future<Void> unreachable(boolean explicit) {
    String why = "No cookie can carry a new session ID in answer to this request (cookieSecure is ALWAYS over plain "
      + "HTTP, or the response is already sent), so none is stored";
    LOG.debug(why);
    return explicit ? Future.failedFuture(new IllegalStateException(why)) : NOTHING_WRITTEN;
  }

  private void requireNotDestroyed() {
    if (isDestroyed()) {
      throw new IllegalStateException("The session was destroyed; a new one starts with the next request");
    }
  }
}
