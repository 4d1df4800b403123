package io.github.vertxsessions.impl;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionObserver.StoreOperation;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.CallerContext;
import io.github.vertxsessions.spi.support.Durations;
import io.github.vertxsessions.spi.support.JsonValues;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A session during one request: its identity, timing and life cycle. Its {@link Attributes} track what changed, and
 * its {@link WriteQueue} runs the store writes it decides on.
 *
 * <p>Writes are decided at once, on the request's event loop, and run one after another; {@link #persistedId()}
 * says synchronously which ID the store will hold once they are done, which is what the cookie must carry.
 */
public class SessionImpl implements Session {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  private static final int CREATION_ATTEMPTS = 3;
  /** What an automatic save that writes nothing returns, so the handler can tell it from a write that succeeded. */
  static final Future<Void> NOTHING_WRITTEN = Future.succeededFuture();

  private final SessionSettings settings;
  /** The request's context: where the outcome of every store call, bounded in time, is delivered. */
  private final Context context;
  private final WriteQueue writes;
  private final boolean isNew;
  /** Given to the routes when the store failed: never written. */
  private final boolean degraded;
  private final Attributes attributes;
  /** Null for a fresh session until something needs it: most anonymous requests never do. */
  private String id;
  /** The ID the store holds this session under, counting writes already queued; null if none. */
  private String persistedId;
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
  private boolean destroyed;
  /** False when no cookie can be sent in answer to this request: then no new ID may be stored. */
  private boolean reachable = true;
  /** Set once the response headers are written and the automatic save has started. */
  private boolean responded;
  /** Set once a cookie carrying {@link #persistedId()} is in the response: from then on that ID is the client's. */
  private boolean idSent;
  private boolean lateChangeLogged;

  private SessionImpl(SessionSettings settings, boolean isNew, boolean degraded, String id, Map<String, Object> data,
                      long version, long createdAt, long lastAccessedAt, long idleTimeout, long maxLifetime,
                      long cookieMaxAge, SessionOwner owner) {
    this.settings = settings;
    Context current = Vertx.currentContext();
    this.context = current != null ? current : settings.vertx().getOrCreateContext();
    this.writes = new WriteQueue(context, settings.writeTimeout(), settings.writes());
    this.isNew = isNew;
    this.degraded = degraded;
    this.id = id;
    this.persistedId = isNew ? null : id;
    this.attributes = new Attributes(data);
    this.version = version;
    this.createdAt = createdAt;
    this.lastAccessedAt = lastAccessedAt;
    this.idleTimeout = idleTimeout;
    this.maxLifetime = maxLifetime;
    this.cookieMaxAge = cookieMaxAge;
    this.loadedCookieMaxAge = cookieMaxAge;
    this.owner = owner;
  }

  static SessionImpl fresh(SessionSettings settings) {
    return fresh(settings, false);
  }

  /** A fresh session for a request whose session the store could not load: it is never written. */
  static SessionImpl degraded(SessionSettings settings) {
    return fresh(settings, true);
  }

  private static SessionImpl fresh(SessionSettings settings, boolean degraded) {
    long now = settings.clock().millis();
    return new SessionImpl(settings, true, degraded, null, Map.of(), SessionRecord.UNSTORED_VERSION, now, now,
      settings.idleTimeout(), settings.maxLifetime(), SessionRecord.DEFAULT_COOKIE_MAX_AGE, SessionOwner.NONE);
  }

  static SessionImpl loaded(SessionSettings settings, SessionRecord record) {
    return new SessionImpl(settings, false, false, record.id(), record.data(), record.version(),
      record.createdAt(), record.lastAccessedAt(), record.idleTimeout(), record.maxLifetime(), record.cookieMaxAge(),
      record.owner());
  }

  @Override
  public String id() {
    if (id == null) {
      id = settings.newId();
    }
    return id;
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
    return Instant.ofEpochMilli(asRecord().expiresAt());
  }

  @Override
  public Session setMaxAge(Duration maxAge) {
    requireNotDestroyed();
    noteLateChange("(max age)");
    cookieMaxAge = maxAge == null ? SessionRecord.DEFAULT_COOKIE_MAX_AGE : Durations.requirePositive("maxAge", maxAge).toMillis();
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
    return degraded;
  }

