package io.github.vertxsessions.spi.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations in JSON options: an ISO-8601 string such as {@code "PT30M"}, or a number of milliseconds. */
public final class Durations {

  private Durations() {
  }

  public static Duration fromJson(String option, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number millis) {
      return Duration.ofMillis(millis.longValue());
    }
    try {
      return Duration.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be milliseconds or an ISO-8601 duration such as PT30M, not '"
        + value + "'");
    }
  }

  public static String toJson(Duration duration) {
    return duration == null ? null : duration.toString();
  }

  public static Duration requirePositive(String option, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(option + " must be a positive duration, not " + duration);
    }
    return duration;
  }
}
