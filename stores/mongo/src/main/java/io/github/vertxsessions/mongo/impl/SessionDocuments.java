package io.github.vertxsessions.mongo.impl;

import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The document layout of a session:
 * <pre>
 * { _id: "&lt;session ID&gt;",
 *   data: { &lt;escaped name&gt;: &lt;value&gt;, ... },        // or, when encrypting,
 *   encryptedData: { key: "&lt;fingerprint&gt;", nonce: BinData, ciphertext: BinData },
 *   version: NumberLong, createdAt: ISODate, lastAccessedAt: ISODate, expiresAt: ISODate,
 *   idleTimeout: NumberLong, maxLifetime: NumberLong, cookieMaxAge: NumberLong,      // milliseconds
 *   principal: "&lt;user&gt;",                                 // absent when nobody is logged in
 *   description: "&lt;text&gt;",                               // absent when none; or, when encrypting,
 *   encryptedDescription: { key: "&lt;fingerprint&gt;", nonce: BinData, ciphertext: BinData } }
 * </pre>
 * {@code expiresAt} is {@link SessionRecord#expiresAt()}, kept as a field of its own for the TTL index and for
 * filters; names are escaped as {@link FieldNames} describes. {@code principal} is {@link SessionOwner#principal()},
 * in clear even when encrypting, since the store finds a user's sessions by it (the index on it is sparse, so
 * anonymous sessions cost it nothing); the description is sealed like the data when encrypting, as it may say where
 * and on what a user logged in, under associated data of its own so that a data blob does not open as a
 * description, nor a description as data.
 */
final class SessionDocuments {

  static final String ID = "_id";
  static final String DATA = "data";
  static final String ENCRYPTED_DATA = "encryptedData";
  static final String VERSION = "version";
  static final String CREATED_AT = "createdAt";
  static final String LAST_ACCESSED_AT = "lastAccessedAt";
  static final String EXPIRES_AT = "expiresAt";
  static final String IDLE_TIMEOUT = "idleTimeout";
  static final String MAX_LIFETIME = "maxLifetime";
  static final String COOKIE_MAX_AGE = "cookieMaxAge";
  static final String PRINCIPAL = "principal";
  static final String DESCRIPTION = "description";
  static final String ENCRYPTED_DESCRIPTION = "encryptedDescription";
  /** Appended to the session ID as the associated data of a sealed description (the handler's IDs hold no {@code #}). */
  private static final String DESCRIPTION_AAD_SUFFIX = "#description";
  /** The nonce of sealed data: new with every write, so it identifies the blob a document holds. */
  static final String NONCE_PATH = ENCRYPTED_DATA + "." + DataCipher.NONCE;

  private static final Logger LOG = LoggerFactory.getLogger(MongoSessionStore.class);

  private final String collection;
  private final DataCipher cipher;

  SessionDocuments(String collection, DataCipher cipher) {
    this.collection = collection;
    this.cipher = cipher;
  }

  boolean encrypts() {
    return cipher.enabled();
  }

  JsonObject toDocument(SessionRecord record) {
    JsonObject document = new JsonObject().put(ID, record.id());
    putData(document, record.id(), record.data());
    document
      .put(VERSION, record.version())
      .put(CREATED_AT, BsonDates.date(record.createdAt()))
      .put(LAST_ACCESSED_AT, BsonDates.date(record.lastAccessedAt()))
      .put(EXPIRES_AT, BsonDates.date(record.expiresAt()))
      .put(IDLE_TIMEOUT, record.idleTimeout())
      .put(MAX_LIFETIME, record.maxLifetime())
      .put(COOKIE_MAX_AGE, record.cookieMaxAge());
    putOwner(document, new JsonObject(), record.id(), record.owner()); // a new document: nothing to unset
    return document;
  }

  /**
   * The owner's fields for a write that stores {@code owner}: what it has into {@code set}, what it has not (as
   * {@code $unset} entries) into {@code unset}. Saves that leave the owner as it is call nothing of this.
   */
  void putOwner(JsonObject set, JsonObject unset, String id, SessionOwner owner) {
    if (owner.principal() != null) {
      set.put(PRINCIPAL, owner.principal());
    } else {
      unset.put(PRINCIPAL, "");
    }
    String field = descriptionField();
    if (owner.description() != null) {
      set.put(field, cipher.enabled() ? sealDescription(id, owner.description()) : owner.description());
    } else {
      unset.put(field, "");
    }
  }

  /**
   * The description of {@code record} sealed again with the current key, when {@code document} holds it sealed with
   * an older one (a key rotation), so that an encrypted rewrite of the data leaves nothing on the old key; else
   * {@code null}, and the description is not written.
   */
  JsonObject resealedDescription(JsonObject document, SessionRecord record) {
    JsonObject sealed = document.getJsonObject(ENCRYPTED_DESCRIPTION);
    if (!cipher.enabled() || sealed == null || record.owner().description() == null
      || cipher.sealedWithCurrentKey(sealed)) {
      return null;
    }
    return sealDescription(record.id(), record.owner().description());
  }

  /** The field the description is kept in: in clear, or sealed when encrypting. */
  String descriptionField() {
    return cipher.enabled() ? ENCRYPTED_DESCRIPTION : DESCRIPTION;
  }

  /** Sealed as a JSON string, so that it can never be read as the JSON object of a data blob, nor the other way. */
  private JsonObject sealDescription(String id, String description) {
    return cipher.seal(id + DESCRIPTION_AAD_SUFFIX, Json.encode(description).getBytes(StandardCharsets.UTF_8));
  }

  /** Puts the whole of {@code data} into {@code target}: the {@code data} subdocument or its sealed form. */
  void putData(JsonObject target, String id, Map<String, Object> data) {
    if (cipher.enabled()) {
      byte[] json = new JsonObject(new HashMap<>(data)).toBuffer().getBytes();
      target.put(ENCRYPTED_DATA, cipher.seal(id, json));
    } else {
      JsonObject escaped = new JsonObject();
      data.forEach((name, value) -> escaped.put(FieldNames.escape(name), FieldNames.escapeValue(value)));
      target.put(DATA, escaped);
    }
  }

  /** The path of attribute {@code name} for {@code $set} and {@code $unset}; clear data only. */
  static String dataPath(String name) {
    return DATA + "." + FieldNames.escape(name);
  }

  static Object dataValue(Object value) {
    return FieldNames.escapeValue(value);
  }

  /** The nonce of a document's sealed data, as a filter value; only for a document that was read successfully. */
  static JsonObject nonce(JsonObject document) {
    return document.getJsonObject(ENCRYPTED_DATA).getJsonObject(DataCipher.NONCE);
  }

  /**
   * The session a document holds, or {@code null}, logged, when it cannot be read: a foreign or damaged document,
   * a blob that no configured key opens, clear data while encryption is on. Such a session counts as missing.
   */
  SessionRecord fromDocument(JsonObject document) {
    try {
      String id = document.getString(ID);
      return SessionRecord.builder(id).data(data(document, id)).version(number(document, VERSION))
        .createdAt(BsonDates.millis(document.getValue(CREATED_AT)))
        .lastAccessedAt(BsonDates.millis(document.getValue(LAST_ACCESSED_AT)))
        .idleTimeout(number(document, IDLE_TIMEOUT)).maxLifetime(number(document, MAX_LIFETIME))
        .cookieMaxAge(number(document, COOKIE_MAX_AGE)).owner(owner(document, id)).build();
    } catch (RuntimeException | GeneralSecurityException e) {
      LOG.warn("Session {} in collection '{}' cannot be read and counts as missing: {}",
        SessionRecord.redact(String.valueOf(document.getValue(ID))), collection, e.toString());
      return null;
    }
  }

  private Map<String, Object> data(JsonObject document, String id) throws GeneralSecurityException {
    Map<String, Object> data = new HashMap<>();
    if (cipher.enabled()) {
      JsonObject sealed = document.getJsonObject(ENCRYPTED_DATA);
      if (sealed == null) {
        throw new IllegalArgumentException("no encryptedData although encryption is on");
      }
      new JsonObject(Buffer.buffer(cipher.open(id, sealed))).forEach(e -> data.put(e.getKey(), e.getValue()));
    } else {
      JsonObject clear = document.getJsonObject(DATA);
      if (clear == null) {
        throw new IllegalArgumentException("no data subdocument" + (document.containsKey(ENCRYPTED_DATA)
          ? " (it is encrypted, but no encryption keys are configured)" : ""));
      }
      clear.forEach(e -> data.put(FieldNames.unescape(e.getKey()), FieldNames.unescapeValue(e.getValue())));
    }
    return Collections.unmodifiableMap(data);
  }

  private SessionOwner owner(JsonObject document, String id) throws GeneralSecurityException {
    String principal = string(document, PRINCIPAL);
    String description;
    if (cipher.enabled()) {
      if (document.containsKey(DESCRIPTION)) {
        throw new IllegalArgumentException("a description in clear although encryption is on");
      }
      JsonObject sealed = document.getJsonObject(ENCRYPTED_DESCRIPTION);
      description = sealed == null ? null : openDescription(id, sealed);
    } else {
      if (document.containsKey(ENCRYPTED_DESCRIPTION)) {
        throw new IllegalArgumentException("the description is encrypted, but no encryption keys are configured");
      }
      description = string(document, DESCRIPTION);
    }
    // the record's checks apply: a stored name or description beyond the limits reads as damaged
    return principal == null && description == null ? SessionOwner.NONE : new SessionOwner(principal, description);
  }

  private String openDescription(String id, JsonObject sealed) throws GeneralSecurityException {
    byte[] json = cipher.open(id + DESCRIPTION_AAD_SUFFIX, sealed);
    if (Json.decodeValue(Buffer.buffer(json)) instanceof String description) {
      return description;
    }
    throw new IllegalArgumentException("the sealed description is not a string");
  }

  /** An optional string field: null when absent, an error when of another type. */
  private static String string(JsonObject document, String field) {
    Object value = document.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException("'" + field + "' is not a string");
  }

  private static long number(JsonObject document, String field) {
    if (document.getValue(field) instanceof Number number) {
      return number.longValue();
    }
    throw new IllegalArgumentException("'" + field + "' is not a number");
  }
}
