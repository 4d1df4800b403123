package io.github.vertxsessions.spi;

/**
 * A store call failed before its request left the process, and the store will not send it later: a write that fails
 * with it, or with it among its causes, was not applied. A store reports it where it knows, such as a command still
 * queued or waiting for a connection when the store's own timeout ended it; the core then counts and logs the write
 * as failed rather than of unknown outcome. A refused connection ({@link java.net.ConnectException}) and a full
 * connection pool ({@code io.vertx.core.http.ConnectionPoolTooBusyException}) say the same without it.
 */
public class RequestNotSentException extends RuntimeException {

  /**
   * An exception saying why the request was not sent. It carries no stack trace: it reports an outcome, not a fault.
   *
   * @param message why, without any session ID
   */
  public RequestNotSentException(String message) {
    super(message, null, false, false);
  }
}
