package io.github.vertxsessions;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One of a user's sessions as {@link SessionRegistry#list} shows it: never its ID, which is a bearer credential, but a
 * handle that names it for {@link SessionRegistry#revoke}.
 *
 * @param handle         an opaque, stable name of the session: an HMAC of its ID under the handler's secret
 * @param createdAt      when the session was created
 * @param lastAccessedAt its last recorded access
 * @param expiresAt      when it expires unless it is used again
 * @param description    what the application said of it ({@link Session#setDescription}), or null
 */
public record SessionInfo(String handle, Instant createdAt, Instant lastAccessedAt, Instant expiresAt,
                          String description) {

  /**
   * The JSON form, for an API that shows a user their sessions.
   *
   * @return {@code handle}, the times as ISO-8601 and the description when there is one
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("handle", handle).put("createdAt", createdAt.toString())
      .put("lastAccessedAt", lastAccessedAt.toString()).put("expiresAt", expiresAt.toString());
    return description == null ? json : json.put("description", description);
  }
}
