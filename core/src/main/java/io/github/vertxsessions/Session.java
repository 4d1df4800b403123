package io.github.vertxsessions;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The session of the current request, from {@link SessionHandler#session(io.vertx.ext.web.RoutingContext)}.
 *
 * <p>Attribute values are JSON values: {@code String}, {@code Number}, {@code Boolean}, {@code JsonObject},
 * {@code JsonArray} or {@code null}, so every store can keep them and every node read them back. Numbers come back
 * as the JSON decoder's type: read them as {@code Number}. Changes are saved when the response is sent (only the
 * attributes that changed, including JSON containers changed in place); the explicit operations below complete only
 * once the store has acknowledged them. A session belongs to one request and is used on its event loop.
 */
public interface Session {

  String id();

  <T> T get(String name);

  /** @throws IllegalArgumentException if the value is not a JSON value */
  Session put(String name, Object value);

  <T> T remove(String name);

  /** A read-only view of every attribute. */
  Map<String, Object> data();

  boolean isEmpty();

  /** Whether this session was created by the current request rather than loaded from the store. */
  boolean isNew();

  Instant createdAt();

  /** The last access the store recorded; refreshed at most once per touch interval. */
  Instant lastAccessedAt();

  /** When the store will forget this session unless it is used again. */
  Instant expiresAt();

  /**
   * "Remember me": keeps this session through {@code maxAge} of inactivity and gives its cookie the same Max-Age,
   * so it survives a browser restart; {@code null} goes back to the handler's options.
   */
  Session setMaxAge(Duration maxAge);

  /**
   * Gives the session a new ID, keeping its data, and deletes the old ID from the store: call it when privileges
   * change, such as at log-in, against session fixation.
   */
  Future<Void> regenerate();

  /** Deletes the session from the store and clears the cookie. */
  Future<Void> destroy();

  boolean isDestroyed();

  /**
   * Whether this session stands in for one the store could not load (it failed or did not answer in time) and a
   * {@link SessionHandler#storeFailureHandler store failure handler} let the request go on: such a session starts
   * empty, is never written, leaves the cookie alone, and its explicit operations fail.
   */
  boolean isDegraded();

  /** Replaces the data with what the store holds now; fails if the session is gone from the store. */
  Future<Void> reload();

  /** Saves the changes now instead of when the response is sent. */
  Future<Void> save();

  /** Moves the session's idle expiry forward now. */
  Future<Void> touch();
}
