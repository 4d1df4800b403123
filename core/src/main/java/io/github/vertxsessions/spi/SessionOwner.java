package io.github.vertxsessions.spi;

/**
 * Who a session belongs to, if anyone, and how the application describes it to that user (the browser and place of
 * a log-in, say), so that a user can see and revoke their sessions.
 *
 * @param principal   the user's name, or null for a session nobody is logged in to
 * @param description what the application tells the user about this session, or null
 */
public record SessionOwner(String principal, String description) {

  /** A session nobody is logged in to. */
  public static final SessionOwner NONE = new SessionOwner(null, null);
  /** The longest principal name accepted, in characters. */
  public static final int MAX_PRINCIPAL_LENGTH = 256;
  /** The longest description accepted, in characters: enough for a user agent and an address, small to store. */
  public static final int MAX_DESCRIPTION_LENGTH = 256;

  /**
   * Checks the lengths, so that a store never holds an unbounded name or description.
   *
   * @param principal   the user's name, or null
   * @param description the description, or null
   * @throws IllegalArgumentException when the principal is empty or either is too long
   */
  public SessionOwner {
    if (principal != null && (principal.isEmpty() || principal.length() > MAX_PRINCIPAL_LENGTH)) {
      throw new IllegalArgumentException("A principal must have 1 to " + MAX_PRINCIPAL_LENGTH + " characters, not "
        + principal.length());
    }
    if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
      throw new IllegalArgumentException("A session description may have at most " + MAX_DESCRIPTION_LENGTH
        + " characters, not " + description.length());
    }
  }

  /**
   * Whether someone is logged in to the session.
   *
   * @return true when there is a principal
   */
  public boolean hasPrincipal() {
    return principal != null;
  }

  /**
   * This owner with another principal; the description stays.
   *
   * @param principal the new principal, or null
   * @return the changed owner
   */
  public SessionOwner withPrincipal(String principal) {
    return new SessionOwner(principal, description);
  }

  /**
   * This owner with another description; the principal stays.
   *
   * @param description the new description, or null
   * @return the changed owner
   */
  public SessionOwner withDescription(String description) {
    return new SessionOwner(principal, description);
  }
}
