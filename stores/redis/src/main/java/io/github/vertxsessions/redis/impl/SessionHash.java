package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The Java side of the hash layout described in {@link SessionScripts}. */
final class SessionHash {

  /** Attribute fields start with this, so no attribute name can clash with a timing field. */
  static final String DATA_FIELD_PREFIX = "d:";
  /** The owner's fields, absent when there is none; text, not JSON. */
  static final String PRINCIPAL_FIELD = "principal";
  static final String DESCRIPTION_FIELD = "description";
  /** How far the principal's index covers the session (epoch milliseconds); present with a principal. */
  static final String INDEXED_UNTIL_FIELD = "indexedUntil";
  /** What {@link #indexedUntil} says of a hash without the field: covered by nothing. */
  static final long NOT_INDEXED = Long.MIN_VALUE;
  /**
   * The first version the scripts refuse (2^53, where Lua's numbers stop being exact, as MAX_VERSION in
   * {@code session.lua}): a hash at or past it is no session to them, and so none to a plain read either.
   */
  static final long MAX_VERSION = 1L << 53;

  private SessionHash() {
  }

  /**
   * The ARGV of {@link SessionScripts#save} for {@code delta} at {@code now}. The owner goes along only when the
   * delta changes it: a creation without one, like any save that leaves it, sends empty owner arguments.
   *
   * @param indexedUntil how far the caller indexed the new principal (Cluster), or {@link #NOT_INDEXED}
   */
  static List<String> saveArguments(SessionDelta delta, long now, String keyPrefix, long indexedUntil) {
    List<String> args = new ArrayList<>(13 + delta.unset().size() + 2 * delta.set().size());
    args.add(Long.toString(now));
    args.add(delta.creation() ? "1" : "0");
    args.add(Long.toString(delta.createdAt()));
    args.add(Long.toString(delta.idleTimeout()));
    args.add(Long.toString(delta.maxLifetime()));
    args.add(Long.toString(delta.cookieMaxAge()));
    args.add(keyPrefix);
    SessionOwner owner = storedOwner(delta);
    if (owner == null) {
      args.addAll(List.of("0", "", "0", "", ""));
    } else {
      args.add("1");
      args.add(owner.hasPrincipal() ? owner.principal() : "");
      args.add(owner.description() != null ? "1" : "0");
      args.add(owner.description() != null ? owner.description() : "");
      args.add(indexedUntil == NOT_INDEXED ? "" : Long.toString(indexedUntil));
    }
    addChanges(delta, args);
    return args;
  }

  /**
   * The ARGV of {@link SessionScripts#update} for {@code delta} at {@code now}: a delta that is no creation and leaves
   * the owner alone ({@link #isUpdate}).
   */
  static List<String> updateArguments(SessionDelta delta, long now, String keyPrefix) {
    List<String> args = new ArrayList<>(5 + delta.unset().size() + 2 * delta.set().size());
    args.add(Long.toString(now));
    args.add(Long.toString(delta.idleTimeout()));
    args.add(Long.toString(delta.cookieMaxAge()));
    args.add(keyPrefix);
    addChanges(delta, args);
    return args;
  }

  /** Whether {@code delta} can be saved by {@link SessionScripts#update}: no creation, and the owner left alone. */
  static boolean isUpdate(SessionDelta delta) {
    return !delta.creation() && storedOwner(delta) == null;
  }

  /** The number of attributes to remove, their fields, then field/value pairs for those to set. */
  private static void addChanges(SessionDelta delta, List<String> args) {
    args.add(Integer.toString(delta.unset().size()));
    delta.unset().forEach(name -> args.add(DATA_FIELD_PREFIX + name));
    delta.set().forEach((name, value) -> {
      args.add(DATA_FIELD_PREFIX + name);
      args.add(Json.encode(value));
    });
  }

  /** The owner a save stores: the delta's, except none for a creation without one (a new hash has none). */
  static SessionOwner storedOwner(SessionDelta delta) {
    if (!delta.changesOwner() || (delta.creation() && delta.owner().equals(SessionOwner.NONE))) {
      return null;
    }
    return delta.owner();
  }

