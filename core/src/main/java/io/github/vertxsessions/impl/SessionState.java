package io.github.vertxsessions.impl;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a session of one request stands with its store. {@link SessionWriter} owns it and moves it only through
 * {@link #to}, which refuses every move this table does not list:
 *
 * <table>
 *   <caption>The moves of a session's state</caption>
 *   <tr><th>from</th><th>to</th><th>when</th></tr>
 *   <tr><td>{@link #NEW}</td><td>{@link #STORED}</td><td>a creation is queued ({@code save()}, the automatic
 *   save, {@code regenerate()})</td></tr>
 *   <tr><td>{@link #NEW}</td><td>{@link #DESTROYED}</td><td>{@code destroy()}: nothing to delete</td></tr>
 *   <tr><td>{@link #STORED}</td><td>{@link #NEW}</td><td>the queued creation failed: the store holds nothing, and
 *   a later save creates it again</td></tr>
 *   <tr><td>{@link #STORED}</td><td>{@link #DESTROYED}</td><td>{@code destroy()}; or the store answered that the
 *   session is gone (deleted by another request, revoked, expired), so it is never written back</td></tr>
 * </table>
 *
 * <p>{@link #DEGRADED} and {@link #DESTROYED} are final. A {@link #STORED} session changes its ID inside the state:
 * {@link SessionWriter#storedId()} follows each queued ID change, and goes back when the change fails.
 */
enum SessionState {

  /** Made by this request; the store holds nothing of it. Its ID is drawn when something needs it. */
  NEW,
  /** The store holds it, or will once the writes queued so far are done. */
  STORED,
  /** A stand-in for a session the store could not load: empty, never written; explicit operations fail. */
  DEGRADED,
  /** Destroyed by this request, or found gone in the store: never written again; a new one starts next request. */
  DESTROYED;

  private Set<SessionState> next() {
    return switch (this) {
      case NEW -> EnumSet.of(STORED, DESTROYED);
      case STORED -> EnumSet.of(NEW, DESTROYED);
      case DEGRADED, DESTROYED -> EnumSet.noneOf(SessionState.class);
    };
  }

  /**
   * The state after a move to {@code target}, which the table must list.
   *
   * @throws IllegalStateException for any other move: a write decided against the lifecycle is a bug
   */
  SessionState to(SessionState target) {
    if (!next().contains(target)) {
      throw new IllegalStateException("A session cannot go from " + this + " to " + target);
    }
    return target;
  }

  /** Whether a write may still be queued for the session. */
  boolean isWritable() {
    return this == NEW || this == STORED;
  }
}
