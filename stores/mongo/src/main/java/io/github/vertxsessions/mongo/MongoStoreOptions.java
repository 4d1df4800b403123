package io.github.vertxsessions.mongo;

import io.github.vertxsessions.Durations;
import io.github.vertxsessions.OptionsJson;
import io.github.vertxsessions.mongo.impl.DataCipher;
import io.github.vertxsessions.mongo.impl.WriteConcerns;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of the {@link MongoSessionStore}, a Vert.x data object: {@link #MongoStoreOptions(JsonObject)} reads them
 * from JSON under the names of their setters, and {@link #toJson()} writes them, leaving the encryption keys out; the
 * clock is set in code only. Which database the sessions go to, and how to reach it, is the client's business.
 */
@DataObject
public class MongoStoreOptions {

  /** The collection that holds one document per session; stores sharing a database need collections of their own. */
  public static final String DEFAULT_COLLECTION = "sessions";
  /**
   * How often the store's sweeper deletes expired sessions. MongoDB's own TTL monitor removes them too (about once a
   * minute); the sweeper covers servers that do not enforce TTL indexes. Reads never depend on either.
   */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(60);
  /** Expired sessions one sweeper batch deletes at most; a full batch is followed at once by the next one. */
  public static final int DEFAULT_SWEEP_BATCH_SIZE = 1_000;

  private String collection = DEFAULT_COLLECTION;
  private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
  private int sweepBatchSize = DEFAULT_SWEEP_BATCH_SIZE;
  private String writeConcern;
  private List<String> encryptionKeys = List.of();
  private Clock clock = Clock.systemUTC();

  /** Options with every default: the {@value #DEFAULT_COLLECTION} collection, in clear. */
  public MongoStoreOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public MongoStoreOptions(MongoStoreOptions other) {
    this.collection = other.collection;
    this.sweepInterval = other.sweepInterval;
    this.sweepBatchSize = other.sweepBatchSize;
    this.writeConcern = other.writeConcern;
    this.encryptionKeys = other.encryptionKeys;
    this.clock = other.clock;
  }

  /**
   * Options from JSON: {@code collection}, {@code sweepInterval} (an ISO-8601 string such as {@code "PT1M"}, or
   * milliseconds), {@code sweepBatchSize}, {@code writeConcern} and {@code encryptionKeys} (an array of strings); a
   * missing name keeps its default. Any other key, and a value of the wrong type, is refused.
   *
   * @param json the options
   * @throws IllegalArgumentException naming the option at fault, as the setters do, or the unknown key
   */
  public MongoStoreOptions(JsonObject json) {
    OptionsJson in = new OptionsJson(MongoStoreOptions.class, json);
    setCollection(in.getString("collection", DEFAULT_COLLECTION));
    setSweepInterval(in.getDuration("sweepInterval", DEFAULT_SWEEP_INTERVAL));
    setSweepBatchSize(in.getInteger("sweepBatchSize", DEFAULT_SWEEP_BATCH_SIZE));
    setWriteConcern(in.getString("writeConcern", null));
    setEncryptionKeys(in.getStrings("encryptionKeys", List.of()));
    in.rejectUnknownKeys();
  }

  /**
   * The JSON form, under the names the JSON constructor reads. The encryption keys are left out, so that logging the
   * options never leaks them, and so is the clock; a round trip through JSON therefore needs the keys set again.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("collection", collection)
      .put("sweepInterval", Durations.toJson(sweepInterval))
      .put("sweepBatchSize", sweepBatchSize);
    if (writeConcern != null) {
      json.put("writeConcern", writeConcern);
    }
    return json;
  }

  /**
   * The collection that holds the sessions; see {@link #setCollection}.
   *
   * @return the collection's name
   */
  public String getCollection() {
    return collection;
  }

  /**
   * The collection that holds the sessions; default {@value #DEFAULT_COLLECTION}. See {@link #DEFAULT_COLLECTION}.
   *
   * @param collection a valid MongoDB collection name: not empty, without {@code $} or NUL, not starting with
   *                   {@code system.}
   * @return these options
   * @throws IllegalArgumentException if it is not such a name
   */
  public MongoStoreOptions setCollection(String collection) {
    if (collection == null || collection.isEmpty() || collection.contains("$") || collection.indexOf('\0') >= 0
      || collection.startsWith("system.")) {
      throw new IllegalArgumentException("collection must be a valid MongoDB collection name (not empty, no '$', "
        + "not starting with 'system.'), not '" + collection + "'");
    }
    this.collection = collection;
    return this;
  }

  /**
   * How often the store's sweeper runs; see {@link #setSweepInterval}.
   *
   * @return the interval
   */
  public Duration getSweepInterval() {
    return sweepInterval;
  }

  /**
   * How often the store's sweeper deletes expired sessions; default 60 seconds. See {@link #DEFAULT_SWEEP_INTERVAL}.
   *
   * @param sweepInterval a positive duration
   * @return these options
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public MongoStoreOptions setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = Durations.requirePositive("sweepInterval", sweepInterval);
    return this;
  }

  /**
   * Expired sessions one sweeper batch deletes at most; see {@link #setSweepBatchSize}.
   *
   * @return the batch size
   */
  public int getSweepBatchSize() {
    return sweepBatchSize;
  }

  /**
   * Expired sessions one sweeper batch deletes at most; default {@value #DEFAULT_SWEEP_BATCH_SIZE}. A full batch is
   * followed at once by the next one.
   *
   * @param sweepBatchSize at least 1
   * @return these options
   * @throws IllegalArgumentException if it is less than 1
   */
  public MongoStoreOptions setSweepBatchSize(int sweepBatchSize) {
    if (sweepBatchSize < 1) {
      throw new IllegalArgumentException("sweepBatchSize must be at least 1, not " + sweepBatchSize);
    }
    this.sweepBatchSize = sweepBatchSize;
    return this;
  }

  /**
   * The write concern of the store's writes; see {@link #setWriteConcern}.
   *
   * @return its name as set, or {@code null} for the client's
   */
  public String getWriteConcern() {
    return writeConcern;
  }

  /**
   * The write concern of the store's writes, by name: {@code majority}, {@code acknowledged}, {@code journaled},
   * {@code fsynced} or {@code replica_acknowledged} (any case). {@code null}, the default, uses the client's, as set
   * by its connection string ({@code w=majority}) or configuration. Unacknowledged writes are refused: the store must
   * know whether a save matched a live session.
   *
   * @param writeConcern one of those names, or {@code null} for the client's
   * @return these options
   * @throws IllegalArgumentException for any other name
   */
  public MongoStoreOptions setWriteConcern(String writeConcern) {
    if (writeConcern != null) {
      if (WriteConcerns.parse(writeConcern) == null) {
        throw new IllegalArgumentException("writeConcern must be one of majority, acknowledged, journaled, fsynced, "
          + "replica_acknowledged (or null for the client's), not '" + writeConcern + "'");
      }
    }
    this.writeConcern = writeConcern;
    return this;
  }

  /**
   * The keys session data is encrypted with; see {@link #setEncryptionKeys}.
   *
   * @return an unmodifiable list, empty when data is stored in clear
   */
  public List<String> getEncryptionKeys() {
    return encryptionKeys;
  }

  /**
   * Turns on encryption at rest of session data: base64-encoded 32-byte AES-256 keys. The first key encrypts, every
   * key decrypts, so a new key is rolled in by putting it first and the old one is dropped once sessions written
   * with it have expired. Empty, the default, stores data in clear.
   *
   * @param encryptionKeys the keys, possibly none; the list is copied
   * @return these options
   * @throws IllegalArgumentException naming the key at fault if one is not 32 bytes in base64
   */
  public MongoStoreOptions setEncryptionKeys(List<String> encryptionKeys) {
    Objects.requireNonNull(encryptionKeys, "encryptionKeys");
    for (int i = 0; i < encryptionKeys.size(); i++) {
      if (!DataCipher.isValidKey(encryptionKeys.get(i))) {
        throw new IllegalArgumentException("encryptionKeys[" + i + "] must be 32 bytes (AES-256) in base64");
      }
    }
    this.encryptionKeys = List.copyOf(encryptionKeys);
    return this;
  }

  /**
   * Where the store's time comes from; see {@link #setClock}.
   *
   * @return the clock
   */
  @GenIgnore
  public Clock getClock() {
    return clock;
  }

  /**
   * Where the store's time comes from, and so the session handler's; default the system clock in UTC. Tests pass a
   * clock they move by hand. Set in code only, not in JSON.
   *
   * @param clock the clock, not null
   * @return these options
   */
  @GenIgnore
  public MongoStoreOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }
}
