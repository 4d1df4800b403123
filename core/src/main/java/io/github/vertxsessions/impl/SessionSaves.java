package io.github.vertxsessions.impl;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a save of a session writes, decided from its state and what changed: a creation, an ID change (with the
 * changes after it), a change, or nothing; and what its outcome does to the session's changes. The
 * {@link SessionWriter} runs the writes.
 */
final class SessionSaves {

  private static final Logger LOG = LoggerFactory.getLogger(io.github.vertxsessions.Session.class);

  private final HandlerRuntime runtime;
  private final SessionWriter writer;
  private final Attributes attributes;
  private final SessionMeta meta;

  SessionSaves(HandlerRuntime runtime, SessionWriter writer, Attributes attributes, SessionMeta meta) {
    this.runtime = runtime;
    this.writer = writer;
    this.attributes = attributes;
    this.meta = meta;
  }

  /**
   * Saves what changed; {@code explicit} when the application asked for it, which then fails where an automatic save
   * quietly writes nothing.
   */
  Future<Void> save(boolean explicit) {
    try {
      return decide(explicit);
    } catch (IllegalArgumentException e) { // a container edited in place to hold what JSON cannot
      return Future.failedFuture(e);
    }
  }

  private Future<Void> decide(boolean explicit) {
    if (!writer.state().isWritable()) {
      return refused(explicit);
    }
    if (writer.writesNewId() && !writer.canSendNewId()) {
      return unreachable(explicit);
    }
    if (writer.state() == SessionState.NEW) {
      boolean initialized = attributes.hasChanges() || meta.hasChanges();
      return explicit || initialized || runtime.saveUninitialized() ? create(explicit) : nothingToWrite(explicit);
    }
    Attributes.Pending pending = attributes.pending(runtime.resave());
    boolean changed = !pending.isEmpty() || meta.hasChanges() || runtime.resave();
    SessionOwner assigned = meta.assignedOwner();
    SessionRecord timing = changed ? meta.asRecord(null) : null;
    Function<String, SessionDelta> change = changed ? at -> changeAt(timing.withId(at), pending, assigned,
      explicit) : null;
    saved();
    long now = runtime.clock().millis();
    if (writer.writesNewId()) {
      String to = writer.id();
      // a failed move keeps the old ID: what this request changed before it was meant for the new one, and is never
      // saved under the old (a log-in's principal under an ID a client may have been handed beforehand)
      return writer.changeId(change, assigned).transform(ar -> outcome(ar.succeeded() ? ar.result() : null, now,
        ar.failed() && writer.isConfirmedAt(to) ? pending : null, assigned, ar.cause()));
    }
    if (change == null) {
      return nothingToWrite(explicit);
    }
    return writer.save(change, assigned).transform(ar -> outcome(ar.succeeded() ? ar.result() : null, now,
      ar.failed() && writer.state() == SessionState.STORED ? pending : null, assigned, ar.cause()));
  }

  private static SessionDelta changeAt(SessionRecord timing, Attributes.Pending pending, SessionOwner assigned,
                                      boolean explicit) {
    SessionDelta changes = SessionDelta.changesTo(timing, pending.set(), pending.unset());
    SessionDelta owned = assigned == null ? changes : changes.withOwner(assigned);
    return explicit ? owned.asExplicit() : owned;
  }

  private Future<Void> create(boolean explicit) {
    Map<String, Object> snapshot = attributes.snapshot();
    SessionOwner owner = meta.owner();
    long now = runtime.clock().millis();
    SessionRecord record = meta.creation(snapshot, now);
    Function<String, SessionDelta> creation = at -> {
      SessionDelta delta = SessionDelta.creationOf(record.withId(at));
      return explicit ? delta.asExplicit() : delta;
    };
    saved();
    return writer.create(creation, owner).transform(ar -> outcome(ar.succeeded() ? ar.result() : null, now,
      ar.failed() ? new Attributes.Pending(snapshot, Set.of()) : null, owner, ar.cause()));
  }

  /**
   * Records a write's outcome: its version on success; else what it should have saved, when a later save is to try
   * again ({@code retry}), goes back to the unsaved changes.
   */
  private Future<Void> outcome(Long written, long now, Attributes.Pending retry, SessionOwner assigned,
                               Throwable failure) {
    if (failure == null) {
      meta.written(written, now);
      return Future.succeededFuture();
    }
    if (retry != null) {
      attributes.unsaved(retry.names());
      meta.unsaved(assigned);
    }
    return Future.failedFuture(failure);
  }

  /** An explicit save still waits for the writes before it; an automatic one has nothing to report. */
  private Future<Void> nothingToWrite(boolean explicit) {
    return explicit ? writer.last() : SessionImpl.NOTHING_WRITTEN;
  }

  private void saved() {
    attributes.saved();
    meta.saved();
  }

  /** What a write of a DEGRADED or DESTROYED session answers: explicit ones fail, automatic ones write nothing. */
  Future<Void> refused(boolean explicit) {
    if (!explicit) {
      return SessionImpl.NOTHING_WRITTEN;
    }
    return Future.failedFuture(new IllegalStateException(writer.state() == SessionState.DEGRADED
      ? "The session store was unavailable for this request: this session is degraded and is never written"
      : "The session was destroyed or revoked; a new one starts with the next request"));
  }

  /** A new ID in the store that no cookie can carry would be a session nobody can reach: it is never stored. */
  static Future<Void> unreachable(boolean explicit) {
    String why = "No cookie can carry a new session ID in answer to this request (cookieSecure is ALWAYS over plain "
      + "HTTP, or the response is already sent), so none is stored";
    LOG.debug(why);
    return explicit ? Future.failedFuture(new IllegalStateException(why)) : SessionImpl.NOTHING_WRITTEN;
  }
}
