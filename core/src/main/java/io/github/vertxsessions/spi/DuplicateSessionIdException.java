package io.github.vertxsessions.spi;

/** A creation used an ID that a live session already has; nothing was written. */
public class DuplicateSessionIdException extends RuntimeException {

  /**
   * An exception for the creation of session {@code id}; its message shows only a {@link SessionRecord#redact redacted}
   * ID. It carries no stack trace: it reports an outcome, not a fault.
   *
   * @param id the ID that is taken
   */
  public DuplicateSessionIdException(String id) {
    super("A session with this ID already exists: " + SessionRecord.redact(id), null, false, false);
  }
}
