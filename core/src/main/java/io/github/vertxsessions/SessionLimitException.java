package io.github.vertxsessions;

/**
 * A save would have given a user more sessions than {@link SessionOptions#setMaxSessionsPerPrincipal} allows, under
 * {@link PrincipalLimitPolicy#REFUSE}: nothing was written.
 */
public class SessionLimitException extends RuntimeException {

  /**
   * @param limit the number of sessions a user may have
   */
  public SessionLimitException(int limit) {
    super("This user already has the most sessions allowed (" + limit + ")", null, false, false);
  }
}
