package io.github.vertxsessions.spi;

/** A creation used an ID that a live session already has; nothing was written. */
public class DuplicateSessionIdException extends RuntimeException {

  public DuplicateSessionIdException(String id) {
    super("A session with this ID already exists: " + SessionRecord.redact(id), null, false, false);
  }
}
