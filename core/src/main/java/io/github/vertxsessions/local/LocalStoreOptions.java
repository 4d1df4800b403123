package io.github.vertxsessions.local;

import io.github.vertxsessions.Durations;
import io.github.vertxsessions.OptionsJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of the {@link LocalSessionStore}, a Vert.x data object: {@link #LocalStoreOptions(JsonObject)} reads them
 * from JSON under the names of their setters, and {@link #toJson()} writes them; the clock is set in code only.
 */
@DataObject
public class LocalStoreOptions {

  /**
   * The default of {@link #setMaxSessions}: sessions kept at most; past it the session nearest to expiry (the least
   * recently used) is evicted.
   */
  public static final int DEFAULT_MAX_SESSIONS = 100_000;
  /**
   * The default of {@link #setSweepInterval}: how often the sweeper looks for expired sessions when it has no backlog.
   */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);
  /**
   * The default of {@link #setSweepBatchSize}: expired sessions removed per sweeper tick at most; a tick also stops
   * after about 1 ms.
   */
  public static final int DEFAULT_SWEEP_BATCH_SIZE = 1_000;

  private int maxSessions = DEFAULT_MAX_SESSIONS;
  private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
  private int sweepBatchSize = DEFAULT_SWEEP_BATCH_SIZE;
  private Clock clock = Clock.systemUTC();

  /** Options with every default. */
  public LocalStoreOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public LocalStoreOptions(LocalStoreOptions other) {
    this.maxSessions = other.maxSessions;
    this.sweepInterval = other.sweepInterval;
    this.sweepBatchSize = other.sweepBatchSize;
    this.clock = other.clock;
  }

  /**
   * Options from JSON: {@code maxSessions}, {@code sweepInterval} (an ISO-8601 string such as {@code "PT1S"}, or
   * milliseconds) and {@code sweepBatchSize}; a missing name keeps its default. Any other key, and a value of the
   * wrong type, is refused.
   *
   * @param json the options
   * @throws IllegalArgumentException naming the option at fault, as the setters do, or the unknown key
   */
  public LocalStoreOptions(JsonObject json) {
    OptionsJson in = new OptionsJson(LocalStoreOptions.class, json);
    setMaxSessions(in.getInteger("maxSessions", DEFAULT_MAX_SESSIONS));
    setSweepInterval(in.getDuration("sweepInterval", DEFAULT_SWEEP_INTERVAL));
    setSweepBatchSize(in.getInteger("sweepBatchSize", DEFAULT_SWEEP_BATCH_SIZE));
    in.rejectUnknownKeys();
  }

  /**
   * The JSON form, under the names the JSON constructor reads; the clock is set in code only.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    return new JsonObject()
      .put("maxSessions", maxSessions)
      .put("sweepInterval", Durations.toJson(sweepInterval))
      .put("sweepBatchSize", sweepBatchSize);
  }

  /**
   * The most sessions the store keeps; see {@link #setMaxSessions}.
   *
   * @return the cap
   */
  public int getMaxSessions() {
    return maxSessions;
  }

  /**
   * The most sessions the store keeps; default {@value #DEFAULT_MAX_SESSIONS}. A creation in a full store evicts the
   * session nearest to expiry (counted by {@link LocalSessionStore#evictions()}, and logged at most once a minute);
   * the cap holds at every moment, also under concurrent creations.
   *
   * @param maxSessions at least 1
   * @return these options
   * @throws IllegalArgumentException if it is less than 1
   */
  public LocalStoreOptions setMaxSessions(int maxSessions) {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, not " + maxSessions);
    }
    this.maxSessions = maxSessions;
    return this;
  }

  /**
   * How often the sweeper runs without a backlog; see {@link #setSweepInterval}.
   *
   * @return the interval
   */
  public Duration getSweepInterval() {
    return sweepInterval;
  }

  /**
   * How often the sweeper looks for expired sessions when it has no backlog; default 1 second. With a backlog, the
   * next tick follows after a millisecond. Expired sessions are never returned meanwhile: the sweep only frees memory.
   *
   * @param sweepInterval a positive duration
   * @return these options
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public LocalStoreOptions setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = Durations.requirePositive("sweepInterval", sweepInterval);
    return this;
  }

  /**
   * Expired sessions one sweeper tick removes at most; see {@link #setSweepBatchSize}.
   *
   * @return the batch size
   */
  public int getSweepBatchSize() {
    return sweepBatchSize;
  }

  /**
   * Expired sessions one sweeper tick removes at most; default {@value #DEFAULT_SWEEP_BATCH_SIZE}. A tick also stops
   * after about 1 ms, so that the event loop it runs on stays responsive.
   *
   * @param sweepBatchSize at least 1
   * @return these options
   * @throws IllegalArgumentException if it is less than 1
   */
  public LocalStoreOptions setSweepBatchSize(int sweepBatchSize) {
    if (sweepBatchSize < 1) {
      throw new IllegalArgumentException("sweepBatchSize must be at least 1, not " + sweepBatchSize);
    }
    this.sweepBatchSize = sweepBatchSize;
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
  public LocalStoreOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }
}
