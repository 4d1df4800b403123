package io.github.vertxsessions.spi.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session may hold, and the one form it holds it in, so that a value reads back as the same class whichever
 * store kept it: JSON values, with numbers in the classes JSON decoding gives back.
 *
 * <p>The rule: a whole number (a {@code Byte}, {@code Short}, {@code Integer} or {@code Long}, or a
 * {@code BigInteger} or {@code BigDecimal} with an integral value) becomes an {@code Integer} if it fits 32 bits,
 * else a {@code Long}; any other number (a {@code Float}, {@code Double} or fractional {@code BigDecimal}) a
 * {@code Double}. What JSON cannot carry is refused: NaN, infinities, whole numbers beyond 64 bits. Inside
 * containers, maps, lists and the values Vert.x writes as JSON strings ({@code Instant}, {@code byte[]},
 * {@code Buffer}, enums) take the form {@link JsonObject#getValue} already presents them in.
 */
public final class JsonValues {

  private JsonValues() {
  }

  /**
   * {@code value} as the session keeps it: a number in the class of the rule, anything else as it is. A container
   * is checked throughout but kept as it is, neither changed (it may be shared, such as a user's principal) nor
   * copied (changes made to it after the {@code put} are saved); the numbers in it take their class in the
   * {@link #copy} that saving makes.
   *
   * @param name  the attribute's name, for the error message
   * @param value the value to check
   * @return {@code value}, or the number it holds in the class of the rule
   * @throws IllegalArgumentException naming the attribute if {@code value} is not a JSON value or holds one that
   *                                  JSON cannot carry
   */
  public static Object requireJsonValue(String name, Object value) {
    if (value instanceof JsonObject || value instanceof JsonArray) {
      requireJsonContent(name, value);
      return value;
    }
    return normalised(name, value);
  }

  /**
   * A copy, in the form of the rule throughout, that shares no mutable container with {@code value}.
   *
   * @param value a JSON value
   * @return the copy; a value other than a container, immutable, comes back as {@link #requireJsonValue} gives it
   * @throws IllegalArgumentException if a container was changed in place to hold what JSON cannot carry
   */
  public static Object copy(Object value) {
    return copy(null, value);
  }

  /**
   * Whether a map holds a JSON container, which a caller could change in place.
   *
   * @param data attributes by name
   * @return true if a value is a {@code JsonObject} or {@code JsonArray}
   */
  public static boolean hasContainers(Map<String, Object> data) {
    for (Object value : data.values()) {
      if (value instanceof JsonObject || value instanceof JsonArray) {
        return true;
      }
    }
    return false;
  }

  /**
   * An unmodifiable map of {@link #copy copies} of the values in {@code data}.
   *
   * @param data attributes by name
   * @return the copies by name
   * @throws IllegalArgumentException naming the attribute if a container was changed in place to hold what JSON
   *                                  cannot carry
   */
  public static Map<String, Object> copyAll(Map<String, Object> data) {
    if (data.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new HashMap<>(data.size() * 2);
    data.forEach((name, value) -> copy.put(name, copy(name, value)));
    return Collections.unmodifiableMap(copy);
  }

  /** Checks what a container holds, at any depth; iterating it presents nested maps and lists as containers. */
  private static void requireJsonContent(String name, Object container) {
    if (container instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        requireJsonElement(name, entry.getValue());
      }
    } else {
      for (Object element : (JsonArray) container) {
        requireJsonElement(name, element);
      }
    }
  }

  private static void requireJsonElement(String name, Object value) {
    if (value instanceof JsonObject || value instanceof JsonArray) {
      requireJsonContent(name, value);
    } else {
      normalised(name, value);
    }
  }

  private static Object copy(String name, Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> copy = new LinkedHashMap<>(object.size() * 2);
      for (Map.Entry<String, Object> entry : object) {
        copy.put(entry.getKey(), copy(name, entry.getValue()));
      }
      return new JsonObject(copy);
    }
    if (value instanceof JsonArray array) {
      List<Object> copy = new ArrayList<>(array.size());
      for (Object element : array) {
        copy.add(copy(name, element));
      }
      return new JsonArray(copy);
    }
    return normalised(name, value);
  }

  /** A value other than a container in its form of the rule; strings, booleans, null and integers as they are. */
  private static Object normalised(String name, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer) {
      return value;
    }
    if (value instanceof Long number) {
      long whole = number;
      if ((int) whole == whole) {
        return (int) whole;
      }
      return number;
    }
    if (value instanceof Double number) {
      return finite(name, number);
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof Float number) {
      // The decimal JSON writes for the float, 0.1 for 0.1f, rather than its binary expansion 0.10000000149011612.
      return finite(name, Double.parseDouble(number.toString()));
    }
    if (value instanceof BigInteger number) {
      if (number.bitLength() >= Long.SIZE) {
        throw beyond64Bits(name);
      }
      return normalised(name, number.longValue());
    }
    if (value instanceof BigDecimal number) {
      if (number.stripTrailingZeros().scale() > 0) {
        return finite(name, number.doubleValue());
      }
      try {
        return normalised(name, number.longValueExact());
      } catch (ArithmeticException e) {
        throw beyond64Bits(name);
      }
    }
    throw new IllegalArgumentException(describe(name) + " must be a JSON value (String, Number, Boolean, JsonObject, "
      + "JsonArray or null), not " + value.getClass().getName());
  }

  private static Double finite(String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(describe(name) + " holds " + value + ", which JSON cannot represent");
    }
    return value;
  }

  private static IllegalArgumentException beyond64Bits(String name) {
    return new IllegalArgumentException(describe(name)
      + " holds a whole number beyond 64 bits, which JSON decoders do not read back exactly");
  }

  private static String describe(String name) {
    return name == null ? "A session attribute" : "Session attribute '" + name + "'";
  }
}
