package io.github.vertxsessions.redis;

import io.github.vertxsessions.Durations;
import io.github.vertxsessions.OptionsJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisOptions;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of the {@link RedisSessionStore}, a Vert.x data object: {@link #RedisStoreOptions(JsonObject)} reads them
 * from JSON under the names of their setters, and {@link #toJson()} writes them; the clock is set in code only. How
 * to reach Redis is the client's business ({@code RedisOptions}), not the store's, except that through Sentinel the
 * store asks the Sentinels itself when given their options ({@link #setSentinelOptions}).
 */
@DataObject
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
   * {@code RedisOptions.maxWaitingHandlers} (2048 by default), past which the client fails commands outright, by at
   * least 64: a batch of loads sent together (up to 64) starts on one free place and then counts all its commands.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
  /**
   * How many replicas must confirm an explicit write (a {@code save()}, {@code regenerate()}, {@code destroy()} or
   * revocation) before it succeeds: 0, so that the primary's acknowledgement is enough. See
   * {@link #setReplicaAcks}.
   */
  public static final int DEFAULT_REPLICA_ACKS = 0;
  /**
   * How long an explicit write waits for its replicas' confirmation before it fails: below the session handler's
   * default store timeout (2 seconds), so that the application sees the store's answer rather than a timeout.
   */
  public static final Duration DEFAULT_REPLICA_ACK_TIMEOUT = Duration.ofMillis(500);

  /** The default of {@link #setExpiryEvents}: Redis's expiry of sessions is not listened to. */
  public static final boolean DEFAULT_EXPIRY_EVENTS = false;

  private String keyPrefix = DEFAULT_KEY_PREFIX;
  private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
  private int scanCount = DEFAULT_SCAN_COUNT;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private int replicaAcks = DEFAULT_REPLICA_ACKS;
  private Duration replicaAckTimeout = DEFAULT_REPLICA_ACK_TIMEOUT;
  private boolean expiryEvents = DEFAULT_EXPIRY_EVENTS;
  private RedisOptions sentinelOptions;
  private Clock clock = Clock.systemUTC();

  /** Options with every default. */
  public RedisStoreOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public RedisStoreOptions(RedisStoreOptions other) {
    this.keyPrefix = other.keyPrefix;
    this.commandTimeout = other.commandTimeout;
    this.scanCount = other.scanCount;
    this.maxInFlight = other.maxInFlight;
    this.replicaAcks = other.replicaAcks;
    this.replicaAckTimeout = other.replicaAckTimeout;
    this.expiryEvents = other.expiryEvents;
    this.sentinelOptions = other.sentinelOptions == null ? null : new RedisOptions(other.sentinelOptions);
    this.clock = other.clock;
  }

  /**
   * Options from JSON: {@code keyPrefix}, {@code commandTimeout} (an ISO-8601 string such as {@code "PT5S"}, or
   * milliseconds), {@code scanCount}, {@code maxInFlight}, {@code replicaAcks}, {@code replicaAckTimeout} (as
   * {@code commandTimeout}), {@code expiryEvents} and {@code sentinelOptions} (a {@code RedisOptions} in its JSON
   * form); a missing name keeps its default. Any other key, and a value of the wrong type, is refused; what
   * {@code sentinelOptions} holds is read by {@code RedisOptions}, as the Vert.x Redis client reads it.
   *
   * @param json the options
   * @throws IllegalArgumentException naming the option at fault, as the setters do, or the unknown key
   */
  public RedisStoreOptions(JsonObject json) {
    OptionsJson in = new OptionsJson(RedisStoreOptions.class, json);
    setKeyPrefix(in.getString("keyPrefix", DEFAULT_KEY_PREFIX));
    setCommandTimeout(in.getDuration("commandTimeout", DEFAULT_COMMAND_TIMEOUT));
    setScanCount(in.getInteger("scanCount", DEFAULT_SCAN_COUNT));
    setMaxInFlight(in.getInteger("maxInFlight", DEFAULT_MAX_IN_FLIGHT));
    setReplicaAcks(in.getInteger("replicaAcks", DEFAULT_REPLICA_ACKS));
    setReplicaAckTimeout(in.getDuration("replicaAckTimeout", DEFAULT_REPLICA_ACK_TIMEOUT));
    setExpiryEvents(in.getBoolean("expiryEvents", DEFAULT_EXPIRY_EVENTS));
    JsonObject sentinels = in.getJsonObject("sentinelOptions", null);
    setSentinelOptions(sentinels == null ? null : new RedisOptions(sentinels));
    in.rejectUnknownKeys();
  }

  /**
   * The JSON form, under the names the JSON constructor reads; the clock is set in code only.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("keyPrefix", keyPrefix)
      .put("commandTimeout", Durations.toJson(commandTimeout))
      .put("scanCount", scanCount)
      .put("maxInFlight", maxInFlight)
      .put("replicaAcks", replicaAcks)
      .put("replicaAckTimeout", Durations.toJson(replicaAckTimeout))
      .put("expiryEvents", expiryEvents);
    if (sentinelOptions != null) {
      json.put("sentinelOptions", sentinelOptions.toJson());
    }
    return json;
  }

  /**
   * The prefix of the store's keys; see {@link #setKeyPrefix}.
   *
   * @return the prefix
   */
  public String getKeyPrefix() {
    return keyPrefix;
  }

  /**
   * The prefix of the store's keys; default {@value #DEFAULT_KEY_PREFIX}. See {@link #DEFAULT_KEY_PREFIX} for
   * stores that share one Redis.
   *
   * @param keyPrefix a non-empty prefix, or {@code clear} would match every key of the database
   * @return these options
   * @throws IllegalArgumentException if it is null or empty
   */
  public RedisStoreOptions setKeyPrefix(String keyPrefix) {
    if (keyPrefix == null || keyPrefix.isEmpty()) {
      throw new IllegalArgumentException("keyPrefix must not be empty");
    }
    this.keyPrefix = keyPrefix;
    return this;
  }

  /**
   * Whether the store publishes Redis's expiry of sessions; see {@link #setExpiryEvents}.
   *
   * @return true if it listens
   */
  public boolean isExpiryEvents() {
    return expiryEvents;
  }

  /**
   * Publishes an {@code expired} {@link io.github.vertxsessions.SessionEvent} when Redis expires a session's key;
   * default false. The store then subscribes, on a connection of its own, to Redis's keyspace notifications, which
   * the server sends only when its {@code notify-keyspace-events} includes {@code Ex} (the store never changes it,
   * and logs once when it is not set). Such events carry no principal (the key is gone), reach only this node's
   * consumers (every node is notified), and an expiry while the subscription is down is not seen. Not available on
   * a Redis Cluster, whose nodes notify only their own clients.
   *
   * @param expiryEvents true to listen
   * @return these options
   */
  public RedisStoreOptions setExpiryEvents(boolean expiryEvents) {
    this.expiryEvents = expiryEvents;
    return this;
  }

  /**
   * How long one Redis command may take; see {@link #setCommandTimeout}.
   *
   * @return the timeout
   */
  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  /**
   * How long one Redis command may take; default 5 seconds. See {@link #DEFAULT_COMMAND_TIMEOUT}.
   *
   * @param commandTimeout a positive duration
   * @return these options
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public RedisStoreOptions setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = Durations.requirePositive("commandTimeout", commandTimeout);
    return this;
  }

  /**
   * The COUNT hint of the store's SCAN pages; see {@link #setScanCount}.
   *
   * @return the hint
   */
  public int getScanCount() {
    return scanCount;
  }

  /**
   * The COUNT hint of the store's SCAN pages; default {@value #DEFAULT_SCAN_COUNT}. See {@link #DEFAULT_SCAN_COUNT}.
   *
   * @param scanCount at least 1
   * @return these options
   * @throws IllegalArgumentException if it is less than 1
   */
  public RedisStoreOptions setScanCount(int scanCount) {
    if (scanCount < 1) {
      throw new IllegalArgumentException("scanCount must be at least 1, not " + scanCount);
    }
    this.scanCount = scanCount;
    return this;
  }

  /**
   * Commands the store keeps on its connection at once; see {@link #setMaxInFlight}.
   *
   * @return the limit
   */
  public int getMaxInFlight() {
    return maxInFlight;
  }

  /**
   * Commands the store keeps on its connection at once; default {@value #DEFAULT_MAX_IN_FLIGHT}. See
   * {@link #DEFAULT_MAX_IN_FLIGHT}.
   *
   * @param maxInFlight at least 1
   * @return these options
   * @throws IllegalArgumentException if it is less than 1
   */
  public RedisStoreOptions setMaxInFlight(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    return this;
  }

  /**
   * How many replicas must confirm an explicit write; see {@link #setReplicaAcks}.
   *
   * @return the number of replicas, 0 when the primary's acknowledgement is enough
   */
  public int getReplicaAcks() {
    return replicaAcks;
  }

  /**
   * How many replicas must confirm an explicit write before it succeeds; default {@value #DEFAULT_REPLICA_ACKS}.
   * Redis replicates asynchronously, so a write the primary acknowledged can be lost when it dies before a replica
   * has it. With a number above 0, an explicit write ({@code Session.save()}, {@code regenerate()},
   * {@code destroy()}, the revocations of {@code SessionRegistry} and of the limit per user) sends
   * {@code WAIT replicaAcks replicaAckTimeout} after its commands, and succeeds only once that many replicas have
   * them; when fewer confirm in time it fails with {@link ReplicaAckException}, although the write is on the primary
   * and may well survive. Automatic saves at the end of a request, loads and touches never wait. Explicit writes
   * then go over a second connection of the store, since a WAIT holds up the commands behind it on its connection.
   * In Cluster each WAIT goes to the master of the key's slot, and counts that master's replicas.
   *
   * @param replicaAcks 0 or more; more than the replicas there are makes every explicit write fail
   * @return these options
   * @throws IllegalArgumentException if it is negative
   */
  public RedisStoreOptions setReplicaAcks(int replicaAcks) {
    if (replicaAcks < 0) {
      throw new IllegalArgumentException("replicaAcks must be 0 or more, not " + replicaAcks);
    }
    this.replicaAcks = replicaAcks;
    return this;
  }

  /**
   * How long an explicit write waits for its replicas; see {@link #setReplicaAckTimeout}.
   *
   * @return the timeout
   */
  public Duration getReplicaAckTimeout() {
    return replicaAckTimeout;
  }

  /**
   * How long an explicit write waits for {@link #setReplicaAcks replicaAcks} replicas before it fails; default 500
   * milliseconds, see {@link #DEFAULT_REPLICA_ACK_TIMEOUT}. Keep it below the session handler's store timeout, and
   * the command timeout above it.
   *
   * @param replicaAckTimeout a positive duration (Redis reads 0 as "forever")
   * @return these options
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public RedisStoreOptions setReplicaAckTimeout(Duration replicaAckTimeout) {
    this.replicaAckTimeout = Durations.requirePositive("replicaAckTimeout", replicaAckTimeout);
    return this;
  }

  /**
   * The options of the Sentinels the store asks about its master itself; see {@link #setSentinelOptions}.
   *
   * @return the options, or null when the store leaves the Sentinels to its client
   */
  public RedisOptions getSentinelOptions() {
    return sentinelOptions;
  }

  /**
   * The options of the application's Sentinel client (the Sentinels' endpoints, the master's name, credentials and
   * TLS), so that the store follows a switch of master at once and never reports an explicit write as confirmed on
   * a master the Sentinels are switching away from; default null. Give them whenever the store's client reaches
   * Redis through Sentinel.
   *
   * <p>Without them, the store's connection stays on the old master for as long as that master runs: after a switch
   * away from a live master (a manual {@code SENTINEL FAILOVER}, or Sentinels that wrongly think it down), the store
   * goes on writing there until the Sentinels make it a replica, seconds later, which throws those writes away; and
   * its remaining replicas confirm them meanwhile, so even {@link #setReplicaAcks replicaAcks} do not save them.
   * With them, the store subscribes to {@code +switch-master} on every Sentinel and drops its connections when one
   * announces the switch, uses a new connection only once the Sentinels name its node (by run ID) as master, and,
   * with replica acknowledgements, reports an explicit write as confirmed only once a majority of the Sentinels,
   * asked after its WAIT, name the node that took it and are not failing it over. Each Sentinel is given
   * {@link #setReplicaAckTimeout replicaAckTimeout} to answer after a write, and the command timeout when a
   * connection opens. Leave the client's own {@code autoFailover} off: the store follows switches itself. Not for a
   * Redis Cluster client.
   *
   * @param sentinelOptions the Sentinel client's options (copied), with the master's name; null to leave the
   *                        Sentinels to the client
   * @return these options
   * @throws IllegalArgumentException if they name no master
   */
  public RedisStoreOptions setSentinelOptions(RedisOptions sentinelOptions) {
    if (sentinelOptions != null && sentinelOptions.getMasterName() == null) {
      throw new IllegalArgumentException("sentinelOptions must name the master (setMasterName)");
    }
    this.sentinelOptions = sentinelOptions == null ? null : new RedisOptions(sentinelOptions);
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
   * clock they move by hand. Expiry is decided by this clock (Redis is told the remaining time to live, so the two
   * clocks need not agree). Set in code only, not in JSON.
   *
   * @param clock the clock, not null
   * @return these options
   */
  @GenIgnore
  public RedisStoreOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }
}