  /** Whether {@link #setMaxAge} gave the session another cookie lifetime than its cookie has now. */
  public boolean cookieLifetimeChanged() {
    return cookieMaxAge != loadedCookieMaxAge;
  }

  /** Marks that no cookie can be set in answer to this request, so a new session ID could never reach the client. */
  void cannotReachClient() {
    reachable = false;
  }

  /** Records that the response carries {@link #persistedId()} to the client, so that ID can no longer change. */
  void idSent() {
    idSent = true;
  }

  /** Whether the response headers are written: the end of a request runs once. */
  boolean hasResponded() {
    return responded;
  }

  /** Marks that the response headers are written, so that later changes are reported as lost. */
  void markResponded() {
    responded = true;
  }

  /** How long this session lives without access, in milliseconds. */
  public long idleTimeoutMillis() {
    return idleTimeout;
  }

  /** The cookie Max-Age this session asked for, in milliseconds, or -1 for the handler's default. */
  public long cookieMaxAge() {
    return cookieMaxAge;
  }

  /** Switches to a new ID now; the store follows at the next save. */
  public void regenerateId() {
    requireNotDestroyed();
    id = settings.newId();
  }

  @Override
  public Future<Void> regenerate() {
    regenerateId();
    return save();
  }

  @Override
  public Future<Void> destroy() {
    if (degraded) {
      return storeUnavailable();
    }
    destroyed = true;
    attributes.clear();
    String stored = persistedId;
    persistedId = null;
    return stored == null ? Future.succeededFuture() : writes.enqueue(stored, () -> deleted(stored, true)
      .onSuccess(v -> settings.monitor().publish(SessionEvent.Type.DESTROYED, stored, owner.principal(),
        settings.store())));
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public Future<Void> reload() {
    if (degraded) {
      return storeUnavailable();
    }
    if (persistedId == null || !persistedId.equals(id())) {
      return Future.failedFuture(new IllegalStateException("Only a stored session can be reloaded; save it first"));
    }
    String stored = persistedId;
    return writes.last().transform(ar -> bounded(settings.observed(StoreOperation.LOAD,
        () -> settings.store().load(stored, settings.touchInterval()))))
      .compose(record -> record == null ? Future.failedFuture(new SessionGoneException(stored)) : reloaded(record));
  }

  private Future<Void> reloaded(SessionRecord record) {
    attributes.reset(record.data());
    owner = record.owner();
    ownerChanged = false;
    version = record.version();
    lastAccessedAt = record.lastAccessedAt();
    idleTimeout = record.idleTimeout();
    cookieMaxAge = record.cookieMaxAge();
    timingChanged = false;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> save() {
    return write(true);
  }

  @Override
  public Future<Void> touch() {
    if (degraded) {
      return storeUnavailable();
    }
    String stored = persistedId;
    return stored == null ? Future.succeededFuture()
      : writes.enqueue(stored, () -> settings.observed(StoreOperation.TOUCH, () -> settings.store().touch(stored)));
  }

  /** The ID the store holds this session under once the writes asked for so far are done; null if none. */
  public String persistedId() {
    return persistedId;
  }

  /** The ID this session had in the store before {@link #regenerateId()}, until the next save; else null. */
  public String replacedId() {
    return persistedId != null && !persistedId.equals(id()) ? persistedId : null;
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
    if (degraded) {
      return explicit ? storeUnavailable() : NOTHING_WRITTEN;
    }
    if (destroyed) {
      return explicit ? Future.failedFuture(new IllegalStateException("The session was destroyed")) : NOTHING_WRITTEN;
    }
    if (!reachable && (persistedId == null || !persistedId.equals(id()))) {
      return unreachable(explicit);
    }
    if (persistedId == null) {
      boolean initialized = attributes.hasChanges() || timingChanged || ownerChanged;
      return explicit || initialized || settings.saveUninitialized() ? create(null, explicit)
        : nothingToWrite(explicit);
    }
    if (!persistedId.equals(id())) {
      return create(persistedId, explicit);
    }
    Future<Void> update = update(explicit);
    return update != null ? update : nothingToWrite(explicit);
  }

  /** An explicit save still waits for the writes before it; an automatic one has nothing to report. */
  private Future<Void> nothingToWrite(boolean explicit) {
    return explicit ? writes.last() : NOTHING_WRITTEN;
  }

  /**
   * Stores the whole session under its ID, then deletes {@code replaced}, the ID it had before, if any; both
   * {@code explicit} when the application asked for the save (see {@link SessionDelta#explicit()}).
   */
  private Future<Void> create(String replaced, boolean explicit) {
    Map<String, Object> snapshot = attributes.snapshot();
    SessionOwner storedOwner = owner;
    saved();
    persistedId = id();
    return writes.enqueue(persistedId, () -> beforeAssigning(storedOwner, replaced)
      .compose(v -> createWithFreshIdOnCollision(snapshot, storedOwner, explicit, CREATION_ATTEMPTS))
      .onFailure(err -> {
        if (persistedId != null && persistedId.equals(id)) {
          persistedId = replaced; // as far as this session knows, the store holds what it held before
          attributes.unsaved(snapshot.keySet());
          ownerChanged = true;
          if (!idSent) {
            // The store may hold the write all the same (an answer lost, replicas that did not confirm): the next
            // creation takes a fresh ID, so that it never meets its own write as another session's
            id = null;
          }
        }
      })
      .compose(written -> (replaced == null ? Future.<Void>succeededFuture() : deleted(replaced, explicit))
        .map(written))
      .onSuccess(written -> created(written, replaced, storedOwner))
      .compose(written -> afterAssigning(storedOwner, replaced)));
  }

  private Future<Void> deleted(String stored, boolean explicit) {
    return settings.observed(StoreOperation.DELETE, () -> settings.store().delete(stored, explicit));
  }

  private void created(String written, String replaced, SessionOwner storedOwner) {
    SessionMonitor monitor = settings.monitor();
    if (!monitor.isActive()) {
      return;
    }
    String type = settings.store().type();
    monitor.publish(replaced == null
      ? SessionEvent.of(SessionEvent.Type.CREATED, written, storedOwner.principal(), type, settings.clock().instant())
      : SessionEvent.regenerated(written, replaced, storedOwner.principal(), type, settings.clock().instant()));
  }

  /** @return the ID the session was stored under */
  private Future<String> createWithFreshIdOnCollision(Map<String, Object> snapshot, SessionOwner storedOwner,
                                                   boolean explicit, int attemptsLeft) {
    long now = settings.clock().millis();
    SessionRecord record = new SessionRecord(id, snapshot, SessionRecord.UNSTORED_VERSION, createdAt, now, idleTimeout,
      maxLifetime, cookieMaxAge, storedOwner);
    SessionDelta creation = explicit ? SessionDelta.creationOf(record).asExplicit() : SessionDelta.creationOf(record);
    return settings.observed(StoreOperation.SAVE, () -> settings.store().save(creation))
      .transform(ar -> {
        if (ar.succeeded()) {
          version = ar.result();
          lastAccessedAt = now;
          return Future.succeededFuture(record.id());
        }
        if (ar.cause() instanceof DuplicateSessionIdException && idSent) {
          return revokeSentDuplicate(record.id(), ar.cause());
        }
        if (ar.cause() instanceof DuplicateSessionIdException && attemptsLeft > 1) {
          id = settings.newId();
          persistedId = id;
          return createWithFreshIdOnCollision(snapshot, storedOwner, explicit, attemptsLeft - 1);
        }
        return Future.failedFuture(ar.cause());
      });
  }

  /**
   * The generator repeated a live session's ID and the store said so only after the cookie went out with it: this
   * client now holds that session's ID, so the session is revoked rather than left for it to use.
   */
  private Future<String> revokeSentDuplicate(String sent, Throwable collision) {
    LOG.error("Session {}: the idGenerator repeated the ID of a live session, which the store reported after the "
      + "cookie carrying it was sent; that session is revoked so that no other client can use it. A generator that "
      + "repeats IDs is broken: use the default one", SessionRecord.redact(sent));
    return deleted(sent, true).transform(ar -> Future.failedFuture(collision));
  }

  /** Saves what changed, {@code explicit} when the application asked for it, or returns null when nothing did. */
  private Future<Void> update(boolean explicit) {
    Attributes.Pending pending = attributes.pending(settings.resave());
    if (pending.isEmpty() && !timingChanged && !ownerChanged && !settings.resave()) {
      return null;
    }
    SessionDelta changes = SessionDelta.changesTo(asRecord(), pending.set(), pending.unset());
    SessionOwner assigned = ownerChanged ? owner : null;
    SessionDelta owned = assigned == null ? changes : changes.withOwner(assigned);
    SessionDelta delta = explicit ? owned.asExplicit() : owned;
    saved();
    long now = settings.clock().millis();
    return writes.enqueue(delta.id(), () -> beforeAssigning(assigned, null)
      .compose(v -> settings.observed(StoreOperation.SAVE, () -> settings.store().save(delta)))
      .transform(ar -> {
        if (ar.succeeded()) {
          version = ar.result();
          lastAccessedAt = now;
          return Future.succeededFuture();
        }
        if (ar.cause() instanceof SessionGoneException) {
          settings.monitor().onLateSaveRefused(settings.store().type());
        } else {
          attributes.unsaved(pending.names()); // kept for a later save to try again
          ownerChanged |= assigned != null;
        }
        return Future.failedFuture(ar.cause());
      })
      .compose(v -> afterAssigning(assigned, null)));
  }

  private void saved() {
    attributes.saved();
    timingChanged = false;
    ownerChanged = false;
  }

  /** The limit per user, when this write gives the session to one; {@code replaced} is this session's old ID. */
  private Future<Void> beforeAssigning(SessionOwner assigned, String replaced) {
    return assigned == null || !assigned.hasPrincipal() ? Future.succeededFuture()
      : settings.limit().beforeAssigning(assigned.principal(), ownIds(replaced));
  }

  /** Revoking a user's extra sessions is the limit's work, not this save's: its failure is logged, not returned. */
  private Future<Void> afterAssigning(SessionOwner assigned, String replaced) {
    if (assigned == null || !assigned.hasPrincipal()) {
      return Future.succeededFuture();
    }
    return settings.limit().afterAssigning(assigned.principal(), ownIds(replaced)).recover(err -> {
      LOG.warn("Revoking the extra sessions of a user failed: {}", err.toString());
      return Future.succeededFuture();
    });
  }

  private Set<String> ownIds(String replaced) {
    Set<String> own = new HashSet<>();
    own.add(id);
    if (replaced != null) {
      own.add(replaced);
    }
    return own;
  }

  private SessionRecord asRecord() {
    return new SessionRecord(id, Map.of(), version, createdAt, lastAccessedAt, idleTimeout, maxLifetime, cookieMaxAge,
      owner);
  }

  /** Loads are bounded like the handler's own load. */
  private <T> Future<T> bounded(Future<T> load) {
    return CallerContext.within(context, load, settings.loadTimeout(), "the store");
  }

  /** A change the automatic save, already started, will not see: said once, since only save() can keep it. */
  private void noteLateChange(String name) {
    if (responded && !lateChangeLogged && !degraded) {
      lateChangeLogged = true;
      LOG.warn("Session {}: '{}' changed after the response headers were sent, so it is not saved automatically; "
        + "call save() in routes that change the session while streaming", SessionRecord.redact(id), name);
    }
  }

  private static Future<Void> storeUnavailable() {
    return Future.failedFuture(new IllegalStateException(
      "The session store was unavailable for this request: this session is degraded and is never written"));
  }

  /** A new ID in the store that no cookie can carry would be a session nobody can reach: it is never stored. */
  private static Future<Void> unreachable(boolean explicit) {
    String why = "cookieSecure is ALWAYS and this request is not HTTPS: no cookie can carry a new session ID, so none "
      + "is stored";
    LOG.debug(why);
    return explicit ? Future.failedFuture(new IllegalStateException(why)) : NOTHING_WRITTEN;
  }

  private void requireNotDestroyed() {
    if (destroyed) {
      throw new IllegalStateException("The session was destroyed; a new one starts with the next request");
    }
  }
}
