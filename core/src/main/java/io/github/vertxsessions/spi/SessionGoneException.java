package io.github.vertxsessions.spi;

/**
 * A save addressed a session that was deleted or expired meanwhile; nothing was written.
 * {@link io.github.vertxsessions.Session#reload()} fails with it too when the session is gone from the store.
 */
public class SessionGoneException extends RuntimeException {

  /**
   * An exception for a save of session {@code id}; its message shows only a {@link SessionRecord#redact redacted}
   * ID. It carries no stack trace: it reports an outcome, not a fault.
   *
   * @param id the ID of the session that is gone
   */
  public SessionGoneException(String id) {
    super("Session no longer exists: " + SessionRecord.redact(id), null, false, false);
  }
}
