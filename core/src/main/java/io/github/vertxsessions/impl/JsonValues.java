package io.github.vertxsessions.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** What a session may hold: JSON values, which every store can keep and every node can read back. */
public final class JsonValues {

  private JsonValues() {
  }

  public static boolean isJsonValue(Object value) {
    return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
      || value instanceof JsonObject || value instanceof JsonArray;
  }

  /** Fails fast, at the caller's {@code put}, rather than later in a store. */
  public static Object requireJsonValue(String name, Object value) {
    if (!isJsonValue(value)) {
      throw new IllegalArgumentException("Session attribute '" + name + "' must be a JSON value (String, Number, "
        + "Boolean, JsonObject, JsonArray or null), not " + value.getClass().getName());
    }
    return value;
  }

  /** A copy that shares no mutable container with {@code value}. */
  public static Object copy(Object value) {
    if (value instanceof JsonObject object) {
      return object.copy();
    }
    if (value instanceof JsonArray array) {
      return array.copy();
    }
    return value;
  }

  /** Whether a map holds a JSON container, which a caller could change in place. */
  public static boolean hasContainers(Map<String, Object> data) {
    for (Object value : data.values()) {
      if (value instanceof JsonObject || value instanceof JsonArray) {
        return true;
      }
    }
    return false;
  }

  /** An unmodifiable map whose containers are copies of those in {@code data}. */
  public static Map<String, Object> copyAll(Map<String, Object> data) {
    if (data.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new HashMap<>(data.size() * 2);
    data.forEach((name, value) -> copy.put(name, copy(value)));
    return Collections.unmodifiableMap(copy);
  }
}
