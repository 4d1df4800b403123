package io.github.vertxsessions.impl;

import io.vertx.core.http.HttpServerRequest;

/**
 * The cookie for browsers and the header for other clients, each answered the way it asked: in the header when the
 * request carries it (even empty, which is how a client asks for the header on its first request), in the cookie
 * otherwise. A request with both is trusted, and answered in both, only when they agree; an ambiguous one never
 * replaces the cookie, so a script that cannot read an HttpOnly cookie cannot swap it for an ID it was sent.
 */
final class CookieOrHeader implements IdCarrier {

  private final SessionCookies cookie;
  private final SessionHeader header;

  CookieOrHeader(SessionCookies cookie, SessionHeader header) {
    this.cookie = cookie;
    this.header = header;
  }

  @Override
  public String read(HttpServerRequest request) {
    if (!header.carries(request)) {
      return cookie.read(request);
    }
    if (cookie.carries(request) && !agree(request)) {
      return null;
    }
    return header.read(request);
  }

  @Override
  public boolean mayAnswer(HttpServerRequest request) {
    return cookie.mayAnswer(request);
  }

  @Override
  public void write(HttpServerRequest request, String signedValue, long maxAgeSeconds) {
    if (header.carries(request)) {
      header.write(request, signedValue, maxAgeSeconds);
    }
    if (answersInCookie(request)) {
      cookie.write(request, signedValue, maxAgeSeconds);
    }
  }

  @Override
  public void clear(HttpServerRequest request) {
    if (header.carries(request)) {
      header.clear(request);
    }
    if (answersInCookie(request)) {
      cookie.clear(request);
    }
  }

  private boolean answersInCookie(HttpServerRequest request) {
    return !header.carries(request) || cookie.carries(request) && agree(request);
  }

  /** Both carry one and the same value; the signer decides whether it is any good. */
  private boolean agree(HttpServerRequest request) {
    String value = header.read(request);
    return value != null && value.equals(cookie.read(request));
  }
}
