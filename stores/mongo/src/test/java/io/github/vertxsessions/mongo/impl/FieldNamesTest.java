package io.github.vertxsessions.mongo.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldNamesTest {

  @Test
  void ordinaryNamesAreKept() {
    for (String name : List.of("user", "userId", "cart_items", "a$b", "x-y", "ünïcødé ✓", "with space", "2E")) {
      assertSame(name, FieldNames.escape(name), name);
    }
  }

  @Test
  void namesMongoDbCannotTakeAreEscapedAsDocumented() {
    assertEquals("%", FieldNames.escape(""));
    assertEquals("a%2Eb", FieldNames.escape("a.b"));
    assertEquals("%24set", FieldNames.escape("$set"));
    assertEquals("%24$", FieldNames.escape("$$"), "only the leading dollar is special");
    assertEquals("100%25", FieldNames.escape("100%"));
    assertEquals("nul%00", FieldNames.escape("nul\0"));
    assertEquals("%25", FieldNames.escape("%"), "a lone % is the empty name, so a real % is escaped");
  }

  @Test
  void escapingIsInjectiveAndReversible() {
    List<String> names = allStrings(List.of('a', '.', '$', '%', '\0', '2', 'E', '4'), 4);
    Map<String, String> seen = new HashMap<>();
    for (String name : names) {
      String escaped = FieldNames.escape(name);
      assertNull(seen.put(escaped, name), () -> "two names escape to " + escaped);
      assertFalse(escaped.isEmpty() || escaped.startsWith("$") || escaped.contains(".") || escaped.indexOf('\0') >= 0,
        escaped);
      assertEquals(name, FieldNames.unescape(escaped));
    }
    assertTrue(seen.size() > 4000);
  }

  @Test
  void fieldsNoNameEscapesToAreRefused() {
    for (String field : List.of("a.b", "$x", "%2", "%zz", "%2e", "%61", "x%")) {
      assertThrows(IllegalArgumentException.class, () -> FieldNames.unescape(field), field);
    }
  }

  @Test
  void nestedKeysAreEscapedAndRestored() {
    JsonObject value = new JsonObject().put("$date", 1).put("list", new JsonArray().add(new JsonObject().put("a.b", "$x")));

    Object escaped = FieldNames.escapeValue(value);

    assertEquals(new JsonObject().put("%24date", 1).put("list", new JsonArray().add(new JsonObject().put("a%2Eb", "$x"))),
      escaped);
    assertEquals(value, FieldNames.unescapeValue(escaped));
    assertEquals("$x", FieldNames.escapeValue("$x"), "values are never changed");
  }

  private static List<String> allStrings(List<Character> alphabet, int maxLength) {
    List<String> result = new ArrayList<>(List.of(""));
    List<String> previous = List.of("");
    for (int length = 1; length <= maxLength; length++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (char c : alphabet) {
          next.add(prefix + c);
        }
      }
      result.addAll(next);
      previous = next;
    }
    return result;
  }
}
