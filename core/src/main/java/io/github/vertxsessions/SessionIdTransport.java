package io.github.vertxsessions;

/**
 * How the signed session ID travels between client and server; see {@link SessionOptions#setIdTransport}. Whatever
 * the transport, the value is the same {@code id.signature}, verified under every secret, and a missing, bad or
 * ambiguous value means a fresh session without a store call.
 */
public enum SessionIdTransport {
  /** In the session cookie ({@link SessionOptions#setCookieName cookieName}) only: for browsers. */
  COOKIE,
  /**
   * In a request and response header ({@link SessionOptions#setIdHeaderName idHeaderName}) only: for clients that
   * cannot or should not use cookies (single-page apps on another origin, mobile apps, services). No cookie is read
   * or set.
   */
  HEADER,
  /**
   * Either: a request that carries the header is answered in the header (a client asks for it with the header empty
   * on its first request), any other in the cookie. One that carries both is trusted only when both hold the same
   * value, and is then answered in both; different values are ambiguous: neither is trusted, and the answer goes in
   * the header only, so an ambiguous request never replaces the cookie.
   */
  COOKIE_OR_HEADER
}
