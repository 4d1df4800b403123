package io.github.vertxsessions.spi;

import io.vertx.core.Future;

import java.util.List;

/**
 * A store that can find the sessions of a principal: the optional capability behind
 * {@link io.github.vertxsessions.SessionRegistry} (list, revoke, log out everywhere, a limit per user). Every bundled
 * store has it.
 *
 * <p>The contract, on top of {@link SessionStore}'s (checked by the testkit's contract tests):
 * <ul>
 *   <li><b>Exact.</b> {@link #findByPrincipal} returns every live session whose {@link SessionOwner#principal()} is
 *   that principal as last saved, and no other: not an expired or deleted session, nor one whose principal changed
 *   since. A store may keep its index loosely (dropping stale entries as it reads them), never its answer.</li>
 *   <li><b>No life of its own.</b> The index never keeps a session alive nor brings one back, and what it holds of a
 *   principal goes away when that principal's last session does.</li>
 *   <li><b>Same cost otherwise.</b> A save that does not change the owner costs what it cost without the index.</li>
 * </ul>
 */
public interface IndexedSessionStore extends SessionStore {

  /**
   * The live sessions of a principal.
   *
   * @param principal the principal's name
   * @return the sessions, in no particular order; empty when there are none
   */
  Future<List<SessionRecord>> findByPrincipal(String principal);
}