  /**
   * How far the principal's index covers the session in {@code hash}.
   *
   * @return epoch milliseconds, or {@link #NOT_INDEXED} when the field is missing or unreadable
   */
  static long indexedUntil(Response hash) {
    Response value = field(hash, INDEXED_UNTIL_FIELD);
    if (value == null) {
      return NOT_INDEXED;
    }
    try {
      return Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      return NOT_INDEXED;
    }
  }

  /**
   * Calls {@code action} with each field and value of {@code hash}: a script's reply is a flat array of pairs, a plain
   * HGETALL's over RESP3 a map, which gives its entries only by key.
   */
  static void forEachField(Response hash, BiConsumer<String, String> action) {
    if (hash.isMap()) {
      for (String field : hash.getKeys()) {
        action.accept(field, hash.get(field).toString());
      }
      return;
    }
    for (int i = 0; i + 1 < hash.size(); i += 2) {
      action.accept(hash.get(i).toString(), hash.get(i + 1).toString());
    }
  }

  /** The value of {@code name} in {@code hash} (either form, see {@link #forEachField}), or null. */
  private static Response field(Response hash, String name) {
    if (hash.isMap()) {
      return hash.get(name);
    }
    for (int i = 0; i + 1 < hash.size(); i += 2) {
      if (name.equals(hash.get(i).toString())) {
        return hash.get(i + 1);
      }
    }
    return null;
  }

  /**
   * How far to cover a session indexed now: one idle timeout past its expiry, within its lifetime. The scripts' copy is
   * {@code horizon} in {@code lua/index.lua}.
   */
  static long horizon(SessionRecord record) {
    long at = saturatedAdd(record.expiresAt(), record.idleTimeout());
    return record.maxLifetime() > 0 ? Math.min(at, saturatedAdd(record.createdAt(), record.maxLifetime())) : at;
  }

  /**
   * The session held in {@code hash}, a flat list of field/value pairs or a map (see {@link #forEachField}).
   *
   * @throws IllegalArgumentException naming what is wrong when the hash is not a session
   */
  static SessionRecord decode(String id, Response hash) {
    Map<String, Object> data = new HashMap<>();
    Map<String, Long> meta = new HashMap<>();
    String[] owner = new String[2];
    forEachField(hash, (field, value) -> {
      if (field.startsWith(DATA_FIELD_PREFIX)) {
        data.put(field.substring(DATA_FIELD_PREFIX.length()), json(field, value));
      } else if (PRINCIPAL_FIELD.equals(field)) {
        owner[0] = value;
      } else if (DESCRIPTION_FIELD.equals(field)) {
        owner[1] = value;
      } else {
        meta.put(field, number(field, value));
      }
    });
    long version = required(meta, "version");
    if (version >= MAX_VERSION) {
      throw new IllegalArgumentException("field version is past what the scripts count exactly");
    }
    return SessionRecord.builder(id).data(Collections.unmodifiableMap(data)).version(version)
      .createdAt(required(meta, "createdAt")).lastAccessedAt(required(meta, "lastAccessedAt"))
      .idleTimeout(required(meta, "idleTimeout")).maxLifetime(required(meta, "maxLifetime"))
      .cookieMaxAge(required(meta, "cookieMaxAge")).owner(owner(owner[0], owner[1])).build();
  }

  private static SessionOwner owner(String principal, String description) {
    if (principal == null && description == null) {
      return SessionOwner.NONE;
    }
    try {
      return new SessionOwner(principal, description);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the owner fields are invalid: " + e.getMessage());
    }
  }

  /**
   * Refuses a principal that Redis would not store as it is: a lone surrogate becomes '?' on the way to Redis, and so
   * another principal's name.
   *
   * @throws IllegalArgumentException when the delta stores such a principal
   */
  static void requireStorable(SessionDelta delta) {
    SessionOwner owner = storedOwner(delta);
    if (owner != null && owner.hasPrincipal()) {
      wellFormed(owner.principal());
    }
  }

  private static void wellFormed(String principal) {
    for (int i = 0; i < principal.length(); i++) {
      char c = principal.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < principal.length()
        && Character.isLowSurrogate(principal.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("A principal must be well-formed Unicode: a lone surrogate at index " + i);
      }
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
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
