package io.github.vertxsessions.mongo;

import io.github.vertxsessions.mongo.impl.DataCipher;
import io.github.vertxsessions.mongo.impl.WriteConcerns;
import io.github.vertxsessions.spi.support.Durations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Options of the {@link MongoSessionStore}. */
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

  public MongoStoreOptions() {
  }

  public MongoStoreOptions(MongoStoreOptions other) {
    this.collection = other.collection;
    this.sweepInterval = other.sweepInterval;
    this.sweepBatchSize = other.sweepBatchSize;
    this.writeConcern = other.writeConcern;
    this.encryptionKeys = other.encryptionKeys;
    this.clock = other.clock;
  }

  public MongoStoreOptions(JsonObject json) {
    setCollection(json.getString("collection", DEFAULT_COLLECTION));
    setSweepInterval(Objects.requireNonNullElse(Durations.fromJson("sweepInterval", json.getValue("sweepInterval")),
      DEFAULT_SWEEP_INTERVAL));
    setSweepBatchSize(json.getInteger("sweepBatchSize", DEFAULT_SWEEP_BATCH_SIZE));
    setWriteConcern(json.getString("writeConcern"));
    setEncryptionKeys(json.getJsonArray("encryptionKeys", new JsonArray()).stream().map(String::valueOf).toList());
  }

  /** The JSON form; the clock is set in code only, and encryption keys are left out so that logging never leaks them. */
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

  public String getCollection() {
    return collection;
  }

  /** See {@link #DEFAULT_COLLECTION}. */
  public MongoStoreOptions setCollection(String collection) {
    if (collection == null || collection.isEmpty() || collection.contains("$") || collection.indexOf('\0') >= 0
      || collection.startsWith("system.")) {
      throw new IllegalArgumentException("collection must be a valid MongoDB collection name (not empty, no '$', "
        + "not starting with 'system.'), not '" + collection + "'");
    }
    this.collection = collection;
    return this;
  }

  public Duration getSweepInterval() {
    return sweepInterval;
  }

  /** See {@link #DEFAULT_SWEEP_INTERVAL}. */
  public MongoStoreOptions setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = Durations.requirePositive("sweepInterval", sweepInterval);
    return this;
  }

  public int getSweepBatchSize() {
    return sweepBatchSize;
  }

  /** See {@link #DEFAULT_SWEEP_BATCH_SIZE}. */
  public MongoStoreOptions setSweepBatchSize(int sweepBatchSize) {
    if (sweepBatchSize < 1) {
      throw new IllegalArgumentException("sweepBatchSize must be at least 1, not " + sweepBatchSize);
    }
    this.sweepBatchSize = sweepBatchSize;
    return this;
  }

  public String getWriteConcern() {
    return writeConcern;
  }

  /**
   * The write concern of the store's writes, by name: {@code majority}, {@code acknowledged}, {@code journaled},
   * {@code fsynced} or {@code replica_acknowledged} (any case). {@code null}, the default, uses the client's, as set
   * by its connection string ({@code w=majority}) or configuration. Unacknowledged writes are refused: the store must
   * know whether a save matched a live session.
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

  public List<String> getEncryptionKeys() {
    return encryptionKeys;
  }

  /**
   * Turns on encryption at rest of session data: base64-encoded 32-byte AES-256 keys. The first key encrypts, every
   * key decrypts, so a new key is rolled in by putting it first and the old one is dropped once sessions written
   * with it have expired. Empty, the default, stores data in clear.
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

  public Clock getClock() {
    return clock;
  }

  /** Where the store's time comes from; tests pass a clock they move by hand. */
  public MongoStoreOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }
}
