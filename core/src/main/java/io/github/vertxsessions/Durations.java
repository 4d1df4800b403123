package io.github.vertxsessions;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Durations in JSON options: an ISO-8601 string such as {@code "PT30M"}, or a number of milliseconds. The handler's
 * {@link SessionOptions} and the options classes of every store read and write theirs with these, so that all options
 * take the same forms.
 */
public final class Durations {

  private Durations() {
  }

  /**
   * Reads a duration option from JSON.
   *
   * @param option the option's name, for the error message
   * @param value  a number of milliseconds, an ISO-8601 duration string such as {@code "PT30M"}, or {@code null}
   * @return the duration, or {@code null} for {@code null}
   * @throws IllegalArgumentException naming the option if {@code value} is a string that is no ISO-8601 duration
   */
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

  /**
   * Writes a duration option to JSON.
   *
   * @param duration the duration, or {@code null}
   * @return its ISO-8601 form, such as {@code "PT30M"}, or {@code null} for {@code null}
   */
  public static String toJson(Duration duration) {
    return duration == null ? null : duration.toString();
  }

  /**
   * Checks that an option's duration is positive, for setters.
   *
   * @param option   the option's name, for the error message
   * @param duration the duration
   * @return {@code duration}
   * @throws IllegalArgumentException naming the option if {@code duration} is null, zero or negative
   */
  public static Duration requirePositive(String option, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(option + " must be a positive duration, not " + duration);
    }
    return duration;
  }
}
