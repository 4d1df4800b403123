package io.github.vertxsessions.postgres.impl;

/**
 * Every statement the store sends, for one table: the only place that knows SQL. The table layout:
 * <pre>
 * id               text PRIMARY KEY   -- the session ID
 * created_at       timestamptz        -- times: the store's clock, to the millisecond
 * last_accessed_at timestamptz
 * expires_at       timestamptz        -- SessionRecord.expiresAt(), kept for filters, the sweeper and its index
 * idle_timeout     bigint             -- durations: milliseconds
 * max_lifetime     bigint             -- 0: none
 * cookie_max_age   bigint             -- -1: the handler's default
 * version          bigint             -- 1 at creation, one up with every save
 * principal        text               -- null when nobody is logged in; a partial index serves findByPrincipal
 * description      text
 * attributes       jsonb              -- one object, attribute name to JSON value
 * </pre>
 * Every time is a parameter from the store's clock, never the server's {@code now()}, and every expiry is computed
 * by one expression ({@link #expiry}) from the row's or the statement's values, so that a save never needs to read
 * the row first. Durations beyond {@link #MAX_SPAN_MILLIS} count as that long there, which keeps the arithmetic
 * exact and inside what {@code timestamptz} holds.
 */
final class SessionSql {

  /** 100 years: an idle timeout or lifetime longer than this expires after this long. */
  static final long MAX_SPAN_MILLIS = 3_155_760_000_000L;

  /** The columns a session is read from, in the order {@link SessionRows} reads them. */
  private static final String COLUMNS = "id, attributes, version, created_at, last_accessed_at, idle_timeout, "
    + "max_lifetime, cookie_max_age, principal, description";

  final String schema;
  /** $1 nothing: a probe that fails when the table is missing (schema creation off). */
  final String probe;
  /** $1 id, $2 now, $3 touched when last accessed at or before: the session, touched in the same statement if due. */
  final String load;
  /** $1 id, $2 now: moves a live session's idle expiry. */
  final String touch;
  /**
   * $1 id, $2 attributes (JSON text), $3 created_at, $4 now, $5 idle_timeout, $6 max_lifetime, $7 cookie_max_age,
   * $8 principal, $9 description: inserts, or replaces an expired row; no row back when a live one has the ID.
   */
  final String create;
  /**
   * $1 id, $2 now, $3 names to remove (text[]), $4 attributes to set (JSON text), $5 idle_timeout,
   * $6 cookie_max_age, $7 whether the owner changes, $8 principal, $9 description: the new version, or no row when
   * the session is gone or expired.
   */
  final String change;
  /**
   * $1 id, $2 now, $3 new id: moves a live session, principal included, to the new ID, one version up and accessed
   * now; the new version, or no row when the session is gone or expired. Any row under the new ID, even an expired
   * one, fails it with a unique violation.
   */
  final String changeId;
  /** $1 id, $2 now: deletes the row of an expired session, so that an ID change may take its ID as a creation may. */
  final String deleteExpired;
  /** $1 id. */
  final String delete;
  /** $1 principal, $2 now. */
  final String findByPrincipal;
  /** $1 now. */
  final String count;
  final String clear;
  /** $1 now, $2 batch size: deletes up to that many expired rows. */
  final String sweep;

