package io.github.vertxsessions.mongo.impl;

import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   idleTimeout: NumberLong, maxLifetime: NumberLong, cookieMaxAge: NumberLong }      // milliseconds
 * </pre>
 * {@code expiresAt} is {@link SessionRecord#expiresAt()}, kept as a field of its own for the TTL index and for
 * filters; names are escaped as {@link FieldNames} describes.
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
    return document
      .put(VERSION, record.version())
      .put(CREATED_AT, BsonDates.date(record.createdAt()))
      .put(LAST_ACCESSED_AT, BsonDates.date(record.lastAccessedAt()))
      .put(EXPIRES_AT, BsonDates.date(record.expiresAt()))
      .put(IDLE_TIMEOUT, record.idleTimeout())
      .put(MAX_LIFETIME, record.maxLifetime())
      .put(COOKIE_MAX_AGE, record.cookieMaxAge());
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
      return new SessionRecord(id, data(document, id), number(document, VERSION),
        BsonDates.millis(document.getValue(CREATED_AT)), BsonDates.millis(document.getValue(LAST_ACCESSED_AT)),
        number(document, IDLE_TIMEOUT), number(document, MAX_LIFETIME), number(document, COOKIE_MAX_AGE));
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

  private static long number(JsonObject document, String field) {
    if (document.getValue(field) instanceof Number number) {
      return number.longValue();
    }
    throw new IllegalArgumentException("'" + field + "' is not a number");
  }
}
