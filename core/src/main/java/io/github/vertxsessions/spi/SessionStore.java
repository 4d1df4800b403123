package io.github.vertxsessions.spi;

import io.vertx.core.Future;

import java.time.Clock;

/**
 * Where sessions live between requests. Applications create one, such as a
 * {@link io.github.vertxsessions.local.LocalSessionStore}, {@code RedisSessionStore} or {@code MongoSessionStore}, and
 * pass it to {@link io.github.vertxsessions.SessionHandler#create}, and close it when the application stops. Store
 * authors implement it, with the helpers of {@link io.github.vertxsessions.spi.support}.
 *
 * <p>The contract every store meets (checked by {@code io.github.vertxsessions.testkit.SessionStoreContractTest}, in
 * the {@code vertx-sessions-testkit} artifact, which every store's tests extend):
 * <ul>
 *   <li><b>Non-blocking.</b> Every operation returns at once; its Future completes on the Vert.x context of the
 *   caller (or on an event loop when called from outside any context).</li>
 *   <li><b>Expiry filtering.</b> A session whose {@link SessionRecord#expiresAt()} is not after the store's clock is
 *   never returned, whether or not any background clean-up has run. Expired sessions are eventually removed.</li>
 *   <li><b>Atomic delta saves.</b> {@link #save} applies its {@link SessionDelta} as one atomic step on the store:
 *   two overlapping saves of one session that change different attributes both persist; for the same attribute
 *   the last save wins.</li>
 *   <li><b>No resurrection.</b> A save that is not a creation succeeds only while the session exists and is live:
 *   after {@link #delete} or expiry it fails with {@link SessionGoneException} and writes nothing. A creation
 *   never overwrites a live session: it fails with {@link DuplicateSessionIdException}.</li>
 *   <li><b>Atomic ID change.</b> {@link #changeId} moves a live session to a new ID, or fails and writes nothing:
 *   a session deleted or revoked meanwhile never comes back under the new ID.</li>
 *   <li><b>Own data only.</b> {@link #count} and {@link #clear} see only this store's sessions (its key prefix,
 *   collection or map), never a whole database.</li>
 *   <li><b>Corrupt data reads as missing.</b> A stored session that cannot be decoded is logged and treated as
 *   absent; it never fails the load.</li>
 * </ul>
 *
 * <p>Stores are shared by every handler and verticle of an application and must be safe to call from any thread.
 */
public interface SessionStore {

  /**
   * Loads a live session and, in the same operation, marks it accessed (moving its idle expiry forward) when its
   * last recorded access is {@code touchInterval} milliseconds old or older.
   *
   * @param id            the session ID
   * @param touchInterval how stale {@link SessionRecord#lastAccessedAt()} may become before a load refreshes it;
   *                      0 refreshes on every load
   * @return the session, or {@code null} when it is missing, expired or unreadable
   */
  Future<SessionRecord> load(String id, long touchInterval);

  /**
   * Creates a session or applies changes to an existing one, atomically, and marks it accessed: the stored last access
   * becomes the store's now, and the idle timeout and cookie lifetime those of the delta.
   *
   * @param delta what to write; {@link SessionDelta#creation()} tells a creation from a change
   * @return the version of the session after the save; fails with {@link DuplicateSessionIdException} for a creation
   *         whose ID is live, and with {@link SessionGoneException} for a change of a session that is gone or expired
   */
  Future<Long> save(SessionDelta delta);

  /**
   * Moves a live session to a new ID in one atomic step, as {@code Session.regenerate()} asks at a log-in: afterwards
   * the session (its attributes, owner, creation time, idle timeout, absolute lifetime and cookie lifetime) is found
   * under {@code newId} only, one version up and accessed now, and {@code oldId} loads as missing. A store's index by
   * principal follows in the same step.
   *
   * <p>It fails and writes nothing:
   * <ul>
   *   <li>with {@link SessionGoneException} when {@code oldId} is missing or expired: a session destroyed by another
   *   request, or revoked through {@code SessionRegistry}, while a request of it was still running, must never come
   *   back under a new ID;</li>
   *   <li>with {@link DuplicateSessionIdException} when {@code newId} is live.</li>
   * </ul>
   *
   * <p>Where one command can do it, it is one command (a Lua script on one Redis node, one SQL {@code UPDATE}). Where
   * the two IDs live apart (MongoDB documents, Redis Cluster slots, two entries of a concurrent map), the order
   * that keeps the guarantee is: read the old session, create the copy under {@code newId}, then delete the old one
   * only if it is still the version that was copied; if that delete finds nothing (the session was deleted meanwhile)
   * the copy is deleted and the change fails with {@link SessionGoneException}; if it finds another version (a
   * concurrent save), the copy is deleted and the steps start over, a bounded number of times. A revocation that runs
   * between the steps finds the copy through the index by principal, which the copy joins when it is created.
   *
   * <p>The handler calls it for every ID change and treats it as an explicit write (see {@link SessionDelta#explicit()}).
   * A store that cannot offer it keeps this default, which fails with {@link UnsupportedOperationException}: then
   * {@code regenerate()} fails with that exception, the session keeps its old ID in the store and in the cookie, and
   * nothing is lost.
   *
   * @param oldId the session's ID now
   * @param newId the ID it moves to
   * @return the session's version after the change
   */
  default Future<Long> changeId(String oldId, String newId) {
    return Future.failedFuture(new UnsupportedOperationException(
      getClass().getName() + " cannot change a session's ID atomically (SessionStore.changeId)"));
  }

  /**
   * Marks a live session accessed now, moving its idle expiry forward; does nothing for a missing session.
   *
   * @param id the session ID
   * @return completes once the store has recorded the access
   */
  Future<Void> touch(String id);

  /**
   * Deletes a session; deleting a missing session succeeds.
   *
   * @param id the session ID
   * @return completes once the session is gone from the store
   */
  Future<Void> delete(String id);

  /**
   * Deletes a session, saying whether the application asked for it: {@code Session.destroy()}, the old ID of an
   * explicit {@code regenerate()}, and the revocations of {@code SessionRegistry} and of the limit per user are
   * explicit. Like {@link SessionDelta#explicit()}, a store may make an explicit delete more durable before it
   * reports success; by default this is {@link #delete(String)}. A store that wraps another must forward this
   * method too, or explicit deletes reach the other store as plain ones.
   *
   * @param id       the session ID
   * @param explicit true when the application asked for the delete
   * @return completes once the session is gone from the store
   */
  default Future<Void> delete(String id, boolean explicit) {
    return delete(id);
  }

  /**
   * The number of live sessions this store holds.
   *
   * @return the count
   */
  Future<Long> count();

  /**
   * Deletes every session of this store, and nothing else.
   *
   * @return completes once they are deleted
   */
  Future<Void> clear();

  /**
   * Releases what the store holds (timers; never a client that was passed in).
   *
   * @return completes once released
   */
  Future<Void> close();

  /**
   * The clock this store decides expiry by. The handler reads its time from here too, so that one clock owns every
   * timestamp of a session: two clocks that drift apart could otherwise shorten sessions. Stores that take a clock
   * in their options (for tests) return it; the default is the system clock in UTC.
   *
   * @return the clock
   */
  default Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * What kind of store this is, for events, metrics and health reports: a short lower-case name such as
   * {@code "local"}, {@code "redis"} or {@code "mongo"}. The default is the class's simple name; stores give their own.
   *
   * @return the store's type, never null
   */
  default String type() {
    return getClass().getSimpleName();
  }
}
