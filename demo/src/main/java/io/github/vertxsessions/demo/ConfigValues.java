package io.github.vertxsessions.demo;

import com.mongodb.ConnectionString;
import io.vertx.pgclient.PgConnectOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of the demo's settings, shared by the command line, the environment and the JSON config so that all three
 * accept the same values. A bad value throws an IllegalArgumentException whose message completes a sentence that
 * starts with where the value came from ("--port must be ..."). Messages never repeat a secret or a URL, which may
 * carry a password.
 */
final class ConfigValues {

  static final List<String> STORES = List.of("local", "redis", "mongo", "postgres");
  /** HMAC-SHA256 keys shorter than its 32-byte output weaken the cookie signature. */
  static final int MIN_SECRET_LENGTH = 32;

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Set<String> REDIS_SCHEMES = Set.of("redis", "rediss", "unix");

  private ConfigValues() {
  }

  /** {@code parser}'s result, or its failure with {@code source} (such as "--port") put before the message. */
  static <T> T parse(String source, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " " + e.getMessage(), e);
    }
  }

  static String store(String value) {
    String store = value.trim().toLowerCase(Locale.ROOT);
    if (!STORES.contains(store)) {
      throw new IllegalArgumentException("must be one of " + String.join(", ", STORES) + ", not '" + value + "'");
    }
    return store;
  }

  static String host(String value) {
    if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("must be a host name or address such as 127.0.0.1 or 0.0.0.0, not '"
        + value + "'");
    }
    return value;
  }

  /** 0 asks for any free port. */
  static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // answered below with the accepted range
    }
    throw new IllegalArgumentException("must be a whole number from 0 to 65535, not '" + value + "'");
  }

  /** A short form ({@code 30m}, {@code 90s}, {@code 500ms}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT30M}). */
  static Duration duration(String value) {
    Duration duration = parseDuration(value.trim());
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("must be a positive duration such as 30m, 90s or PT30M, not '" + value + "'");
    }
    return duration;
  }

  static String redisUrl(String value) {
    try {
      URI uri = new URI(value.trim());
      if (uri.getScheme() != null && REDIS_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
        && (uri.getHost() != null || uri.getPath() != null && !uri.getPath().isEmpty())) {
        return value.trim();
      }
    } catch (URISyntaxException e) {
      // answered below without the value, which may hold a password
    }
    throw new IllegalArgumentException("must be a Redis URL such as redis://localhost:6379");
  }

  static String mongoUri(String value) {
    try {
      new ConnectionString(value.trim());
      return value.trim();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be a MongoDB connection string such as "
        + DemoConfig.DEFAULT_MONGO_URI);
    }
  }

  static String pgUri(String value) {
    try {
      String uri = value.trim();
      if (uri.startsWith("postgresql://") || uri.startsWith("postgres://")) {
        PgConnectOptions.fromUri(uri);
        return uri;
      }
    } catch (RuntimeException e) {
      // answered below without the value, which may hold a password
    }
    throw new IllegalArgumentException("must be a PostgreSQL URI such as " + DemoConfig.DEFAULT_PG_URI);
  }

  static String secret(String value) {
    if (value.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("must be at least " + MIN_SECRET_LENGTH + " characters long, not "
        + value.length());
    }
    return value;
  }

  private static Duration parseDuration(String text) {
    Matcher shortForm = SHORT_DURATION.matcher(text);
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      return switch (shortForm.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
