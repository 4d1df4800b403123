package io.github.vertxsessions.postgres.impl;

import io.github.vertxsessions.postgres.PgSessionStore;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Rows to sessions and times to parameters, in the column order of {@link SessionSql}. */
final class SessionRows {

  private static final Logger LOG = LoggerFactory.getLogger(PgSessionStore.class);

  private final String table;

  SessionRows(String table) {
    this.table = table;
  }

  /** Epoch milliseconds as a {@code timestamptz} parameter. */
  static OffsetDateTime time(long millis) {
    return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
  }

  /**
   * The session a row holds, or {@code null}, logged, when it cannot be read (a null column, attributes that are no
   * JSON object or hold what a session cannot, an owner beyond the limits): such a session counts as missing.
   */
  SessionRecord fromRow(Row row) {
    String id = row.getString(0);
    try {
      if (!(row.getValue(1) instanceof JsonObject attributes)) {
        throw new IllegalArgumentException("attributes is not a JSON object");
      }
      Map<String, Object> values = new HashMap<>(attributes.size() * 2);
      for (Map.Entry<String, Object> attribute : attributes) { // iterating presents nested maps as JsonObjects
        values.put(attribute.getKey(), attribute.getValue());
      }
      // the same checks and number classes as what a route puts, whoever wrote the row
      Map<String, Object> data = JsonValues.copyAll(values);
      return SessionRecord.builder(id).data(data).version(row.getLong(2)).createdAt(millis(row, 3))
        .lastAccessedAt(millis(row, 4)).idleTimeout(row.getLong(5)).maxLifetime(row.getLong(6))
        .cookieMaxAge(row.getLong(7)).owner(owner(row.getString(8), row.getString(9))).build();
    } catch (RuntimeException e) {
      LOG.warn("Session {} in table '{}' cannot be read and counts as missing: {}", SessionRecord.redact(id), table,
        e.toString());
      return null;
    }
  }

  private static long millis(Row row, int column) {
    return row.getOffsetDateTime(column).toInstant().toEpochMilli();
  }

  private static SessionOwner owner(String principal, String description) {
    // the record's checks apply: a stored name or description beyond the limits reads as damaged
    return principal == null && description == null ? SessionOwner.NONE : new SessionOwner(principal, description);
  }
}
