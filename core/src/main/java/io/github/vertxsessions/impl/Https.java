package io.github.vertxsessions.impl;

import io.github.vertxsessions.CookieSecure;
import io.github.vertxsessions.SessionOptions;
import io.vertx.core.http.HttpServerRequest;

/** Whether a request came over HTTPS, and so whether a session ID may be sent in answer to it. */
final class Https {

  private final boolean trustProxy;
  private final boolean alwaysSecure;

  Https(SessionOptions options) {
    this.trustProxy = options.isTrustProxy();
    this.alwaysSecure = options.getCookieSecure() == CookieSecure.ALWAYS;
  }

  /**
   * With {@code cookieSecure} ALWAYS, a session ID never travels over plain HTTP, in a cookie or a header alike: a
   * header has no Secure attribute, so the rule is the server's to keep.
   */
  boolean mayCarryId(HttpServerRequest request) {
    return !alwaysSecure || isHttps(request);
  }

  /** Over TLS, or, with trustProxy, when the first {@code X-Forwarded-Proto} value is {@code https}. */
  boolean isHttps(HttpServerRequest request) {
    if (request.isSSL()) {
      return true;
    }
    if (!trustProxy) {
      return false;
    }
    String forwarded = request.getHeader("X-Forwarded-Proto");
    if (forwarded == null) {
      return false;
    }
    int comma = forwarded.indexOf(',');
    return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim().equalsIgnoreCase("https");
  }
}
