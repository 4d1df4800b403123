package io.github.vertxsessions.mongo.impl;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * BSON dates in the Vert.x client's JSON: {@code {"$date": "<ISO-8601>"}}. The client's codec only turns that form,
 * with a string, into a BSON date; a number there is refused, and a bare number would be stored as a plain int64
 * that neither the TTL index nor a date comparison treats as a date.
 */
final class BsonDates {

  private static final String DATE = "$date";

  private BsonDates() {
  }

  static JsonObject date(long epochMillis) {
    return new JsonObject().put(DATE, Instant.ofEpochMilli(epochMillis).toString());
  }

  /** The epoch milliseconds of a date as the client decodes it; fails on anything else. */
  static long millis(Object value) {
    if (value instanceof JsonObject object && object.getValue(DATE) instanceof String iso) {
      return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }
    throw new IllegalArgumentException("not a date: " + value);
  }
}
