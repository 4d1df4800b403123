package io.github.vertxsessions;

import io.github.vertxsessions.impl.SessionRegistryImpl;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * A user's sessions: where they are signed in, signing out one of them, the others, or all ("log out everywhere").
 * Build it from the same store and options as the {@link SessionHandler}, on every node: a revoked session is gone
 * from the store at once, so its next request on any node starts a fresh session, and no request of it still under
 * way can write it back.
 *
 * <pre>{@code
 * SessionRegistry registry = SessionRegistry.create(vertx, store, options);
 * router.get("/api/sessions").handler(ctx -> registry.list(principal)
 *     .onSuccess(list -> ctx.json(list.stream().map(SessionInfo::toJson).toList())));
 * }</pre>
 */
public interface SessionRegistry {

  /**
   * A registry over the handler's store; each revocation is reported as a {@code revoked} {@link SessionEvent} to
   * {@code vertx}'s {@link SessionObserver observers}, and published at the options'
   * {@link SessionOptions#setEventsAddress events address} if they name one, whether or not a {@link SessionHandler}
   * runs on {@code vertx}.
   *
   * @param vertx   the Vert.x instance, whose observers are told of revocations
   * @param store   the store the handler uses
   * @param options the handler's options, for the secret that makes handles and the events address
   * @return a registry over {@code store}
   * @throws IllegalArgumentException naming the option at fault when the options are invalid
   */
  static SessionRegistry create(Vertx vertx, IndexedSessionStore store, SessionOptions options) {
    return new SessionRegistryImpl(vertx, store, new SessionOptions(options).validate());
  }

  /**
   * The live sessions of a user.
   *
   * @param principal the user's name
   * @return the sessions, newest first
   */
  Future<List<SessionInfo>> list(String principal);

  /**
   * How many live sessions a user has.
   *
   * @param principal the user's name
   * @return the number of sessions
   */
  Future<Integer> count(String principal);

  /**
   * Signs a user out of one session.
   *
   * @param principal the user's name
   * @param handle    the session's handle, from {@link #list} or {@link #handleOf}
   * @return true if that session of that user existed and is now gone
   */
  Future<Boolean> revoke(String principal, String handle);

  /**
   * Signs a user out everywhere, after a password change say.
   *
   * @param principal the user's name
   * @return how many sessions were revoked
   */
  Future<Integer> revokeAll(String principal);

  /**
   * Signs a user out of every session but one.
   *
   * @param principal the user's name
   * @param current   the session to keep, usually the current request's
   * @return how many sessions were revoked
   */
  Future<Integer> revokeOthers(String principal, Session current);

  /**
   * The handle of a session, to mark the current one in {@link #list}.
   *
   * @param session a session
   * @return its handle
   */
  String handleOf(Session session);
}
