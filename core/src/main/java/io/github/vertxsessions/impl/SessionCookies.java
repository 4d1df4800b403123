package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionOptions;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The session ID in a cookie: reading it from a request and writing {@code Set-Cookie} headers for it. Written by
 * hand rather than with Vert.x's cookie codec for two reasons: a cookie name sent twice must be detected (it is
 * ambiguous, so neither value is trusted), and Priority has no place in that codec.
 */
final class SessionCookies implements IdCarrier {

  private static final Logger LOG = LoggerFactory.getLogger(SessionCookies.class);
  private static final String CLEARED = "Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

  private final SessionOptions options;
  private final Https https;
  /** The attributes before SameSite, which depends on whether the cookie is Secure, and Priority after it. */
  private final String attributes;
  private final String priority;
  private final AtomicBoolean noneFallbackLogged = new AtomicBoolean();

  SessionCookies(SessionOptions options, Https https) {
    this.options = options;
    this.https = https;
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
  @Override
  public String read(HttpServerRequest request) {
    List<String> values = values(request);
    return values.size() == 1 ? values.get(0) : null;
  }

  /** Whether the request carries the session cookie at all, with whatever value. */
  boolean carries(HttpServerRequest request) {
    return !values(request).isEmpty();
  }

  /** Every value of the session cookie, in every Cookie header: usually none or one. */
  private List<String> values(HttpServerRequest request) {
    String name = options.getCookieName();
    List<String> found = new ArrayList<>(1);
    for (String header : request.headers().getAll(HttpHeaders.COOKIE)) {
      int start = 0;
      while (start < header.length()) {
        int end = header.indexOf(';', start);
        if (end < 0) {
          end = header.length();
        }
        int eq = header.indexOf('=', start);
        if (eq > 0 && eq < end && header.substring(start, eq).trim().equals(name)) {
          found.add(header.substring(eq + 1, end).trim());
        }
        start = end + 1;
      }
    }
    return found;
  }

  /** A Secure cookie must never travel over plain HTTP. */
  @Override
  public boolean mayAnswer(HttpServerRequest request) {
    return https.mayCarryId(request);
  }

  @Override
  public void write(HttpServerRequest request, String signedValue, long maxAgeSeconds) {
    StringBuilder cookie = new StringBuilder(options.getCookieName()).append('=').append(signedValue);
    if (maxAgeSeconds >= 0) {
      cookie.append("; Max-Age=").append(maxAgeSeconds);
    }
    request.response().headers().add(HttpHeaders.SET_COOKIE, finish(cookie, isSecure(request)));
  }

  @Override
  public void clear(HttpServerRequest request) {
    request.response().headers().add(HttpHeaders.SET_COOKIE,
      finish(new StringBuilder(options.getCookieName()).append("=; ").append(CLEARED), isSecure(request)));
  }

  /** Whether a Secure cookie may be set on this request, and so whether ours is Secure. */
  private boolean isSecure(HttpServerRequest request) {
    return switch (options.getCookieSecure()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> https.isHttps(request);
    };
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
}
