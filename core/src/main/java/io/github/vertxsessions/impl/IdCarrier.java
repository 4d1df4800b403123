package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * What carries the signed session ID between client and server (a cookie, a header, or either), apart from how
 * sessions are stored: reads it from a request, writes it to or clears it from the response. The handler uses the one
 * that {@link SessionOptions#getIdTransport()} names; none of them verifies the value, which is the signer's part.
 */
interface IdCarrier {

  static IdCarrier of(SessionOptions options) {
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
