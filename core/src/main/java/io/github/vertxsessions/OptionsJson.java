package io.github.vertxsessions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Strict reading of an options object from JSON, so that a typo or a value of the wrong type in a configuration is
 * refused with a message naming the key, rather than ignored or failing with a {@link ClassCastException}. The JSON
 * constructors of {@link SessionOptions} and of every store's options read through it: each {@code get} reads one
 * option and records its name as known, and {@link #rejectUnknownKeys()}, called once every option is read, refuses
 * any other key. A key whose value is JSON {@code null} reads as absent.
 *
 * <p>A value of the wrong type is reported by its kind ("got a string"), never by its content, which may be a secret.
 */
public final class OptionsJson {

  private final String owner;
  private final JsonObject json;
  private final Set<String> known = new HashSet<>();

  /**
   * A reader of {@code json} as the options of {@code owner}.
   *
   * @param owner the options class, whose simple name the messages give
   * @param json  the options in JSON
   */
  public OptionsJson(Class<?> owner, JsonObject json) {
    this.owner = owner.getSimpleName();
    this.json = json;
  }

  /**
   * A string option.
   *
   * @param key      the option's name
   * @param fallback what an absent option reads as
   * @return the string, or {@code fallback}
   * @throws IllegalArgumentException naming the key if the value is not a string
   */
  public String getString(String key, String fallback) {
    return typed(key, String.class, "a string", fallback);
  }

  /**
   * A boolean option.
   *
   * @param key      the option's name
   * @param fallback what an absent option reads as
   * @return the boolean, or {@code fallback}
   * @throws IllegalArgumentException naming the key if the value is not {@code true} or {@code false}
   */
  public Boolean getBoolean(String key, Boolean fallback) {
    return typed(key, Boolean.class, "true or false", fallback);
  }

  /**
   * A whole-number option that fits 32 bits.
   *
   * @param key      the option's name
   * @param fallback what an absent option reads as
   * @return the number, or {@code fallback}
   * @throws IllegalArgumentException naming the key if the value is not such a number
   */
  public Integer getInteger(String key, Integer fallback) {
    Object value = value(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      long whole = number.longValue();
      if (whole == number.doubleValue() && (int) whole == whole) {
        return (int) whole;
      }
    }
    throw wrongType(key, "a whole number that fits 32 bits");
  }

  /**
   * A duration option, in either form of {@link Durations#fromJson}: a number of milliseconds or an ISO-8601 string
   * such as {@code "PT30M"}.
   *
   * @param key      the option's name
   * @param fallback what an absent option reads as
   * @return the duration, or {@code fallback}
   * @throws IllegalArgumentException naming the key if the value is neither, or a string that is no ISO-8601 duration
   */
  public Duration getDuration(String key, Duration fallback) {
    Object value = value(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number || value instanceof String) {
      return Durations.fromJson(key, value);
    }
    throw wrongType(key, "milliseconds or an ISO-8601 duration string such as \"PT30M\"");
  }

  /**
   * An enum option: a constant's name, in any case.
   *
   * @param key      the option's name
   * @param type     the enum
   * @param fallback what an absent option reads as
   * @param <E>      the enum
   * @return the constant, or {@code fallback}
   * @throws IllegalArgumentException naming the key and the constants if the value is not one of their names
   */
  public <E extends Enum<E>> E getEnum(String key, Class<E> type, E fallback) {
    Object value = value(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String name) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(name)) {
          return constant;
        }
      }
      throw invalid(key, "one of " + List.of(type.getEnumConstants()) + " (in any case), not '" + name + "'");
    }
    throw wrongType(key, "one of " + List.of(type.getEnumConstants()));
  }

  /**
   * An option that is a list of strings.
   *
   * @param key      the option's name
   * @param fallback what an absent option reads as
   * @return the strings, or {@code fallback}
   * @throws IllegalArgumentException naming the key if the value is not an array of strings
   */
  public List<String> getStrings(String key, List<String> fallback) {
    Object value = value(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof JsonArray array) {
      List<String> strings = new ArrayList<>(array.size());
      for (Object element : array) {
        if (!(element instanceof String text)) {
          throw invalid(key, "an array of strings, got an array holding " + describe(element));
        }
        strings.add(text);
      }
      return strings;
    }
    throw wrongType(key, "an array of strings");
  }

  /**
   * An option that is an object, such as the options of a client; what it holds is for its reader to check.
   *
   * @param key      the option's name
   * @param fallback what an absent option reads as
   * @return the object, or {@code fallback}
   * @throws IllegalArgumentException naming the key if the value is not an object
   */
  public JsonObject getJsonObject(String key, JsonObject fallback) {
    return typed(key, JsonObject.class, "an object", fallback);
  }

  /**
   * An option of several forms, as it is, for the caller to tell them apart and to report any other with
   * {@link #wrongType}.
   *
   * @param key the option's name
   * @return the value, or {@code null} when absent
   */
  public Object getValue(String key) {
    return value(key);
  }

  /**
   * The error for an option whose value has none of the forms it takes.
   *
   * @param key      the option's name
   * @param expected what it takes, such as {@code "a string"}
   * @return the exception to throw, naming the key, what it takes and the kind of value it got
   */
  public IllegalArgumentException wrongType(String key, String expected) {
    return invalid(key, expected + ", got " + describe(json.getValue(key)));
  }

  /**
   * Refuses the keys no {@code get} has read, such as a misspelt option; call it once every option is read.
   *
   * @throws IllegalArgumentException naming the first unknown key, in alphabetical order, and the known ones
   */
  public void rejectUnknownKeys() {
    for (String key : new TreeSet<>(json.fieldNames())) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown option \"" + key + "\" in " + owner + "; known options: "
          + known.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
  }

  /** An option read as one JSON type, which is all it takes: the string, boolean and object options. */
  private <T> T typed(String key, Class<T> type, String expected, T fallback) {
    Object value = value(key);
    if (value == null) {
      return fallback;
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw wrongType(key, expected);
  }

  private Object value(String key) {
    known.add(key);
    return json.getValue(key);
  }

  private IllegalArgumentException invalid(String key, String requirement) {
    return new IllegalArgumentException("option \"" + key + "\" of " + owner + " must be " + requirement);
  }

  /** The kind of a JSON value, with a number's or a boolean's value but never a string's, which may be a secret. */
  private static String describe(Object value) {
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return (value instanceof Number ? "the number " : "") + value;
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return value == null ? "null" : "a " + value.getClass().getSimpleName();
  }
}
