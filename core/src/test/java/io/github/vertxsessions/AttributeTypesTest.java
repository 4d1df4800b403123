package io.github.vertxsessions;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The edges of the typed getters' conversions: numbers that fit exactly, and the message of a mismatch. */
class AttributeTypesTest {

  @Test
  void aWholeDoubleConvertsToALongUpToTheEdgesOfItsRange() {
    assertEquals(Long.MIN_VALUE, AttributeTypes.as("n", -0x1p63, Long.class), "-2^63 is a long");
    assertThrows(ClassCastException.class, () -> AttributeTypes.as("n", 0x1p63, Long.class), "2^63 is not");
    assertThrows(ClassCastException.class, () -> AttributeTypes.as("n", -0x1p64, Long.class));
    assertEquals(1L << 62, AttributeTypes.as("n", 0x1p62, Long.class));
    assertEquals(-5, AttributeTypes.as("n", -5.0, Integer.class));
  }

  @Test
  void aMismatchNamesBothTypesWithTheirArticle() {
    ClassCastException e = assertThrows(ClassCastException.class,
      () -> AttributeTypes.as("n", 1, java.util.ArrayList.class));

    assertEquals("Session attribute 'n' is an Integer, not an ArrayList", e.getMessage());
  }
}
