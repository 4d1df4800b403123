package io.github.vertxsessions.impl;

import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/**
 * The session ID in a request and response header of its own, for clients that do not use cookies. The header has
 * no attributes: the client keeps the last value it was sent and drops it when the header comes back empty.
 */
final class SessionHeader implements IdCarrier {

  private final String name;
  private final Https https;

  SessionHeader(String name, Https https) {
    this.name = name;
    this.https = https;
  }

  /** A header sent twice (or joined by a proxy into one, which no signature survives) is ambiguous: null. */
  @Override
  public String read(HttpServerRequest request) {
    List<String> values = request.headers().getAll(name);
    return values.size() == 1 ? values.get(0).trim() : null;
  }

  /** Whether the request carries the session header at all, with whatever value. */
  boolean carries(HttpServerRequest request) {
    return request.headers().contains(name);
  }

  @Override
  public boolean mayAnswer(HttpServerRequest request) {
    return https.mayCarryId(request);
  }

  @Override
  public void write(HttpServerRequest request, String signedValue, long maxAgeSeconds) {
    request.response().headers().set(name, signedValue);
  }

  @Override
  public void clear(HttpServerRequest request) {
    request.response().headers().set(name, "");
  }
}
