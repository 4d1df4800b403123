package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Java side of the hash layout described in {@link SessionScripts}. */
final class SessionHash {

  /** Attribute fields start with this, so no attribute name can clash with a timing field. */
  static final String DATA_FIELD_PREFIX = "d:";

  private SessionHash() {
  }

  /** The ARGV of {@link SessionScripts#SAVE} for {@code delta} at {@code now}. */
  static List<String> saveArguments(SessionDelta delta, long now) {
    List<String> args = new ArrayList<>(7 + delta.unset().size() + 2 * delta.set().size());
    args.add(Long.toString(now));
    args.add(delta.creation() ? "1" : "0");
    args.add(Long.toString(delta.createdAt()));
    args.add(Long.toString(delta.idleTimeout()));
    args.add(Long.toString(delta.maxLifetime()));
    args.add(Long.toString(delta.cookieMaxAge()));
    args.add(Integer.toString(delta.unset().size()));
    delta.unset().forEach(name -> args.add(DATA_FIELD_PREFIX + name));
    delta.set().forEach((name, value) -> {
      args.add(DATA_FIELD_PREFIX + name);
      args.add(Json.encode(value));
    });
    return args;
  }

  /**
   * The session held in {@code hash}, a flat list of field/value pairs.
   *
   * @throws IllegalArgumentException naming what is wrong when the hash is not a session
   */
  static SessionRecord decode(String id, Response hash) {
    Map<String, Object> data = new HashMap<>();
    Map<String, Long> meta = new HashMap<>();
    for (int i = 0; i + 1 < hash.size(); i += 2) {
      String field = hash.get(i).toString();
      String value = hash.get(i + 1).toString();
      if (field.startsWith(DATA_FIELD_PREFIX)) {
        data.put(field.substring(DATA_FIELD_PREFIX.length()), json(field, value));
      } else {
        meta.put(field, number(field, value));
      }
    }
    return new SessionRecord(id, Collections.unmodifiableMap(data), required(meta, "version"),
      required(meta, "createdAt"), required(meta, "lastAccessedAt"), required(meta, "idleTimeout"),
      required(meta, "maxLifetime"), required(meta, "cookieMaxAge"));
  }

  private static Object json(String field, String value) {
    try {
      return Json.decodeValue(value);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("field " + field + " is not JSON");
    }
  }

  private static long number(String field, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field " + field + " is not an integer");
    }
  }

  private static long required(Map<String, Long> meta, String field) {
    Long value = meta.get(field);
    if (value == null) {
      throw new IllegalArgumentException("field " + field + " is missing");
    }
    return value;
  }
}
