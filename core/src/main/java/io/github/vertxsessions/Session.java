package io.github.vertxsessions;

import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The session of the current request, from {@link SessionHandler#session(io.vertx.ext.web.RoutingContext)}.
 *
 * <p>Attribute values are JSON values: {@code String}, {@code Number}, {@code Boolean}, {@code JsonObject},
 * {@code JsonArray} or {@code null}, so every store can keep them and every node read them back. Changes are saved
 * when the response is sent (only the attributes that changed, including JSON containers changed in place); the
 * explicit operations below complete only once the store has acknowledged them. A session belongs to one request
 * and is used on its event loop.
 *
 * <p>Numbers are kept in one form whatever the store: a whole number ({@code Byte}, {@code Short}, {@code Integer},
 * {@code Long}, or an integral {@code BigInteger} or {@code BigDecimal}) as an {@code Integer} if it fits 32 bits,
 * else a {@code Long}; any other number as a {@code Double}. NaN, infinities and whole numbers beyond 64 bits are
 * refused. {@code put} keeps a number in that form at once, and numbers inside a {@code JsonObject} or
 * {@code JsonArray} take it when the session is saved, so {@code put("views", 5L)} reads back as the
 * {@code Integer} 5 from every store. The typed getters, such as {@link #getLong}, read a number as the class they
 * name whenever its value fits.
 */
public interface Session {

  String id();

  <T> T get(String name);

  /**
   * Attribute {@code name} as a {@code String}.
   *
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else
   */
  default String getString(String name) {
    return JsonValues.as(name, get(name), String.class);
  }

  /**
   * Attribute {@code name} as an {@code Integer}: a {@code Long} or {@code Double} converts if its value is a whole
   * number within 32 bits.
   *
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else, or a number that
   *                            does not fit
   */
  default Integer getInteger(String name) {
    return JsonValues.as(name, get(name), Integer.class);
  }

  /**
   * Attribute {@code name} as a {@code Long}: an {@code Integer} converts, and so does a {@code Double} whose value
   * is a whole number within 64 bits.
   *
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else, or a number that
   *                            does not fit
   */
  default Long getLong(String name) {
    return JsonValues.as(name, get(name), Long.class);
  }

  /**
   * Attribute {@code name} as a {@code Double}: an {@code Integer} converts, and so does a {@code Long} that a
   * {@code Double} holds exactly (any within 2<sup>53</sup>).
   *
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else, or a number that
   *                            does not fit
   */
  default Double getDouble(String name) {
    return JsonValues.as(name, get(name), Double.class);
  }

  /**
   * Attribute {@code name} as a {@code Boolean}.
   *
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else
   */
  default Boolean getBoolean(String name) {
    return JsonValues.as(name, get(name), Boolean.class);
  }

  /**
   * Attribute {@code name} as a {@code JsonObject}; changes made to it in place are saved.
   *
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else
   */
  default JsonObject getJsonObject(String name) {
    return JsonValues.as(name, get(name), JsonObject.class);
  }

  /**
   * Attribute {@code name} as a {@code JsonArray}; changes made to it in place are saved.
   *
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else
   */
  default JsonArray getJsonArray(String name) {
    return JsonValues.as(name, get(name), JsonArray.class);
  }

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
   * The name of the user logged in to this session, by which {@link SessionRegistry} finds it.
   *
   * @return the principal, or null when nobody is logged in
   */
  String principal();

  /**
   * Gives this session to a user at log-in, or takes it back at log-out (null). The handler does it by itself when a
   * vertx-web authentication handler sets {@code ctx.user()} (see {@link SessionOptions#setPrincipalName}); it is
   * stored with the session, survives {@link #regenerate()}, and counts against
   * {@link SessionOptions#setMaxSessionsPerPrincipal}.
   *
   * @param principal the user's name, 1 to 256 characters, or null
   * @return this session
   * @throws IllegalArgumentException when the name is empty or too long
   */
  Session setPrincipal(String principal);

  /**
   * What the application said of this session to its user.
   *
   * @return the description, or null
   */
  String description();

  /**
   * Describes this session to its user, for a "where you are signed in" list: the browser and place of the log-in,
   * say. Kept small: at most 256 characters.
   *
   * @param description the description, or null
   * @return this session
   * @throws IllegalArgumentException when it is too long
   */
  Session setDescription(String description);

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
