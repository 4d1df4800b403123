package io.github.vertxsessions.local;

import io.github.vertxsessions.spi.support.Durations;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Options of the {@link LocalSessionStore}. */
public class LocalStoreOptions {

  /** Sessions kept at most; past it the session nearest to expiry (the least recently used) is evicted. */
  public static final int DEFAULT_MAX_SESSIONS = 100_000;
  /** How often the sweeper looks for expired sessions when it has no backlog. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);
  /** Expired sessions removed per sweeper tick at most; a tick also stops after about 1 ms. */
  public static final int DEFAULT_SWEEP_BATCH_SIZE = 1_000;

  private int maxSessions = DEFAULT_MAX_SESSIONS;
  private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
  private int sweepBatchSize = DEFAULT_SWEEP_BATCH_SIZE;
  private Clock clock = Clock.systemUTC();

  public LocalStoreOptions() {
  }

  public LocalStoreOptions(LocalStoreOptions other) {
    this.maxSessions = other.maxSessions;
    this.sweepInterval = other.sweepInterval;
    this.sweepBatchSize = other.sweepBatchSize;
    this.clock = other.clock;
  }

  public LocalStoreOptions(JsonObject json) {
    setMaxSessions(json.getInteger("maxSessions", DEFAULT_MAX_SESSIONS));
    setSweepInterval(Objects.requireNonNullElse(Durations.fromJson("sweepInterval", json.getValue("sweepInterval")),
      DEFAULT_SWEEP_INTERVAL));
    setSweepBatchSize(json.getInteger("sweepBatchSize", DEFAULT_SWEEP_BATCH_SIZE));
  }

  /** The JSON form; the clock is set in code only. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("maxSessions", maxSessions)
      .put("sweepInterval", Durations.toJson(sweepInterval))
      .put("sweepBatchSize", sweepBatchSize);
  }

  public int getMaxSessions() {
    return maxSessions;
  }

  public LocalStoreOptions setMaxSessions(int maxSessions) {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, not " + maxSessions);
    }
    this.maxSessions = maxSessions;
    return this;
  }

  public Duration getSweepInterval() {
    return sweepInterval;
  }

  public LocalStoreOptions setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = Durations.requirePositive("sweepInterval", sweepInterval);
    return this;
  }

  public int getSweepBatchSize() {
    return sweepBatchSize;
  }

  public LocalStoreOptions setSweepBatchSize(int sweepBatchSize) {
    if (sweepBatchSize < 1) {
      throw new IllegalArgumentException("sweepBatchSize must be at least 1, not " + sweepBatchSize);
    }
    this.sweepBatchSize = sweepBatchSize;
    return this;
  }

  public Clock getClock() {
    return clock;
  }

  /** Where the store's time comes from; tests pass a clock they move by hand. */
  public LocalStoreOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }
}
