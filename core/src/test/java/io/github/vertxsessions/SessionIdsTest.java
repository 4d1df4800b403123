package io.github.vertxsessions;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which IDs are well formed: 22 to 128 characters of base64url. */
class SessionIdsTest {

  @Test
  void lengthsFrom22To128AreWellFormed() {
    assertFalse(SessionIds.isWellFormed("a".repeat(21)));
    assertTrue(SessionIds.isWellFormed("a".repeat(22)));
    assertTrue(SessionIds.isWellFormed("a".repeat(128)));
    assertFalse(SessionIds.isWellFormed("a".repeat(129)));
    assertEquals(43, SessionIds.random().length());
  }

  @Test
  void onlyBase64UrlCharactersAreWellFormed() {
    String base = "a".repeat(21);
    for (char c : "azAZ09-_".toCharArray()) {
      assertTrue(SessionIds.isWellFormed(base + c), String.valueOf(c));
      assertTrue(SessionIds.isWellFormed(c + base), String.valueOf(c));
    }
    for (char c : "`{@[/:.=+ \u00e9".toCharArray()) {
      assertFalse(SessionIds.isWellFormed(base + c), String.valueOf(c));
      assertFalse(SessionIds.isWellFormed(c + base), String.valueOf(c));
    }
    assertThrows(IllegalStateException.class, () -> SessionIds.requireWellFormed(base + "."));
    assertThrows(IllegalStateException.class, () -> SessionIds.requireWellFormed(null));
  }
}
