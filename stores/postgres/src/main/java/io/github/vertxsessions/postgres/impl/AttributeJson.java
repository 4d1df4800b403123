package io.github.vertxsessions.postgres.impl;

import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Attributes as the JSON text a {@code jsonb} parameter takes, written so that each value reads back as the class it
 * was saved as. {@code jsonb} keeps numbers as {@code numeric}, which forgets the exponent notation a JSON encoder
 * gives large and small doubles ({@code 1.0E15} reads back as the whole number {@code 1000000000000000}, a Long):
 * doubles are therefore written in plain notation with a fraction ({@code 1000000000000000.0}), which {@code numeric}
 * keeps and a JSON decoder reads as a double again. Text PostgreSQL cannot store is refused, naming the attribute:
 * NUL (neither {@code text} nor {@code jsonb} holds it) and lone surrogates (they would reach the server as
 * {@code ?}).
 */
final class AttributeJson {

  private AttributeJson() {
  }

  /** The JSON object of {@code attributes}. */
  static String encode(Map<String, Object> attributes) {
    StringBuilder json = new StringBuilder(64).append('{');
    attributes.forEach((name, value) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      string(json, name, name).append(':');
      value(json, name, value);
    });
    return json.append('}').toString();
  }

  /**
   * Checks text bound for a {@code text} column or a JSON string.
   *
   * @param what names the text for the error message, such as {@code "Session attribute 'x'"}
   * @throws IllegalArgumentException if it holds NUL or a lone surrogate
   */
  static void requireStorableText(String what, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        throw new IllegalArgumentException(what + " holds a NUL character, which PostgreSQL cannot store");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " must be well-formed Unicode: a lone surrogate at index " + i);
      }
    }
  }

  private static void value(StringBuilder json, String name, Object value) {
    if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      json.append(value);
    } else if (value instanceof Double number) {
      String plain = BigDecimal.valueOf(number).toPlainString();
      json.append(plain);
      if (plain.indexOf('.') < 0) {
        json.append(".0");
      }
    } else if (value instanceof String text) {
      string(json, name, text);
    } else if (value instanceof JsonObject object) {
      json.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> entry : object) {
        if (!first) {
          json.append(',');
        }
        first = false;
        string(json, name, entry.getKey()).append(':');
        value(json, name, entry.getValue());
      }
      json.append('}');
    } else if (value instanceof JsonArray array) {
      json.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          json.append(',');
        }
        value(json, name, array.getValue(i));
      }
      json.append(']');
    } else if (value instanceof Number) {
      value(json, name, JsonValues.requireJsonValue(name, value)); // another number class: in the rule's first
    } else {
      Object encoded = Json.decodeValue(Json.encode(value)); // what Vert.x writes as a string (an Instant, bytes)
      if (encoded instanceof String || encoded == null) {
        value(json, name, encoded);
      } else {
        throw new IllegalArgumentException("Session attribute '" + name + "' holds a "
          + value.getClass().getName() + ", which is not a JSON value");
      }
    }
  }

  private static StringBuilder string(StringBuilder json, String attribute, String text) {
    requireStorableText("Session attribute '" + attribute + "'", text);
    return json.append(Json.encode(text));
  }
}
