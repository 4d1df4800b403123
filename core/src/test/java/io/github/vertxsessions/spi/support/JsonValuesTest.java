package io.github.vertxsessions.spi.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule for what a session holds, and in which classes, whatever the store. */
class JsonValuesTest {

  @Test
  void wholeNumbersBecomeAnIntegerWhenTheyFit32BitsElseALong() {
    for (Object five : List.of((byte) 5, (short) 5, 5, 5L, BigInteger.valueOf(5), new BigDecimal("5"),
      new BigDecimal("5.00"))) {
      assertExactly(5, JsonValues.requireJsonValue("n", five), five.getClass().getSimpleName());
    }
    assertExactly(50, JsonValues.requireJsonValue("n", new BigDecimal("5E+1")), "BigDecimal 5E+1");
    assertExactly(Integer.MIN_VALUE, JsonValues.requireJsonValue("n", (long) Integer.MIN_VALUE), "int range");
    assertExactly(Integer.MAX_VALUE + 1L, JsonValues.requireJsonValue("n", Integer.MAX_VALUE + 1L), "beyond int");
    for (Object big : List.of(5_000_000_000L, BigInteger.valueOf(5_000_000_000L), new BigDecimal("5000000000.0"))) {
      assertExactly(5_000_000_000L, JsonValues.requireJsonValue("n", big), big.getClass().getSimpleName());
    }
    assertExactly(Long.MIN_VALUE, JsonValues.requireJsonValue("n", BigInteger.valueOf(Long.MIN_VALUE)), "long range");
  }

  @Test
  void otherNumbersBecomeADoubleAsJsonWritesThem() {
    assertExactly(1.5, JsonValues.requireJsonValue("n", 1.5), "Double");
    assertExactly(2.0, JsonValues.requireJsonValue("n", 2.0), "a whole Double stays a Double");
    assertExactly(1.5, JsonValues.requireJsonValue("n", 1.5f), "Float");
    assertExactly(0.1, JsonValues.requireJsonValue("n", 0.1f), "a Float reads as the decimal JSON writes for it");
    assertExactly(2.5, JsonValues.requireJsonValue("n", new BigDecimal("2.50")), "fractional BigDecimal");
  }

  @Test
  void stringsBooleansNullAndIntegersAreKeptAsTheyAre() {
    String text = new String("text");
    Integer large = 123_456;
    assertSame(text, JsonValues.requireJsonValue("s", text));
    assertSame(large, JsonValues.requireJsonValue("i", large));
    assertSame(Boolean.TRUE, JsonValues.requireJsonValue("b", Boolean.TRUE));
    assertEquals(null, JsonValues.requireJsonValue("z", null));
  }

