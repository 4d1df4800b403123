package io.github.vertxsessions.impl;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view {@code Session.data()} gives: every attribute but the flash values, read-only, following changes. */
class AttributesWithoutFlashesTest {

  private final Map<String, Object> attributes = new HashMap<>();
  private final Map<String, Object> view = new AttributesWithoutFlashes(attributes);

  @Test
  void leavesOutFlashValuesWhicheverWayItIsRead() {
    attributes.put("user", "alice");
    attributes.put("nothing", null);
    attributes.put("__flash:notice", "saved");

    Map<String, Object> expected = new HashMap<>();
    expected.put("user", "alice");
    expected.put("nothing", null);
    assertEquals(expected, view);
    assertEquals(expected, new HashMap<>(view), "iterated");
    assertEquals(2, view.size());
    assertNull(view.get("__flash:notice"));
    assertFalse(view.containsKey("__flash:notice"));
    assertTrue(view.containsKey("nothing"));
    assertFalse(view.containsKey(42));
  }

  @Test
  void followsLaterChanges() {
    attributes.put("__flash:notice", "saved");
    assertTrue(view.isEmpty(), "a session holding a flash alone lists no attribute");

    attributes.put("user", "alice");
    attributes.put("__flash:other", 1);

    assertEquals(Map.of("user", "alice"), view);
  }

  @Test
  void refusesChangesThroughItselfAndItsEntries() {
    attributes.put("user", "alice");

    assertThrows(UnsupportedOperationException.class, () -> view.put("user", "bob"));
    assertThrows(UnsupportedOperationException.class, () -> view.entrySet().iterator().next().setValue("bob"));
    assertThrows(UnsupportedOperationException.class, () -> view.keySet().iterator().remove());
    assertThrows(UnsupportedOperationException.class, view::clear);
    assertEquals(Map.of("user", "alice"), attributes);
  }
}
