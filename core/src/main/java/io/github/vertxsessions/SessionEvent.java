package io.github.vertxsessions;

import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Something that happened to a session: what the handler and the stores publish on the event bus (see
 * {@link SessionOptions#setEventsAddress}) and tell {@link SessionObserver}s. It names the session only by its
 * redacted form, the one the logs use ({@link SessionRecord#redact}), never by its ID, and carries no attribute.
 *
 * <p>Its JSON form, the body of each event-bus message:
 * <pre>{"type":"regenerated","session":"Yt3kq0…","previous":"pP0q8Z…","principal":"alice","store":"redis",
 * "at":"2026-01-01T10:00:00.120Z"}</pre>
 * {@code previous} is there only for {@code regenerated}, {@code principal} only when the session has one and the
 * publisher knows it.
 */
@DataObject
public final class SessionEvent {

  /** What happened. */
  public enum Type {
    /** A new session was stored for the first time. */
    CREATED("created"),
    /** A session moved to a new ID ({@link Session#regenerate()}); {@link #previous()} names the old one. */
    REGENERATED("regenerated"),
    /** A session was destroyed by its own request ({@link Session#destroy()}). */
    DESTROYED("destroyed"),
    /** A session was revoked through a {@link SessionRegistry}. */
    REVOKED("revoked"),
    /** A session was revoked to keep its user within {@link SessionOptions#setMaxSessionsPerPrincipal}. */
    LIMIT_EVICTED("limitEvicted"),
    /** A store removed a session past its expiry, where the store observes it. */
    EXPIRED("expired"),
    /** A store removed a live session to make room ({@code maxSessions} of the local store). */
    EVICTED("evicted");

    private final String jsonName;

    Type(String jsonName) {
      this.jsonName = jsonName;
    }

    /**
     * The name in the JSON form.
     *
     * @return such as {@code "limitEvicted"}
     */
    public String jsonName() {
      return jsonName;
    }

    static Type fromJson(String name) {
      for (Type type : values()) {
        if (type.jsonName.equals(name) || type.name().equals(name.toUpperCase(Locale.ROOT))) {
          return type;
        }
      }
      throw new IllegalArgumentException("Unknown session event type: " + name);
    }
  }

  private final Type type;
  private final String session;
  private final String previous;
  private final String principal;
  private final String store;
  private final Instant at;

  private SessionEvent(Type type, String session, String previous, String principal, String store, Instant at) {
    this.type = Objects.requireNonNull(type, "type");
    this.session = Objects.requireNonNull(session, "session");
    this.previous = previous;
    this.principal = principal;
    this.store = Objects.requireNonNull(store, "store");
    this.at = Objects.requireNonNull(at, "at");
  }

  /**
   * An event about the session {@code id}, which only its redacted form leaves this call with.
   *
   * @param type      what happened
   * @param id        the session's full ID
   * @param principal its user, or null if it has none or it is not known
   * @param store     the store's {@link io.github.vertxsessions.spi.SessionStore#type() type}
   * @param at        when
   * @return the event
   */
  public static SessionEvent of(Type type, String id, String principal, String store, Instant at) {
    return new SessionEvent(type, SessionRecord.redact(id), null, principal, store, at);
  }

  /**
   * A {@link Type#REGENERATED} event.
   *
   * @param id         the session's new ID
   * @param previousId the ID it had before
   * @param principal  its user, or null
   * @param store      the store's type
   * @param at         when
   * @return the event
   */
  public static SessionEvent regenerated(String id, String previousId, String principal, String store, Instant at) {
    return new SessionEvent(Type.REGENERATED, SessionRecord.redact(id), SessionRecord.redact(previousId), principal,
      store, at);
  }

  /**
   * An event from its JSON form, as an event-bus consumer receives it.
   *
   * @param json the message body
   */
  public SessionEvent(JsonObject json) {
    this(Type.fromJson(json.getString("type")), json.getString("session"), json.getString("previous"),
      json.getString("principal"), json.getString("store"), json.getInstant("at"));
  }

  /**
   * The JSON form, the body of the event-bus message.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type.jsonName).put("session", session);
    if (previous != null) {
      json.put("previous", previous);
    }
    if (principal != null) {
      json.put("principal", principal);
    }
    return json.put("store", store).put("at", at);
  }

  /**
   * What happened.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * The session, redacted as in the logs.
   *
   * @return such as {@code "Yt3kq0…"}
   */
  public String session() {
    return session;
  }

  /**
   * The ID a regenerated session had before, redacted.
   *
   * @return the redacted ID, or null for every other type
   */
  public String previous() {
    return previous;
  }

  /**
   * The session's user.
   *
   * @return the principal, or null if the session has none or the publisher does not know it
   */
  public String principal() {
    return principal;
  }

  /**
   * The store the session is in.
   *
   * @return its {@link io.github.vertxsessions.spi.SessionStore#type() type}, such as {@code "local"}
   */
  public String store() {
    return store;
  }

  /**
   * When it happened, by the store's clock.
   *
   * @return the instant
   */
  public Instant at() {
    return at;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