  @Test
  void numbersJsonCannotCarryAreRefusedNamingTheAttribute() {
    for (Object number : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
      BigInteger.ONE.shiftLeft(63), new BigDecimal("1E+30"), new BigDecimal("-9223372036854775809"))) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> JsonValues.requireJsonValue("views", number), String.valueOf(number));
      assertTrue(refused.getMessage().startsWith("Session attribute 'views' "), refused.getMessage());
    }
  }

  @Test
  void nonJsonValuesAreRefusedNamingTheAttributeAndTheirClass() {
    for (Object value : List.of(new Object(), new AtomicLong(5), Instant.EPOCH, Map.of("a", 1), List.of(1))) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> JsonValues.requireJsonValue("thing", value));
      assertTrue(refused.getMessage().startsWith("Session attribute 'thing' must be a JSON value"),
        refused.getMessage());
      assertTrue(refused.getMessage().contains(value.getClass().getName()), refused.getMessage());
    }
  }

  @Test
  void aContainerIsCheckedThroughoutAtPutButKeptAsItIs() {
    JsonObject cart = new JsonObject().put("total", 5L).put("items", new JsonArray().add(1.5f));

    assertSame(cart, JsonValues.requireJsonValue("cart", cart), "later changes to the caller's container are saved");
    assertEquals(Long.class, cart.getValue("total").getClass(), "the caller's container is not changed");

    for (Object bad : List.of(Double.NaN, new Object(), BigInteger.TEN.pow(20))) {
      JsonObject nested = new JsonObject().put("deep", new JsonArray().add(new JsonObject().put("x", bad)));
      JsonArray inRawMap = new JsonArray().add(new HashMap<>(Map.of("x", bad)));
      for (Object container : List.of(nested, inRawMap)) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> JsonValues.requireJsonValue("cart", container), bad + " in a " + container.getClass().getSimpleName());
        assertTrue(refused.getMessage().startsWith("Session attribute 'cart' "), refused.getMessage());
      }
    }
  }

  @Test
  void copiesNormaliseNestedValuesAndShareNoContainerWithTheOriginal() {
    Map<String, Object> rawMap = new HashMap<>(Map.of("long", 7L));
    List<Object> rawList = new ArrayList<>(List.of(8L));
    JsonArray array = new JsonArray().add(5L).add(1.5f).add(new JsonObject().put("big", 5_000_000_000L));
    JsonObject original = new JsonObject()
      .put("small", 5L).put("float", 0.1f).put("decimal", new BigDecimal("2.50")).put("text", "t").putNull("none")
      .put("array", array).put("map", rawMap).put("list", rawList)
      .put("at", Instant.EPOCH).put("bytes", new byte[] {1, 2, 3}).put("buffer", Buffer.buffer("ab"))
      .put("day", DayOfWeek.MONDAY);

    JsonObject copy = (JsonObject) JsonValues.copy(original);

    assertExactly(5, copy.getValue("small"), "small");
    assertExactly(0.1, copy.getValue("float"), "float");
    assertExactly(2.5, copy.getValue("decimal"), "decimal");
    assertExactly("t", copy.getValue("text"), "text");
    assertTrue(copy.containsKey("none") && copy.getValue("none") == null, "null is kept");
    JsonArray copiedArray = copy.getJsonArray("array");
    assertExactly(5, copiedArray.getValue(0), "array[0]");
    assertExactly(1.5, copiedArray.getValue(1), "array[1]");
    assertExactly(5_000_000_000L, copiedArray.getJsonObject(2).getValue("big"), "array[2].big");
    assertExactly(7, copy.getJsonObject("map").getValue("long"), "a nested Map becomes a JsonObject");
    assertExactly(8, copy.getJsonArray("list").getValue(0), "a nested List becomes a JsonArray");
    // What Vert.x writes as JSON strings is kept as those strings, as JsonObject.getValue presents it already.
    Map<String, Object> kept = copy.getMap();
    assertEquals(List.of("1970-01-01T00:00:00Z", "AQID", "YWI", "MONDAY"),
      List.of(kept.get("at"), kept.get("bytes"), kept.get("buffer"), kept.get("day")));

    copiedArray.getJsonObject(2).put("big", 0);
    copy.getJsonObject("map").put("long", 0);
    assertEquals(5_000_000_000L, array.getJsonObject(2).getValue("big"));
    assertEquals(7L, rawMap.get("long"));
    assertEquals(Long.class, original.getValue("small").getClass(), "the original is not changed");
  }

  @Test
  void copyAllNormalisesEveryAttributeIntoAnUnmodifiableMap() {
    Map<String, Object> data = new HashMap<>();
    data.put("views", 5L);
    data.put("ratio", 1.5f);
    data.put("cart", new JsonObject().put("total", 5L));
    data.put("none", null);

    Map<String, Object> copy = JsonValues.copyAll(data);

    assertExactly(5, copy.get("views"), "views");
    assertExactly(1.5, copy.get("ratio"), "ratio");
    assertExactly(5, ((JsonObject) copy.get("cart")).getValue("total"), "cart.total");
    assertNotSame(data.get("cart"), copy.get("cart"));
    assertTrue(copy.containsKey("none"));
    assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
  }

  @Test
  void aCopyRefusesWhatAContainerWasChangedInPlaceToHold() {
    JsonObject cart = new JsonObject();
    JsonValues.requireJsonValue("cart", cart);
    cart.put("total", Double.NaN);

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> JsonValues.copyAll(Map.of("cart", cart)));
    assertTrue(refused.getMessage().startsWith("Session attribute 'cart' "), refused.getMessage());
  }

  @Test
  void dataHoldsContainersWhenAnyValueIsAJsonObjectOrArray() {
    assertTrue(JsonValues.hasContainers(Map.of("o", new JsonObject())));
    assertTrue(JsonValues.hasContainers(Map.of("a", new JsonArray())));
    assertTrue(JsonValues.hasContainers(Map.of("s", "text", "a", new JsonArray().add(1))));
    assertFalse(JsonValues.hasContainers(Map.of("s", "text", "n", 1)));
    assertFalse(JsonValues.hasContainers(Map.of()));
  }

  private static void assertExactly(Object expected, Object actual, String what) {
    assertEquals(expected.getClass(), actual == null ? null : actual.getClass(), what);
    assertEquals(expected, actual, what);
  }
}
