package io.github.vertxsessions.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@link DemoVerticle}'s settings, read from its JSON config. Every key is optional; an unknown key is an error,
 * so that a typo does not silently fall back to a default.
 */
record DemoConfig(String store, String host, int port, String redisUrl, String mongoUri, String pgUri, Duration idleTimeout,
                  List<String> secrets, Map<String, String> users, JsonObject redisStoreOptions,
                  JsonObject mongoStoreOptions, JsonObject pgStoreOptions) {

  static final String DEFAULT_STORE = "local";
  /** Loopback only: the demo's users and passwords are public, so it is not offered to the network by default. */
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;
  static final String DEFAULT_REDIS_URL = "redis://localhost:6379";
  static final String DEFAULT_MONGO_URI = "mongodb://localhost:27017/vertx_sessions_demo";
  static final String DEFAULT_PG_URI = "postgresql://localhost:5432/vertx_sessions_demo";
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  static final Map<String, String> DEFAULT_USERS = Map.of("alice", "wonderland", "bob", "builder");

  private static final Set<String> KEYS = Set.of("store", "host", "port", "redisUrl", "mongoUri", "pgUri", "idleTimeout",
    "secrets", "users", "redisStoreOptions", "mongoStoreOptions",
    "pgStoreOptions");

  /** @throws IllegalArgumentException naming the config key at fault */
  static DemoConfig fromJson(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown config key '" + key + "'; known keys: " + String.join(", ",
          KEYS.stream().sorted().toList()));
      }
    }
    return new DemoConfig(
      text(json, "store", ConfigValues::store, DEFAULT_STORE),
      text(json, "host", ConfigValues::host, DEFAULT_HOST),
      text(json, "port", ConfigValues::port, DEFAULT_PORT),
      text(json, "redisUrl", ConfigValues::redisUrl, DEFAULT_REDIS_URL),
      text(json, "mongoUri", ConfigValues::mongoUri, DEFAULT_MONGO_URI),
      text(json, "pgUri", ConfigValues::pgUri, DEFAULT_PG_URI),
      idleTimeout(json),
      secrets(json),
      users(json),
      object(json, "redisStoreOptions"),
      object(json, "mongoStoreOptions"),
      object(json, "pgStoreOptions"));
  }

  /** A string or number value, parsed as the command line would. */
  private static <T> T text(JsonObject json, String key, Function<String, T> parser, T fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String) && !(value instanceof Number)) {
      throw new IllegalArgumentException("config key '" + key + "' must be a string, not " + value);
    }
    return ConfigValues.parse("config key '" + key + "'", value.toString(), parser);
  }

  /** Like the core options: a number is milliseconds, a string is parsed as on the command line. */
  private static Duration idleTimeout(JsonObject json) {
    if (json.getValue("idleTimeout") instanceof Number millis) {
      return ConfigValues.parse("config key 'idleTimeout'", millis.longValue() + "ms", ConfigValues::duration);
    }
    return text(json, "idleTimeout", ConfigValues::duration, DEFAULT_IDLE_TIMEOUT);
  }

  private static List<String> secrets(JsonObject json) {
    Object value = json.getValue("secrets");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw new IllegalArgumentException("config key 'secrets' must be an array of strings");
    }
    return array.stream()
      .map(secret -> ConfigValues.parse("config key 'secrets'", (String) secret, ConfigValues::secret))
      .toList();
  }

  private static Map<String, String> users(JsonObject json) {
    Object value = json.getValue("users");
    if (value == null) {
      return DEFAULT_USERS;
    }
    if (!(value instanceof JsonObject object) || object.isEmpty()) {
      throw new IllegalArgumentException("config key 'users' must be an object of user names to passwords, "
        + "such as {\"alice\": \"wonderland\"}");
    }
    Map<String, String> users = new LinkedHashMap<>();
    object.forEach(entry -> {
      if (entry.getKey().isEmpty() || !(entry.getValue() instanceof String password) || password.isEmpty()) {
        throw new IllegalArgumentException("config key 'users' must map non-empty user names to non-empty "
          + "password strings");
      }
      users.put(entry.getKey(), password);
    });
    return Map.copyOf(users);
  }

  private static JsonObject object(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof JsonObject)) {
      throw new IllegalArgumentException("config key '" + key + "' must be an object");
    }
    return value == null ? new JsonObject() : (JsonObject) value;
  }

  /** Leaves out the secrets and the passwords, which the generated form would print. */
  @Override
  public String toString() {
    return "DemoConfig[store=" + store + ", host=" + host + ", port=" + port + ", idleTimeout=" + idleTimeout
      + ", secrets=" + secrets.size() + ", users=" + users.keySet() + "]";
  }
}
