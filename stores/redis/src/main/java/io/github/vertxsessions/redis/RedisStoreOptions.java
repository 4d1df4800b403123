package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.support.Durations;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Options of the {@link RedisSessionStore}. */
public class RedisStoreOptions {

  /**
   * Prepended to every session ID to form its Redis key. Stores that share one Redis need prefixes of their own, and
   * no prefix may begin with another store's prefix: {@code count} and {@code clear} match keys by prefix.
   */
  public static final String DEFAULT_KEY_PREFIX = "sess:";
  /**
   * How long one Redis command may take, waiting for a connection included, before the operation's Future fails.
   * Keep it above the session handler's store timeout, which answers 503 sooner on its own.
   */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
  /** The COUNT hint of the SCAN pages that {@code count} and {@code clear} walk, and so their per-page batch. */
  public static final int DEFAULT_SCAN_COUNT = 100;
  /**
   * Commands the store keeps on its connection at once; more wait in the store, in order. Keep it below the client's
   * {@code RedisOptions.maxWaitingHandlers} (2048 by default), past which the client fails commands outright.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;

  private String keyPrefix = DEFAULT_KEY_PREFIX;
  private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
  private int scanCount = DEFAULT_SCAN_COUNT;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private Clock clock = Clock.systemUTC();

  public RedisStoreOptions() {
  }

  public RedisStoreOptions(RedisStoreOptions other) {
    this.keyPrefix = other.keyPrefix;
    this.commandTimeout = other.commandTimeout;
    this.scanCount = other.scanCount;
    this.maxInFlight = other.maxInFlight;
    this.clock = other.clock;
  }

  public RedisStoreOptions(JsonObject json) {
    setKeyPrefix(json.getString("keyPrefix", DEFAULT_KEY_PREFIX));
    setCommandTimeout(Objects.requireNonNullElse(Durations.fromJson("commandTimeout", json.getValue("commandTimeout")),
      DEFAULT_COMMAND_TIMEOUT));
    setScanCount(json.getInteger("scanCount", DEFAULT_SCAN_COUNT));
    setMaxInFlight(json.getInteger("maxInFlight", DEFAULT_MAX_IN_FLIGHT));
  }

  /** The JSON form; the clock is set in code only. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("keyPrefix", keyPrefix)
      .put("commandTimeout", Durations.toJson(commandTimeout))
      .put("scanCount", scanCount)
      .put("maxInFlight", maxInFlight);
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  /** See {@link #DEFAULT_KEY_PREFIX}; must not be empty, or {@code clear} would match every key of the database. */
  public RedisStoreOptions setKeyPrefix(String keyPrefix) {
    if (keyPrefix == null || keyPrefix.isEmpty()) {
      throw new IllegalArgumentException("keyPrefix must not be empty");
    }
    this.keyPrefix = keyPrefix;
    return this;
  }

  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  /** See {@link #DEFAULT_COMMAND_TIMEOUT}. */
  public RedisStoreOptions setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = Durations.requirePositive("commandTimeout", commandTimeout);
    return this;
  }

  public int getScanCount() {
    return scanCount;
  }

  /** See {@link #DEFAULT_SCAN_COUNT}. */
  public RedisStoreOptions setScanCount(int scanCount) {
    if (scanCount < 1) {
      throw new IllegalArgumentException("scanCount must be at least 1, not " + scanCount);
    }
    this.scanCount = scanCount;
    return this;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  /** See {@link #DEFAULT_MAX_IN_FLIGHT}. */
  public RedisStoreOptions setMaxInFlight(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    return this;
  }

  public Clock getClock() {
    return clock;
  }

  /**
   * Where the store's time comes from; tests pass a clock they move by hand. Expiry is decided by this clock (Redis
   * is told the remaining time to live, so the two clocks need not agree).
   */
  public RedisStoreOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }
}
