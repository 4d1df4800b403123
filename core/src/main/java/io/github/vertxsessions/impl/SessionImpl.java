package io.github.vertxsessions.impl;

import io.github.vertxsessions.Durations;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A session during one request, as the routes see it: its attributes ({@link Attributes}, which track what changed),
 * its timing and owner ({@link SessionMeta}). {@link SessionSaves} decides what a save writes, and the
 * {@link SessionWriter} owns the session's state, its IDs and the writes themselves.
 */
public class SessionImpl implements Session {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  /** What an automatic save that writes nothing returns, so the handler can tell it from a write that succeeded. */
  static final Future<Void> NOTHING_WRITTEN = Future.succeededFuture();

  private final HandlerRuntime runtime;
  private final SessionWriter writer;
  private final boolean isNew;
  private final Attributes attributes;
  private final SessionMeta meta;
  private final SessionSaves saves;
  private boolean lateChangeLogged;

  private SessionImpl(HandlerRuntime runtime, SessionState state, SessionRecord record) {
    this.runtime = runtime;
    this.writer = new SessionWriter(runtime, state, state == SessionState.STORED ? record.id() : null);
    this.isNew = state != SessionState.STORED;
    this.attributes = new Attributes(record.data());
    this.meta = new SessionMeta(record);
    this.saves = new SessionSaves(runtime, writer, attributes, meta);
  }

  static SessionImpl fresh(HandlerRuntime runtime) {
    return new SessionImpl(runtime, SessionState.NEW, unstored(runtime));
  }

  /** A fresh session for a request whose session the store could not load: it is never written. */
  static SessionImpl degraded(HandlerRuntime runtime) {
    return new SessionImpl(runtime, SessionState.DEGRADED, unstored(runtime));
  }

  static SessionImpl loaded(HandlerRuntime runtime, SessionRecord record) {
    return new SessionImpl(runtime, SessionState.STORED, record);
  }

  private static SessionRecord unstored(HandlerRuntime runtime) {
    return SessionRecord.builder(null).createdAt(runtime.clock().millis()).idleTimeout(runtime.idleTimeout())
      .maxLifetime(runtime.maxLifetime()).build();
  }

  @Override
  public String id() {
    return writer.id();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(String name) {
    return FlashNames.isFlash(name) ? null : (T) attributes.get(name);
  }

  @Override
  public Session put(String name, Object value) {
    return set(FlashNames.requireAttributeName(name), value);
  }

  @Override
  public <T> T remove(String name) {
    return FlashNames.isFlash(name) ? null : removeAttribute(name);
  }

  @Override
  public Session flash(String name, Object value) {
    return set(FlashNames.attributeOf(name), value);
  }

  @Override
  public <T> T takeFlash(String name) {
    return removeAttribute(FlashNames.attributeOf(name));
  }

  /** Sets {@code attribute}, an application's or a flash value's; the messages name it as it is stored. */
  private Session set(String attribute, Object value) {
    requireNotDestroyed();
    Object json = JsonValues.requireJsonValue(attribute, value);
    noteLateChange(attribute);
    attributes.put(attribute, json);
    return this;
  }

  @SuppressWarnings("unchecked")
  private <T> T removeAttribute(String attribute) {
    if (attributes.contains(attribute)) {
      noteLateChange(attribute);
    }
    return (T) attributes.remove(attribute);
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
    return Instant.ofEpochMilli(meta.createdAt());
  }

  @Override
  public Instant lastAccessedAt() {
    return Instant.ofEpochMilli(meta.lastAccessedAt());
  }

  @Override
  public Instant expiresAt() {
    return Instant.ofEpochMilli(meta.asRecord(writer.storedId()).expiresAt());
  }

  @Override
  public Session setMaxAge(Duration maxAge) {
    requireNotDestroyed();
    noteLateChange("(max age)");
    if (maxAge == null) {
      meta.lifetime(SessionRecord.DEFAULT_COOKIE_MAX_AGE, runtime.idleTimeout());
    } else {
      long millis = Durations.requirePositive("maxAge", maxAge).toMillis();
      meta.lifetime(millis, millis);
    }
    return this;
  }

  @Override
  public String principal() {
    return meta.owner().principal();
  }

  @Override
  public Session setPrincipal(String principal) {
    return ownedBy(meta.owner().withPrincipal(principal), "(principal)");
  }

  @Override
  public String description() {
    return meta.owner().description();
  }

  @Override
  public Session setDescription(String description) {
    return ownedBy(meta.owner().withDescription(description), "(description)");
  }

  private Session ownedBy(SessionOwner next, String what) {
    requireNotDestroyed();
    if (!next.equals(meta.owner())) {
      noteLateChange(what);
      meta.owner(next);
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
    return meta.cookieLifetimeChanged();
  }

  /** How long this session lives without access, in milliseconds. */
  public long idleTimeoutMillis() {
    return meta.idleTimeout();
  }

  /** The cookie Max-Age this session asked for, in milliseconds, or -1 for the handler's default. */
  public long cookieMaxAge() {
    return meta.cookieMaxAge();
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
      return saves.refused(true);
    }
    requireNotDestroyed();
    if (!writer.canSendNewId()) {
      return SessionSaves.unreachable(true);
    }
    regenerateId();
    return save();
  }

  @Override
  public Future<Void> destroy() {
    if (isDegraded()) {
      return saves.refused(true);
    }
    if (isDestroyed()) {
      return Future.succeededFuture();
    }
    attributes.clear();
    return writer.destroy(meta.owner().principal());
  }

  @Override
  public Future<Void> reload() {
    if (!writer.state().isWritable()) {
      return saves.refused(true);
    }
    if (writer.writesNewId()) {
      return Future.failedFuture(new IllegalStateException("Only a stored session can be reloaded; save it first"));
    }
    return writer.reload().map(record -> {
      attributes.reset(record.data());
      meta.reloaded(record);
      return null;
    });
  }

  @Override
  public Future<Void> save() {
    return saves.save(true);
  }

  @Override
  public Future<Void> touch() {
    if (!writer.state().isWritable()) {
      return saves.refused(isDegraded());
    }
    return writer.state() == SessionState.NEW ? Future.succeededFuture() : writer.touch();
  }

  /**
   * The save a finished response calls for: one only if something changed, or the options ask for it; else
   * {@link #NOTHING_WRITTEN}.
   */
  Future<Void> saveAutomatically() {
    return saves.save(false);
  }

  /** A change the automatic save, already started, will not see: said once, since only save() can keep it. */
  private void noteLateChange(String name) {
    if (writer.hasResponded() && !lateChangeLogged && !isDegraded()) {
      lateChangeLogged = true;
      LOG.warn("Session {}: '{}' changed after the response headers were sent, so it is not saved automatically; "
        + "call save() in routes that change the session while streaming", SessionRecord.redact(id()), name);
    }
  }

  private void requireNotDestroyed() {
    if (isDestroyed()) {
      throw new IllegalStateException("The session was destroyed; a new one starts with the next request");
    }
  }
}
