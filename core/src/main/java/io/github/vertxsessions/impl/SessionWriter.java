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
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * The store side of one request's session: its {@link SessionState}, its IDs, and the writes that move them, run one
 * after another by a {@link WriteQueue}. Three IDs matter:
 * <ul>
 *   <li>{@link #id()}: the session's ID now, which {@code regenerate()} replaces at once;</li>
 *   <li>{@link #storedId()}: the ID the store holds once the writes queued so far are done, which the cookie
 *   carries; it follows each queued creation and ID change, and goes back when one fails;</li>
 *   <li>the confirmed ID: the one the store held when the last write finished; every write runs against it, so a
 *   write queued behind a failed ID change reaches the session where it really is.</li>
 * </ul>
 * Every write is decided on the request's event loop; its outcome comes back there.
 */
final class SessionWriter {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  private static final int CREATION_ATTEMPTS = 3;

  /** How far the response is: whether a new ID can still reach the client. */
  private enum Reply { OPEN, SAVING, SENT }

  private final HandlerRuntime runtime;
  private final Context context;
  private final WriteQueue queue;
  private SessionState state;
  private String id;
  private String storedId;
  private String confirmedId;
  private Reply reply = Reply.OPEN;
  /** False when no cookie can carry an ID in answer to this request (an HTTPS-only cookie over HTTP). */
  private boolean reachable = true;

  SessionWriter(HandlerRuntime runtime, SessionState state, String storedId) {
    this.runtime = runtime;
    Context current = Vertx.currentContext();
    this.context = current != null ? current : runtime.vertx().getOrCreateContext();
    this.queue = new WriteQueue(context, runtime.writeTimeout(), runtime.writes());
    this.state = state;
    this.id = storedId;
    this.storedId = storedId;
    this.confirmedId = storedId;
  }

  SessionState state() {
    return state;
  }

  /** The session's ID now; a new session draws one the first time it is asked. */
  String id() {
    if (id == null) {
      id = runtime.newId();
    }
    return id;
  }

  /** The ID the store holds once the writes queued so far are done; null when none. */
  String storedId() {
    return storedId;
  }

  /** The ID a {@link #newId()} replaced until it is written; else null. */
  String idBeingReplaced() {
    return state == SessionState.STORED && !storedId.equals(id()) ? storedId : null;
  }

  /** Takes a new ID now; the store follows at the next save. */
  void newId() {
    id = runtime.newId();
  }

  /** Whether a write now would store an ID the client does not hold yet. */
  boolean writesNewId() {
    return state == SessionState.NEW || idBeingReplaced() != null;
  }

  /** Whether a cookie can still carry a new ID to the client. */
  boolean canSendNewId() {
    return reachable && reply != Reply.SENT;
  }

  void cannotReachClient() {
    reachable = false;
  }

  /** The response headers are being written and the automatic save starts; a new ID may still go out with them. */
  void responding() {
    reply = Reply.SAVING;
  }

  /** The response carries {@link #storedId()} (or no ID): from now on no new ID can reach the client. */
  void sent() {
    reply = Reply.SENT;
  }

  boolean hasResponded() {
    return reply != Reply.OPEN;
  }

  /** Completes when every write asked for so far is done or timed out. */
  Future<Void> last() {
    return queue.last();
  }

  /** Creates the session, under a fresh ID should the store report the one drawn as live. NEW to STORED. */
  Future<Long> create(Function<String, SessionDelta> creation, SessionOwner owner) {
    state = state.to(SessionState.STORED);
    storedId = id();
    String first = storedId;
    return queue.enqueue(() -> beforeAssigning(owner, id(), null)
        .compose(v -> createUnderFreshIdOnCollision(creation, CREATION_ATTEMPTS))
        .compose(version -> afterAssigning(owner, confirmedId, null).map(version)), first)
      .onSuccess(version -> runtime.monitor().publish(SessionEvent.Type.CREATED, confirmedId, owner.principal(),
        runtime.store()))
      .onFailure(err -> {
        if (state == SessionState.STORED && confirmedId == null) {
          state = state.to(SessionState.NEW);
          storedId = null;
          if (reply != Reply.SENT) {
            // the store may hold the write all the same (a lost answer): the next creation takes a fresh ID, so that
            // it never meets its own write as another session's
            id = null;
          }
        }
      });
  }

  private Future<Long> createUnderFreshIdOnCollision(Function<String, SessionDelta> creation, int attemptsLeft) {
    String attempt = id();
    return observed(StoreOperation.SAVE, () -> runtime.store().save(creation.apply(attempt))).transform(ar -> {
      if (ar.succeeded()) {
        confirmedId = attempt;
        return Future.succeededFuture(ar.result());
      }
      if (ar.cause() instanceof DuplicateSessionIdException && reply == Reply.SENT) {
        return revokeSentDuplicate(attempt, ar.cause());
      }
      if (ar.cause() instanceof DuplicateSessionIdException && attemptsLeft > 1) {
        id = runtime.newId();
        storedId = id;
        return createUnderFreshIdOnCollision(creation, attemptsLeft - 1);
      }
      return Future.failedFuture(ar.cause());
    });
  }

  /** Applies a change to the stored session; {@code assigned} is the owner it gives the session, if any. */
  Future<Long> save(Function<String, SessionDelta> change, SessionOwner assigned) {
    return queue.enqueue(() -> {
      String at = confirmedId;
      if (at == null) {
        return Future.failedFuture(new IllegalStateException("The session's creation failed; it is not stored"));
      }
      if (assigned == null) { // the limit per principal has nothing to check: no compose around the one call
        return observed(StoreOperation.SAVE, () -> runtime.store().save(change.apply(at)));
      }
      return beforeAssigning(assigned, at, null)
        .compose(v -> observed(StoreOperation.SAVE, () -> runtime.store().save(change.apply(at))))
        .compose(version -> afterAssigning(assigned, at, null).map(version));
    }, storedId).onFailure(this::goneIfSo);
  }

  /**
   * Moves the stored session to {@link #id()} with one atomic store operation, then applies {@code change} under the
   * new ID when there is one. When the move fails, the session keeps its old ID, in the store and in the cookie; when
   * the store says the session is gone (revoked or destroyed meanwhile), it is DESTROYED and never comes back.
   */
  Future<Long> changeId(Function<String, SessionDelta> change, SessionOwner assigned) {
    String to = id();
    String from = storedId;
    storedId = to;
    // set when the caller was told the change failed and the cookie keeps the old ID: a move the store makes after
    // that is moved back, or the client would hold an ID that reaches nothing
    boolean[] givenUp = {false};
    return queue.enqueue(() -> {
      String at = confirmedId;
      if (at == null) {
        return Future.failedFuture(new IllegalStateException("The session's creation failed; it is not stored"));
      }
      return beforeAssigning(assigned, to, at)
        .compose(v -> observed(StoreOperation.CHANGE_ID, () -> runtime.store().changeId(at, to))
          .recover(err -> UncertainIdChange.whereIsIt(runtime, context, to, err).compose(version -> {
            if (givenUp[0]) {
              return UncertainIdChange.moveBack(runtime, to, at);
            }
            confirmedId = to; // the cookie follows the session, though the change fails with its own cause
            return Future.failedFuture(err);
          })))
        .compose(version -> {
          if (givenUp[0]) {
            return UncertainIdChange.moveBack(runtime, to, at);
          }
          confirmedId = to;
          runtime.monitor().publish(SessionEvent.regenerated(to, at, assigned == null ? null : assigned.principal(),
            runtime.store().type(), runtime.clock().instant()));
          SessionDelta delta = change == null ? null : change.apply(to);
          return delta == null ? Future.succeededFuture(version)
            : observed(StoreOperation.SAVE, () -> runtime.store().save(delta));
        })
        .compose(version -> afterAssigning(assigned, to, at).map(version));
    }, from, to).onFailure(err -> {
      if (to.equals(confirmedId)) {
        goneIfSo(err);
      } else if (err instanceof SessionGoneException) {
        gone();
      } else if (to.equals(storedId)) {
        givenUp[0] = true;
        storedId = confirmedId;
        id = confirmedId;
      }
    });
  }

  /** Whether the store holds the session under {@code id}, as of the writes finished so far. */
  boolean isConfirmedAt(String id) {
    return id.equals(confirmedId);
  }

  Future<Void> touch() {
    return queue.enqueue(() -> confirmedId == null ? Future.succeededFuture()
      : observed(StoreOperation.TOUCH, () -> runtime.store().touch(confirmedId)), storedId);
  }

  /** Loads what the store holds now, once the writes before are done. */
  Future<SessionRecord> reload() {
    return queue.last().transform(ar -> {
      String at = confirmedId;
      if (at == null) {
        return Future.failedFuture(new IllegalStateException("Only a stored session can be reloaded; save it first"));
      }
      return CallerContext.within(context, observed(StoreOperation.LOAD,
          () -> runtime.store().load(at, runtime.touchInterval())), runtime.loadTimeout(), "the store")
        .compose(record -> record == null ? Future.failedFuture(new SessionGoneException(at))
          : Future.succeededFuture(record));
    });
  }

  /**
   * Deletes the session, whatever its state but DEGRADED, which the caller refuses; see {@link DestroyDelete} for a
   * delete that fails.
   */
  Future<Void> destroy(String principal) {
    SessionState before = state;
    state = state.to(SessionState.DESTROYED);
    String target = storedId;
    storedId = null;
    if (before == SessionState.NEW) {
      return Future.succeededFuture();
    }
    return queue.enqueue(() -> DestroyDelete.start(runtime, context, confirmedId != null ? confirmedId : target,
      principal), target);
  }

  /** The store says the session is gone: deleted by another request, revoked or expired. */
  private void goneIfSo(Throwable err) {
    if (err instanceof SessionGoneException) {
      runtime.monitor().onLateSaveRefused(runtime.store().type());
      gone();
    }
  }

  private void gone() {
    if (state == SessionState.STORED) {
      state = state.to(SessionState.DESTROYED);
      storedId = null;
      confirmedId = null;
    }
  }

  /**
   * The generator repeated a live session's ID and the store said so only after the cookie went out with it: this
   * client now holds that session's ID, so the session is revoked rather than left for it to use.
   */
  private Future<Long> revokeSentDuplicate(String sent, Throwable collision) {
    LOG.error("Session {}: the idGenerator repeated the ID of a live session, which the store reported after the "
      + "cookie carrying it was sent; that session is revoked so that no other client can use it. A generator that "
      + "repeats IDs is broken: use the default one", SessionRecord.redact(sent));
    return observed(StoreOperation.DELETE, () -> runtime.store().delete(sent, true))
      .transform(ar -> Future.failedFuture(collision));
  }

  /** The limit per user before a write that gives the session, stored under {@code own}, to {@code assigned}. */
  private Future<Void> beforeAssigning(SessionOwner assigned, String own, String replaced) {
    return runtime.limit().beforeAssigning(assigned, own, replaced);
  }

  private Future<Void> afterAssigning(SessionOwner assigned, String own, String replaced) {
    return runtime.limit().afterAssigning(assigned, own, replaced);
  }

  private <T> Future<T> observed(StoreOperation operation, java.util.function.Supplier<Future<T>> call) {
    return runtime.observed(operation, call);
  }
}
