package io.github.vertxsessions;

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
 * when the response headers are written, unless the status is 5xx: only the attributes that changed, including JSON
 * containers changed in place. The explicit operations below complete only once the store has acknowledged them, and
 * fail when the store fails or takes longer than the {@link SessionOptions#setWriteTimeout write timeout}. A session
 * belongs to one request and is used on its event loop.
 *
 * <p>Numbers are kept in one form whatever the store: a whole number ({@code Byte}, {@code Short}, {@code Integer},
 * {@code Long}, or an integral {@code BigInteger} or {@code BigDecimal}) as an {@code Integer} if it fits 32 bits,
 * else a {@code Long}; any other number as a {@code Double}. NaN, infinities and whole numbers beyond 64 bits are
 * refused. {@code put} keeps a number in that form at once, and numbers inside a {@code JsonObject} or
 * {@code JsonArray} take it when the session is saved, so {@code put("views", 5L)} reads back as the
 * {@code Integer} 5 from every store. The typed getters, such as {@link #getLong}, read a number as the class they
 * name whenever its value fits.
 *
 * <p>Attribute names starting with {@code __flash:} are reserved for {@linkplain #flash flash values}: {@code put}
 * refuses them, and {@code get}, {@code remove} and {@code data()} see no attribute there.
 */
public interface Session {

  /**
   * The session ID, the credential the cookie carries. A new session gets its ID the first time one is needed (here,
   * or when it is saved), and a new one from {@link #regenerate()}; a creation that collides with a live session
   * also draws a new ID. Never log it whole: {@link io.github.vertxsessions.spi.SessionRecord#redact} shortens it.
   *
   * @return the current ID, never null
   */
  String id();

  /**
   * Attribute {@code name}, unchecked: the caller names the class it expects, and a wrong guess fails where the value
   * is used. The typed getters below check the class and convert numbers; prefer them.
   *
   * <p>A {@code JsonObject} or {@code JsonArray} returned is the session's own: changes made to it in place are
   * saved.
   *
   * @param name the attribute's name
   * @param <T>  the class the caller expects
   * @return the value, or {@code null} if the attribute is missing or null, or the name is
   *         {@linkplain #flash reserved for flash values}
   */
  <T> T get(String name);

  /**
   * Attribute {@code name} as a {@code String}.
   *
   * @param name the attribute's name
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else
   */
  default String getString(String name) {
    return AttributeTypes.as(name, get(name), String.class);
  }

  /**
   * Attribute {@code name} as an {@code Integer}: a {@code Long} or {@code Double} converts if its value is a whole
   * number within 32 bits.
   *
   * @param name the attribute's name
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else, or a number that
   *                            does not fit
   */
  default Integer getInteger(String name) {
    return AttributeTypes.as(name, get(name), Integer.class);
  }

  /**
   * Attribute {@code name} as a {@code Long}: an {@code Integer} converts, and so does a {@code Double} whose value
   * is a whole number within 64 bits.
   *
   * @param name the attribute's name
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else, or a number that
   *                            does not fit
   */
  default Long getLong(String name) {
    return AttributeTypes.as(name, get(name), Long.class);
  }

  /**
   * Attribute {@code name} as a {@code Double}: an {@code Integer} converts, and so does a {@code Long} that a
   * {@code Double} holds exactly (any within 2<sup>53</sup>).
   *
   * @param name the attribute's name
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else, or a number that
   *                            does not fit
   */
  default Double getDouble(String name) {
    return AttributeTypes.as(name, get(name), Double.class);
  }

  /**
   * Attribute {@code name} as a {@code Boolean}.
   *
   * @param name the attribute's name
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else
   */
  default Boolean getBoolean(String name) {
    return AttributeTypes.as(name, get(name), Boolean.class);
  }

  /**
   * Attribute {@code name} as a {@code JsonObject}; changes made to it in place are saved.
   *
   * @param name the attribute's name
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else
   */
  default JsonObject getJsonObject(String name) {
    return AttributeTypes.as(name, get(name), JsonObject.class);
  }

  /**
   * Attribute {@code name} as a {@code JsonArray}; changes made to it in place are saved.
   *
   * @param name the attribute's name
   * @return the value, or {@code null} if the attribute is missing or null
   * @throws ClassCastException naming the attribute and its type if it holds something else
   */
  default JsonArray getJsonArray(String name) {
    return AttributeTypes.as(name, get(name), JsonArray.class);
  }

  /**
   * Sets attribute {@code name}. A number is kept in the form described above at once; a {@code JsonObject} or
   * {@code JsonArray} is kept as it is, not copied, so changes made to it afterwards are saved too. A {@code null}
   * value is kept as an attribute holding null; {@link #remove} removes one.
   *
   * @param name  the attribute's name
   * @param value a JSON value
   * @return this session
   * @throws IllegalArgumentException naming the attribute if the value is not a JSON value, or holds one that JSON
   *                                  cannot carry (NaN, an infinity, a whole number beyond 64 bits), or if the
   *                                  name starts with {@code __flash:}, which is {@linkplain #flash reserved}
   * @throws IllegalStateException    if the session was destroyed
   */
  Session put(String name, Object value);

  /**
   * Removes attribute {@code name}; removing a missing one changes nothing, and so does a name
   * {@linkplain #flash reserved for flash values} ({@link #takeFlash} removes those).
   *
   * @param name the attribute's name
   * @param <T>  the class the caller expects, unchecked as for {@link #get}
   * @return the value it held, or {@code null} if it was missing or null
   */
  <T> T remove(String name);

  /**
   * Keeps a value for a later request to {@linkplain #takeFlash take} once: the "saved" notice shown after a
   * redirect, say. It stays in the session, through requests that do not take it and through {@link #regenerate()},
   * until one does, or the session ends. It is saved like any change, as one attribute rather than the whole session,
   * and it makes a new session worth storing.
   *
   * <pre>{@code
   * router.post("/profile").handler(ctx -> {
   *   SessionHandler.session(ctx).flash("notice", "Profile saved");
   *   ctx.redirect("/profile");
   * });
   * router.get("/profile").handler(ctx -> {
   *   String notice = SessionHandler.session(ctx).takeFlash("notice"); // null when there is none
   *   ctx.end(notice == null ? "Your profile" : notice);
   * });
   * }</pre>
   *
   * <p>Each flash is kept as an attribute of its own, named {@code __flash:} followed by {@code name}, so every
   * store keeps it, and two requests that flash different names at once both keep theirs. Those attributes are not
   * the application's: {@link #data()}, {@link #get} and {@link #remove} leave them out, and {@link #put} refuses
   * their names. Flashing a name again replaces its value.
   *
   * @param name  the flash's name, any string
   * @param value a JSON value, as for {@link #put}; a {@code null} is kept and taken as {@code null}
   * @return this session
   * @throws NullPointerException     if {@code name} is null
   * @throws IllegalArgumentException if the value is not a JSON value, as for {@link #put}
   * @throws IllegalStateException    if the session was destroyed
   */
  Session flash(String name, Object value);

  /**
   * Returns the flash value {@code name} and removes it: the removal is saved like any change, and later requests
   * no longer find it.
   *
   * <p>Two requests of one session that run at once each load the session before either saves, so both may take
   * the same flash: a flash is shown at least once, not exactly once. A save removes an attribute whether or not
   * another request removed it first, so the take that comes second cannot learn that it did. A take whose save lands
   * after another request flashed the same name anew removes that new value too, as {@link #remove} would.
   *
   * @param name the flash's name
   * @param <T>  the class the caller expects, unchecked as for {@link #get}
   * @return the value, or {@code null} if there is no such flash (or it holds null)
   * @throws NullPointerException if {@code name} is null
   */
  <T> T takeFlash(String name);

  /**
   * A read-only view of every attribute, which follows later changes. Its {@code JsonObject} and {@code JsonArray}
   * values are the session's own, as from {@link #get}. {@linkplain #flash Flash values} are not in it: only
   * {@link #takeFlash} reads them, so that listing the attributes never shows a flash nor uses it up.
   *
   * @return the attributes by name, flash values left out
   */
  Map<String, Object> data();

  /**
   * Whether the session holds no attribute and no {@linkplain #flash flash value}. A session holding a flash alone
   * is not empty, though its {@link #data()} is.
   *
   * @return true when {@link #data()} is empty and no flash is pending
   */
  boolean isEmpty();

  /**
   * Whether this session was created by the current request rather than loaded from the store.
   *
   * @return true for a session the store did not hold when the request came in
   */
  boolean isNew();

  /**
   * When the session was created, by the store's clock.
   *
   * @return the creation time
   */
  Instant createdAt();

  /**
   * The last access the store recorded; refreshed at most once per touch interval.
   *
   * @return the last recorded access; for a new session, its creation
   */
  Instant lastAccessedAt();

  /**
   * When the store will forget this session unless it is used again: the last recorded access plus the idle timeout,
   * capped by the creation plus the maximum lifetime, if any.
   *
   * @return the expiry as the session stands now
   */
  Instant expiresAt();

  /**
   * "Remember me": keeps this session through {@code maxAge} of inactivity and gives its cookie the same Max-Age,
   * so it survives a browser restart. Saved with the session, like an attribute.
   *
   * @param maxAge the idle timeout and cookie Max-Age of this session; {@code null} goes back to the handler's options
   * @return this session
   * @throws IllegalArgumentException if {@code maxAge} is zero or negative
   * @throws IllegalStateException    if the session was destroyed
   */
  Session setMaxAge(Duration maxAge);

  /**
   * Gives the session a new ID, keeping its data, and deletes the old ID from the store: call it when privileges
   * change, such as at log-in, against session fixation. The response's cookie carries the new ID.
   *
   * @return completes once the session is stored under its new ID and the old one is deleted
   */
  Future<Void> regenerate();

  /**
   * Deletes the session from the store and clears the cookie. The session is then empty and refuses changes; the
   * client's next request starts a new one.
   *
   * @return completes once the store has deleted the session (at once for a session never stored)
   */
  Future<Void> destroy();

  /**
   * Whether {@link #destroy()} was called on this session.
   *
   * @return true once destroyed
   */
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
   *
   * @return true for a degraded session
   */
  boolean isDegraded();

  /**
   * Replaces the data with what the store holds now, dropping changes not saved yet.
   *
   * @return completes once reloaded; fails with {@link io.github.vertxsessions.spi.SessionGoneException} if the
   *         session is gone from the store, and with an {@link IllegalStateException} for a session not stored yet
   */
  Future<Void> reload();

  /**
   * Saves the changes now instead of when the response is sent; a new session is stored even if it holds nothing.
   * A route calls it when it changes the session after the response headers are sent (streaming), or when the next
   * request must see the change wherever it lands (a log-in before a redirect): it then answers once this completes.
   *
   * @return completes once the store has acknowledged the save (or the writes before it, when nothing changed)
   */
  Future<Void> save();

  /**
   * Moves the session's idle expiry forward now, whatever the touch interval.
   *
   * @return completes once the store has acknowledged it (at once for a session never stored)
   */
  Future<Void> touch();
}
