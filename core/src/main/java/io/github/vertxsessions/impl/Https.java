package io.github.vertxsessions.impl;

import io.github.vertxsessions.CookieSecure;
import io.github.vertxsessions.SessionOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/** Whether a request came over HTTPS, and so whether a session ID may be sent in answer to it. */
final class Https {

  /** The headers by which vertx-web's request wrapper may change the scheme, when its router allows forwarding. */
  private static final String FORWARDED = "Forwarded";
  private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
  private static final String X_FORWARDED_SSL = "X-Forwarded-Ssl";

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
    if (isSsl(request)) {
      return true;
    }
    if (!trustProxy) {
      return false;
    }
    String forwarded = request.getHeader(X_FORWARDED_PROTO);
    if (forwarded == null) {
      return false;
    }
    int comma = forwarded.indexOf(',');
    return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim().equalsIgnoreCase("https");
  }

  /**
   * The request's own answer. vertx-web's request wrapper computes it from the forwarding headers when its router
   * allows them, and to do so parses every forwarded field (host, port, address, absolute URI) at the first call,
   * which cost as much as the rest of writing a cookie: without any header that can change the scheme, its answer is
   * the connection's, asked directly.
   */
  private static boolean isSsl(HttpServerRequest request) {
    MultiMap headers = request.headers();
    HttpConnection connection = request.connection();
    if (connection == null || headers.contains(FORWARDED) || headers.contains(X_FORWARDED_PROTO)
      || headers.contains(X_FORWARDED_SSL)) {
      return request.isSSL();
    }
    return connection.isSsl();
  }
}