  SessionSql(String table) {
    String t = quoted(table);
    this.schema = "CREATE TABLE IF NOT EXISTS " + t + " ("
      + "id text PRIMARY KEY, "
      + "created_at timestamptz NOT NULL, "
      + "last_accessed_at timestamptz NOT NULL, "
      + "expires_at timestamptz NOT NULL, "
      + "idle_timeout bigint NOT NULL, "
      + "max_lifetime bigint NOT NULL, "
      + "cookie_max_age bigint NOT NULL, "
      + "version bigint NOT NULL, "
      + "principal text, "
      + "description text, "
      + "attributes jsonb NOT NULL);\n"
      + "CREATE INDEX IF NOT EXISTS " + quoted(table + "_principal_idx") + " ON " + t
      + " (principal) WHERE principal IS NOT NULL;\n"
      + "CREATE INDEX IF NOT EXISTS " + quoted(table + "_expires_at_idx") + " ON " + t + " (expires_at);";
    this.probe = "SELECT 1 FROM " + t + " LIMIT 0";
    // A touch that is not due matches no row, writes nothing and leaves the plain read to the second branch, which
    // sees the row as it was when the statement began.
    this.load = "WITH touched AS (UPDATE " + t + " SET last_accessed_at = $2::timestamptz, expires_at = "
      + expiry("$2::timestamptz", "idle_timeout", "created_at", "max_lifetime")
      + " WHERE id = $1::text AND expires_at > $2::timestamptz AND last_accessed_at <= $3::timestamptz"
      + " RETURNING " + COLUMNS + ")"
      + " SELECT " + COLUMNS + " FROM touched"
      + " UNION ALL SELECT " + COLUMNS + " FROM " + t
      + " WHERE id = $1::text AND expires_at > $2::timestamptz AND NOT EXISTS (SELECT 1 FROM touched)";
    this.touch = "UPDATE " + t + " SET last_accessed_at = $2::timestamptz, expires_at = "
      + expiry("$2::timestamptz", "idle_timeout", "created_at", "max_lifetime")
      + " WHERE id = $1::text AND expires_at > $2::timestamptz AND last_accessed_at <= $2::timestamptz";
    this.create = "INSERT INTO " + t + " AS s (id, attributes, version, created_at, last_accessed_at, expires_at,"
      + " idle_timeout, max_lifetime, cookie_max_age, principal, description)"
      + " VALUES ($1::text, $2::text::jsonb, 1, $3::timestamptz, $4::timestamptz, "
      + expiry("$4::timestamptz", "$5::bigint", "$3::timestamptz", "$6::bigint")
      + ", $5::bigint, $6::bigint, $7::bigint, $8::text, $9::text)"
      + " ON CONFLICT (id) DO UPDATE SET attributes = EXCLUDED.attributes, version = EXCLUDED.version,"
      + " created_at = EXCLUDED.created_at, last_accessed_at = EXCLUDED.last_accessed_at,"
      + " expires_at = EXCLUDED.expires_at, idle_timeout = EXCLUDED.idle_timeout,"
      + " max_lifetime = EXCLUDED.max_lifetime, cookie_max_age = EXCLUDED.cookie_max_age,"
      + " principal = EXCLUDED.principal, description = EXCLUDED.description"
      + " WHERE s.expires_at <= $4::timestamptz"
      + " RETURNING s.version";
    // The stored creation time and lifetime win over the delta's: the expiry reads them from the row.
    this.change = "UPDATE " + t + " SET attributes = (attributes - $3::text[]) || $4::text::jsonb,"
      + " version = version + 1, last_accessed_at = $2::timestamptz, idle_timeout = $5::bigint,"
      + " cookie_max_age = $6::bigint, expires_at = "
      + expiry("$2::timestamptz", "$5::bigint", "created_at", "max_lifetime") + ","
      + " principal = CASE WHEN $7::boolean THEN $8::text ELSE principal END,"
      + " description = CASE WHEN $7::boolean THEN $9::text ELSE description END"
      + " WHERE id = $1::text AND expires_at > $2::timestamptz"
      + " RETURNING version";
    // One statement, so one row lock: a save, delete or revocation of the old ID either commits first, and this
    // moves what it left (or finds nothing), or waits for this and then finds no row under the old ID.
    this.changeId = "UPDATE " + t + " SET id = $3::text, version = version + 1, last_accessed_at = $2::timestamptz,"
      + " expires_at = " + expiry("$2::timestamptz", "idle_timeout", "created_at", "max_lifetime")
      + " WHERE id = $1::text AND expires_at > $2::timestamptz"
      + " RETURNING version";
    this.deleteExpired = "DELETE FROM " + t + " WHERE id = $1::text AND expires_at <= $2::timestamptz";
    this.delete = "DELETE FROM " + t + " WHERE id = $1::text";
    this.findByPrincipal = "SELECT " + COLUMNS + " FROM " + t
      + " WHERE principal = $1::text AND expires_at > $2::timestamptz";
    this.count = "SELECT count(*) FROM " + t + " WHERE expires_at > $1::timestamptz";
    this.clear = "DELETE FROM " + t;
    // SKIP LOCKED: two nodes sweeping at once take different rows, and neither waits on a request's row. Still
    // filtered on expiry outside: a row re-created meanwhile is live.
    this.sweep = "DELETE FROM " + t + " WHERE id IN (SELECT id FROM " + t
      + " WHERE expires_at <= $1::timestamptz LIMIT $2::bigint FOR UPDATE SKIP LOCKED)"
      + " AND expires_at <= $1::timestamptz RETURNING id, principal";
  }

  /**
   * The one rule of expiry, {@code SessionRecord.expiresAt()}: the idle expiry, capped by the absolute lifetime when
   * there is one ({@code LEAST} ignores the null of none).
   */
  private static String expiry(String accessedAt, String idleTimeout, String createdAt, String maxLifetime) {
    return "LEAST(" + accessedAt + " + " + span(idleTimeout) + ", CASE WHEN " + maxLifetime + " > 0 THEN "
      + createdAt + " + " + span(maxLifetime) + " END)";
  }

  /** Milliseconds as an interval, exact: a whole number of milliseconds times one stays exact below 2^53 µs. */
  private static String span(String millis) {
    return "LEAST(" + millis + ", " + MAX_SPAN_MILLIS + ") * INTERVAL '1 millisecond'";
  }

  /** A name as a quoted identifier; the options admit only names that need no escaping inside the quotes. */
  private static String quoted(String name) {
    return '"' + name + '"';
  }
}
