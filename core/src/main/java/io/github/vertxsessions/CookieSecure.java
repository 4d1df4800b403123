package io.github.vertxsessions;

/** When the session cookie carries the {@code Secure} attribute. */
public enum CookieSecure {
  /** Always; the cookie is then never sent in answer to a plain-HTTP request. */
  ALWAYS,
  /** Never; only for development over plain HTTP. */
  NEVER,
  /**
   * When the request arrived over HTTPS, or, with {@link SessionOptions#setTrustProxy trustProxy}, when the first
   * {@code X-Forwarded-Proto} value is {@code https}.
   */
  AUTO
}
