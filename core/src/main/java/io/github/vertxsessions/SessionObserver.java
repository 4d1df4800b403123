package io.github.vertxsessions;

import io.vertx.core.Vertx;

/**
 * Told what happens to sessions and their store on one Vert.x instance: how integrations such as the
 * {@code vertx-sessions-micrometer} module see it. Register one with {@link #add(Vertx, SessionObserver)}. Every
 * method has an empty default, so an observer implements only what it needs.
 *
 * <p>Methods are called on the thread that observed the thing, often an event loop in the middle of a request: they
 * must return quickly and never block. One that throws is logged at {@code DEBUG} and does not affect the request.
 */
public interface SessionObserver {

  /** The store operations the handler reports through {@link #onStoreCall}. */
  enum StoreOperation {
    /** Loading a session at the start of a request, or {@link Session#reload()}. */
    LOAD,
    /** Saving a session: a creation, or the changed attributes. */
    SAVE,
    /** {@link Session#touch()}. */
    TOUCH,
    /** Deleting a session: {@link Session#destroy()}, or a revocation. */
    DELETE,
    /** Moving a session to a new ID: {@link Session#regenerate()}. */
    CHANGE_ID
  }

  /**
   * Tells {@code observer} from now on what happens on {@code vertx}.
   *
   * @param vertx    the Vert.x instance whose sessions are observed
   * @param observer what to tell, not null
   */
  static void add(Vertx vertx, SessionObserver observer) {
    SessionObservers.of(vertx).add(observer);
  }

  /**
   * Stops telling {@code observer}; nothing happens if it was not added.
   *
   * @param vertx    the Vert.x instance it was added on
   * @param observer what to stop telling
   */
  static void remove(Vertx vertx, SessionObserver observer) {
    SessionObservers.of(vertx).remove(observer);
  }

  /**
   * A session's life-cycle event, from the handler or a store.
   *
   * @param event what happened
   */
  default void onEvent(SessionEvent event) {
  }

  /**
   * A store call the handler made, once the store answered, and how long it took. A call that never answers is not
   * reported here: its timeout reaches {@link #onStoreUnavailable} (a load) or {@link #onAutomaticSaveFailed} (a save).
   *
   * @param store         the store's {@link io.github.vertxsessions.spi.SessionStore#type() type}
   * @param operation     what was asked
   * @param durationNanos how long the store took to answer, in nanoseconds
   * @param failure       null on success; else the store's failure
   */
  default void onStoreCall(String store, StoreOperation operation, long durationNanos, Throwable failure) {
  }

  /**
   * A request whose session could not be loaded, handed to the store failure handler (by default a 503).
   *
   * @param store the store's type
   * @param cause why the load failed: a {@link java.util.concurrent.TimeoutException} when the store did not answer
   *              within {@link SessionOptions#setStoreTimeout the store timeout}
   */
  default void onStoreUnavailable(String store, Throwable cause) {
  }

  /**
   * The automatic save at the end of a request failed, for another reason than the session being gone.
   *
   * @param store          the store's type
   * @param cause          why
   * @param outcomeUnknown true when the save's request may have reached the store and its answer was lost (a timeout
   *                       after it was sent, a closed connection): the store may have applied it; false when it never
   *                       left (a refused connection, a full pool, a {@link
   *                       io.github.vertxsessions.spi.RequestNotSentException}) or the store answered
   */
  default void onAutomaticSaveFailed(String store, Throwable cause, boolean outcomeUnknown) {
  }

  /**
   * A save the store refused because the session was gone by then (destroyed by another request, revoked or
   * expired): not writing it back is the point.
   *
   * @param store the store's type
   */
  default void onLateSaveRefused(String store) {
  }

  /**
   * A delete of a destroyed session failed or went unanswered: the client's cookie is cleared all the same, and the
   * handler tries the delete again a few times, so that a stolen copy of the cookie does not stay valid.
   *
   * @param store    the store's type
   * @param cause    why this attempt failed
   * @param retrying true when another attempt follows; false when this was the last, and the session may live on in
   *                 the store until it expires
   */
  default void onDeleteFailed(String store, Throwable cause, boolean retrying) {
  }
}
