package io.github.vertxsessions.impl;

import io.github.vertxsessions.CookieSecure;
import io.github.vertxsessions.SessionOptions;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reading the session cookie from a request and writing {@code Set-Cookie} headers for it. Written by hand rather
 * than with Vert.x's cookie codec for two reasons: a cookie name sent twice must be detected (it is ambiguous, so
 * neither value is trusted), and Priority has no place in that codec.
 */
final class SessionCookies {

  private static final Logger LOG = LoggerFactory.getLogger(SessionCookies.class);
  private static final String CLEARED = "Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

  private final SessionOptions options;
  /** The attributes before SameSite, which depends on whether the cookie is Secure, and Priority after it. */
  private final String attributes;
  private final String priority;
  private final AtomicBoolean noneFallbackLogged = new AtomicBoolean();

  SessionCookies(SessionOptions options) {
    this.options = options;
    StringBuilder fixed = new StringBuilder("; Path=").append(options.getCookiePath());
    if (options.getCookieDomain() != null) {
      fixed.append("; Domain=").append(options.getCookieDomain());
    }
    if (options.isCookieHttpOnly()) {
      fixed.append("; HttpOnly");
    }
    this.attributes = fixed.toString();
    this.priority = options.getCookiePriority() == null ? "" : "; Priority=" + options.getCookiePriority();
  }

  /** The value of the session cookie, or null when there is none, or more than one (then neither is trusted). */
  String read(HttpServerRequest request) {
    List<String> headers = request.headers().getAll(HttpHeaders.COOKIE);
    String name = options.getCookieName();
    String found = null;
    for (String header : headers) {
      int start = 0;
      while (start < header.length()) {
        int end = header.indexOf(';', start);
        if (end < 0) {
          end = header.length();
        }
        int eq = header.indexOf('=', start);
        if (eq > 0 && eq < end && header.substring(start, eq).trim().equals(name)) {
          if (found != null) {
            return null;
          }
          found = header.substring(eq + 1, end).trim();
        }
        start = end + 1;
      }
    }
    return found;
  }

  /** Whether a Secure cookie may be set on this request, and so whether ours is Secure. */
  boolean isSecure(HttpServerRequest request) {
    return switch (options.getCookieSecure()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> isHttps(request);
    };
  }

  /** A Secure cookie must never travel over plain HTTP. */
  boolean maySet(HttpServerRequest request) {
    return options.getCookieSecure() != CookieSecure.ALWAYS || isHttps(request);
  }

  String set(String signedValue, long maxAgeSeconds, boolean secure) {
    StringBuilder cookie = new StringBuilder(options.getCookieName()).append('=').append(signedValue);
    if (maxAgeSeconds >= 0) {
      cookie.append("; Max-Age=").append(maxAgeSeconds);
    }
    return finish(cookie, secure);
  }

  String clear(boolean secure) {
    return finish(new StringBuilder(options.getCookieName()).append("=; ").append(CLEARED), secure);
  }

  private String finish(StringBuilder cookie, boolean secure) {
    cookie.append(attributes);
    CookieSameSite sameSite = options.getCookieSameSite();
    if (sameSite != null) {
      cookie.append("; SameSite=").append(sameSite == CookieSameSite.NONE && !secure ? insecureNoneFallback() : sameSite);
    }
    cookie.append(priority);
    if (secure) {
      cookie.append("; Secure");
      if (options.isCookiePartitioned()) {
        cookie.append("; Partitioned");
      }
    }
    return cookie.toString();
  }

  /** Browsers reject SameSite=None without Secure, and with it the whole cookie: Lax keeps the session working. */
  private String insecureNoneFallback() {
    if (noneFallbackLogged.compareAndSet(false, true)) {
      LOG.warn("cookieSameSite is NONE but a request is not HTTPS, so its cookie cannot be Secure: sending SameSite=Lax "
        + "instead, which browsers accept (said once)");
    }
    return CookieSameSite.LAX.toString();
  }

  private boolean isHttps(HttpServerRequest request) {
    if (request.isSSL()) {
      return true;
    }
    if (!options.isTrustProxy()) {
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
