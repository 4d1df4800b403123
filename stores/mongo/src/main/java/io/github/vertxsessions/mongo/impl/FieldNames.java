package io.github.vertxsessions.mongo.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute names (and the keys of objects nested in attribute values) as MongoDB field names.
 *
 * <p>MongoDB reads {@code .} as a path separator and a leading {@code $} as an operator, and BSON names cannot hold
 * NUL; the Vert.x codec also turns objects with keys such as {@code $date} or {@code $binary} into BSON types. So
 * those characters are percent-encoded: {@code %} becomes {@code %25}, {@code .} {@code %2E}, NUL {@code %00}, a
 * leading {@code $} {@code %24}, and the empty name is written {@code %}. Every {@code %} of an encoded name starts
 * an escape, and a lone {@code %} is the empty name, so the encoding is injective; names without those characters
 * are stored as they are.
 */
final class FieldNames {

  private FieldNames() {
  }

  static String escape(String name) {
    if (name.isEmpty()) {
      return "%";
    }
    StringBuilder escaped = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean special = c == '%' || c == '.' || c == '\0' || (c == '$' && i == 0);
      if (special && escaped == null) {
        escaped = new StringBuilder(name.length() + 8).append(name, 0, i);
      }
      if (special) {
        escaped.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      } else if (escaped != null) {
        escaped.append(c);
      }
    }
    return escaped == null ? name : escaped.toString();
  }

  /** The name {@code field} encodes; fails on a field that no name encodes to, which only a foreign writer makes. */
  static String unescape(String field) {
    if (field.equals("%")) {
      return "";
    }
    StringBuilder name = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '%') {
        int code = i + 2 < field.length() ? hex(field.charAt(i + 1)) * 16 + hex(field.charAt(i + 2)) : -1;
        if (code < 0) {
          throw new IllegalArgumentException("malformed field name escape in '" + field + "'");
        }
        name.append((char) code);
        i += 2;
      } else {
        name.append(c);
      }
    }
    String decoded = name.toString();
    if (!escape(decoded).equals(field)) {
      throw new IllegalArgumentException("field name '" + field + "' is not in the escaped form");
    }
    return decoded;
  }

  /** {@code value} with every nested object key escaped. */
  static Object escapeValue(Object value) {
    return convert(value, true);
  }

  /** {@code value} with every nested object key unescaped. */
  static Object unescapeValue(Object value) {
    return convert(value, false);
  }

  private static Object convert(Object value, boolean escape) {
    if (value instanceof JsonObject object) {
      Map<String, Object> converted = new LinkedHashMap<>(object.size() * 2);
      for (Map.Entry<String, Object> entry : object) {
        String key = escape ? escape(entry.getKey()) : unescape(entry.getKey());
        converted.put(key, convert(entry.getValue(), escape));
      }
      return new JsonObject(converted);
    }
    if (value instanceof JsonArray array) {
      List<Object> converted = new ArrayList<>(array.size());
      for (Object element : array) {
        converted.add(convert(element, escape));
      }
      return new JsonArray(converted);
    }
    return value;
  }

  private static int hex(char c) {
    int digit = Character.digit(c, 16);
    return digit < 0 ? -1000 : digit;
  }
}
