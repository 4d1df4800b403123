package io.github.vertxsessions.spi.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edges of the number conversions of the typed getters, and which data holds containers. */
class JsonValuesEdgesTest {

  @Test
  void aWholeDoubleConvertsToALongUpToTheEdgesOfItsRange() {
    assertEquals(Long.MIN_VALUE, JsonValues.as("n", -0x1p63, Long.class), "-2^63 is a long");
    assertThrows(ClassCastException.class, () -> JsonValues.as("n", 0x1p63, Long.class), "2^63 is not");
    assertThrows(ClassCastException.class, () -> JsonValues.as("n", -0x1p64, Long.class));
    assertEquals(1L << 62, JsonValues.as("n", 0x1p62, Long.class));
    assertEquals(-5, JsonValues.as("n", -5.0, Integer.class));
  }

  @Test
  void dataHoldsContainersWhenAnyValueIsAJsonObjectOrArray() {
    assertTrue(JsonValues.hasContainers(Map.of("o", new JsonObject())));
    assertTrue(JsonValues.hasContainers(Map.of("a", new JsonArray())));
    assertTrue(JsonValues.hasContainers(Map.of("s", "text", "a", new JsonArray().add(1))));
    assertFalse(JsonValues.hasContainers(Map.of("s", "text", "n", 1)));
    assertFalse(JsonValues.hasContainers(Map.of()));
  }

  @Test
  void aMismatchNamesBothTypesWithTheirArticle() {
    ClassCastException e = assertThrows(ClassCastException.class,
      () -> JsonValues.as("n", 1, java.util.ArrayList.class));

    assertEquals("Session attribute 'n' is an Integer, not an ArrayList", e.getMessage());
  }
}
