package io.github.vertxsessions;

/** What happens when a user would have more sessions than {@link SessionOptions#setMaxSessionsPerPrincipal} allows. */
public enum PrincipalLimitPolicy {
  /** The new session is kept and the user's least recently used other sessions are revoked: the default. */
  REVOKE_LEAST_RECENTLY_USED,
  /**
   * The save that gives the session to the user fails with a {@link SessionLimitException}, so that the log-in route
   * can answer (409 or 429); the user's other sessions stay.
   */
  REFUSE
}
