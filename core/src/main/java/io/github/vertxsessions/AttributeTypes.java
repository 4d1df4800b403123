package io.github.vertxsessions;

/**
 * How the typed getters of {@link Session} read an attribute as the class they name. Here rather than with the rule of
 * what a session holds ({@code spi.support.JsonValues}) because only the API reads values this way, and the API does
 * not depend on the helpers for store authors.
 */
final class AttributeTypes {

  private AttributeTypes() {
  }

  /**
   * Attribute {@code name}'s {@code value} as {@code type}: {@code null} stays {@code null}, and the number classes a
   * session holds ({@code Integer}, {@code Long}, {@code Double}) convert into one another when the value fits
   * exactly.
   *
   * @param name  the attribute's name, for the error message
   * @param value the attribute's value
   * @param type  the class asked for
   * @param <T>   the class asked for
   * @return {@code value} as {@code type}, or {@code null}
   * @throws ClassCastException naming the attribute and both types if {@code value} is anything else
   */
  static <T> T as(String name, Object value, Class<T> type) {
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    boolean numbers = value instanceof Number && Number.class.isAssignableFrom(type);
    Number converted = numbers ? exactly((Number) value, type) : null;
    if (converted == null) {
      throw new ClassCastException("Session attribute '" + name + "' is " + withArticle(value.getClass()) + ", not "
        + withArticle(type) + (numbers ? ": its value does not fit one" : ""));
    }
    return type.cast(converted);
  }

  /** {@code number} as {@code type} if it fits exactly, else null; only the number classes a session holds convert. */
  private static Number exactly(Number number, Class<?> type) {
    if (!(number instanceof Integer || number instanceof Long || number instanceof Double)) {
      return null;
    }
    double value = number.doubleValue();
    if (type == Double.class) {
      // Only a long can be too precise for a double; one rounding to 2^63 is caught apart, as (long) saturates there.
      boolean lossy = number instanceof Long && (value == 0x1p63 || (long) value != number.longValue());
      return lossy ? null : value;
    }
    if (number instanceof Double && (value != Math.rint(value) || value < -0x1p63 || value >= 0x1p63)) {
      return null; // a fraction, NaN, an infinity, or beyond 64 bits
    }
    long whole = number instanceof Double ? (long) value : number.longValue();
    if (type == Long.class) {
      return whole;
    }
    return type == Integer.class && (int) whole == whole ? Integer.valueOf((int) whole) : null;
  }

  private static String withArticle(Class<?> type) {
    String name = type.getSimpleName();
    return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }
}
