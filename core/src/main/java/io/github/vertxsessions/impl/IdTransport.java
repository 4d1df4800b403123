package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * How the signed session ID travels between client and server, apart from how sessions are stored: read from a
 * request, written to or cleared from its response. The handler calls one, chosen from the options; none of them
 * verifies the value, which is the signer's part.
 */
interface IdTransport {

  static IdTransport of(SessionOptions options) {
    Https https = new Https(options);
    return switch (options.getIdTransport()) {
      case COOKIE -> new SessionCookies(options, https);
      case HEADER -> new SessionHeader(options.getIdHeaderName(), https);
      case COOKIE_OR_HEADER -> new CookieOrHeader(new SessionCookies(options, https),
        new SessionHeader(options.getIdHeaderName(), https));
    };
  }

  /** The signed value the request carries, or null when it carries none, or several (then none is trusted). */
  String read(HttpServerRequest request);

  /** Whether an ID may be sent in answer to this request; when not, no new session may be stored for it either. */
  boolean mayAnswer(HttpServerRequest request);

  /**
   * Sends the value on the request's response.
   *
   * @param maxAgeSeconds how long the client should keep it, or -1 for a browser-session cookie; a header has no
   *                      lifetime and ignores it
   */
  void write(HttpServerRequest request, String signedValue, long maxAgeSeconds);

  /** Tells the client to drop the value: the session is gone. */
  void clear(HttpServerRequest request);
}
