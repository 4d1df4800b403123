package io.github.vertxsessions.postgres;

import io.github.vertxsessions.Durations;
import io.github.vertxsessions.OptionsJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of the {@link PgSessionStore}, a Vert.x data object: {@link #PgStoreOptions(JsonObject)} reads them from
 * JSON under the names of their setters, and {@link #toJson()} writes them; the clock is set in code only. Which
 * database the sessions go to, and how to reach it, is the pool's business.
 */
@DataObject
public class PgStoreOptions {

  /** The table that holds one row per session; stores sharing a database need tables of their own. */
  public static final String DEFAULT_TABLE = "vertx_sessions";
  /** Whether the store creates its table and indexes at start ({@code CREATE ... IF NOT EXISTS}). */
  public static final boolean DEFAULT_CREATE_SCHEMA = true;
  /** How often the store's sweeper deletes expired rows; reads never depend on it. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(60);
  /** Expired rows one sweeper batch deletes at most; a full batch is followed at once by the next one. */
  public static final int DEFAULT_SWEEP_BATCH_SIZE = 1_000;
  /**
   * The longest table name accepted, in characters: PostgreSQL keeps 63 bytes of a name, and the store names its
   * indexes after the table with a suffix of up to 15 characters.
   */
  public static final int MAX_TABLE_NAME_LENGTH = 48;

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0," + (MAX_TABLE_NAME_LENGTH - 1) + "}");

  private String table = DEFAULT_TABLE;
  private boolean createSchema = DEFAULT_CREATE_SCHEMA;
  private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
  private int sweepBatchSize = DEFAULT_SWEEP_BATCH_SIZE;
  private Clock clock = Clock.systemUTC();

  /** Options with every default: the {@value #DEFAULT_TABLE} table, created at start if missing. */
  public PgStoreOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public PgStoreOptions(PgStoreOptions other) {
    this.table = other.table;
    this.createSchema = other.createSchema;
    this.sweepInterval = other.sweepInterval;
    this.sweepBatchSize = other.sweepBatchSize;
    this.clock = other.clock;
  }

  /**
   * Options from JSON: {@code table}, {@code createSchema}, {@code sweepInterval} (an ISO-8601 string such as
   * {@code "PT1M"}, or milliseconds) and {@code sweepBatchSize}; a missing name keeps its default. Any other key,
   * and a value of the wrong type, is refused.
   *
   * @param json the options
   * @throws IllegalArgumentException naming the option at fault, as the setters do, or the unknown key
   */
  public PgStoreOptions(JsonObject json) {
    OptionsJson in = new OptionsJson(PgStoreOptions.class, json);
    setTable(in.getString("table", DEFAULT_TABLE));
    setCreateSchema(in.getBoolean("createSchema", DEFAULT_CREATE_SCHEMA));
    setSweepInterval(in.getDuration("sweepInterval", DEFAULT_SWEEP_INTERVAL));
    setSweepBatchSize(in.getInteger("sweepBatchSize", DEFAULT_SWEEP_BATCH_SIZE));
    in.rejectUnknownKeys();
  }

  /**
   * The JSON form, under the names the JSON constructor reads; the clock is left out.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    return new JsonObject()
      .put("table", table)
      .put("createSchema", createSchema)
      .put("sweepInterval", Durations.toJson(sweepInterval))
      .put("sweepBatchSize", sweepBatchSize);
  }

  /**
   * The table that holds the sessions; see {@link #setTable}.
   *
   * @return the table's name
   */
  public String getTable() {
    return table;
  }

  /**
   * The table that holds the sessions, in the schema first on the connection's {@code search_path} (set it on the
   * pool's connect options to use another schema); default {@value #DEFAULT_TABLE}.
   *
   * @param table a plain lower-case SQL name: a letter or {@code _}, then letters, digits or {@code _}, at most
   *              {@value #MAX_TABLE_NAME_LENGTH} characters, so that it never needs quoting
   * @return these options
   * @throws IllegalArgumentException if it is not such a name
   */
  public PgStoreOptions setTable(String table) {
    if (table == null || !IDENTIFIER.matcher(table).matches()) {
      throw new IllegalArgumentException("table must be a lower-case SQL name ([a-z_][a-z0-9_]*, at most "
        + MAX_TABLE_NAME_LENGTH + " characters), not '" + table + "'");
    }
    this.table = table;
    return this;
  }

  /**
   * Whether the store creates its table and indexes at start; see {@link #setCreateSchema}.
   *
   * @return true when it does
   */
  public boolean isCreateSchema() {
    return createSchema;
  }

  /**
   * Whether the store creates its table and indexes at start, with {@code CREATE TABLE IF NOT EXISTS} and
   * {@code CREATE INDEX IF NOT EXISTS}; default true. Teams that manage DDL with migrations turn it off and create
   * them as the manual (docs/store-postgres.md) shows; the store then never sends DDL.
   *
   * @param createSchema false to leave the schema to migrations
   * @return these options
   */
  public PgStoreOptions setCreateSchema(boolean createSchema) {
    this.createSchema = createSchema;
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
   * How often the store's sweeper deletes expired rows; default 60 seconds. See {@link #DEFAULT_SWEEP_INTERVAL}.
   *
   * @param sweepInterval a positive duration
   * @return these options
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public PgStoreOptions setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = Durations.requirePositive("sweepInterval", sweepInterval);
    return this;
  }

  /**
   * Expired rows one sweeper batch deletes at most; see {@link #setSweepBatchSize}.
   *
   * @return the batch size
   */
  public int getSweepBatchSize() {
    return sweepBatchSize;
  }

  /**
   * Expired rows one sweeper batch deletes at most, in one {@code DELETE}; default
   * {@value #DEFAULT_SWEEP_BATCH_SIZE}. A full batch is followed at once by the next one.
   *
   * @param sweepBatchSize at least 1
   * @return these options
   * @throws IllegalArgumentException if it is less than 1
   */
  public PgStoreOptions setSweepBatchSize(int sweepBatchSize) {
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
   * Where the store's time comes from, and so the session handler's; default the system clock in UTC. Every time the
   * store writes or compares is this clock's, sent as a parameter, never the database's {@code now()}, so that a
   * database clock that drifts from the application's never shortens a session. Tests pass a clock they move by
   * hand. Set in code only, not in JSON.
   *
   * @param clock the clock, not null
   * @return these options
   */
  @GenIgnore
  public PgStoreOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }
}
