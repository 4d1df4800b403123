package io.github.vertxsessions.spi;

/** A save addressed a session that was deleted or expired meanwhile; nothing was written. */
public class SessionGoneException extends RuntimeException {

  public SessionGoneException(String id) {
    super("Session no longer exists: " + SessionRecord.redact(id), null, false, false);
  }
}
