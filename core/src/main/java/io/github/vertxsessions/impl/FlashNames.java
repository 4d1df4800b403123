package io.github.vertxsessions.impl;

import java.util.Objects;

/**
 * Where flash values live: each is an ordinary attribute whose name is a reserved prefix followed by the flash's
 * name, so every store keeps them with no code of its own, and a save sends only the flashes set or taken. One
 * attribute per flash rather than one map of them keeps two requests that flash different names from overwriting
 * each other's (a store's saves are atomic per attribute, not per value inside one). The prefix is refused as the
 * start of an attribute name, so no attribute can be mistaken for a flash.
 */
final class FlashNames {

  /** What every flash's attribute name starts with. */
  static final String PREFIX = "__flash:";

  private FlashNames() {
  }

  /** The attribute that holds the flash {@code name}. */
  static String attributeOf(String name) {
    return PREFIX + Objects.requireNonNull(name, "The name of a flash value must not be null");
  }

  /** Whether {@code attribute} holds a flash value rather than an application's attribute. */
  static boolean isFlash(String attribute) {
    return attribute != null && attribute.startsWith(PREFIX);
  }

  /**
   * Refuses a flash's attribute as an application's attribute name.
   *
   * @throws IllegalArgumentException naming the attribute
   */
  static String requireAttributeName(String attribute) {
    if (isFlash(attribute)) {
      throw new IllegalArgumentException("Session attribute '" + attribute + "': names starting with '" + PREFIX
        + "' hold flash values; use Session.flash and Session.takeFlash");
    }
    return attribute;
  }
}
