package io.github.vertxsessions;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The form of a session ID: 22 to 128 characters of base64url ({@code A-Z a-z 0-9 - _}), so at least 128 bits, safe
 * in a cookie or a header. The handler's own IDs are 256 bits from a CSPRNG ({@link #random()}, the default of
 * {@link SessionOptions#setIdGenerator}); a custom generator must make IDs of this form, which the handler checks with
 * {@link #requireWellFormed} on every ID it draws, and with {@link #isWellFormed} on every ID a request carries before
 * any store call.
 */
public final class SessionIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  /** 128 bits in base64url. */
  private static final int MIN_LENGTH = 22;
  private static final int MAX_LENGTH = 128;
  private static final boolean[] BASE64URL_CHARS = base64urlChars();

  private SessionIds() {
  }

  /**
   * A new random ID: 256 bits from a {@link SecureRandom}, in base64url without padding (43 characters).
   *
   * @return the ID
   */
  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  /**
   * Whether {@code id} has the form of a session ID.
   *
   * @param id a candidate, not null
   * @return true for 22 to 128 characters of base64url
   */
  public static boolean isWellFormed(String id) {
    int length = id.length();
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c >= BASE64URL_CHARS.length || !BASE64URL_CHARS[c]) {
        return false;
      }
    }
    return true;
  }

  /** Which ASCII characters base64url uses: one look-up per character of every cookie checked. */
  private static boolean[] base64urlChars() {
    boolean[] chars = new boolean[128];
    for (char c = 'a'; c <= 'z'; c++) {
      chars[c] = true;
      chars[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      chars[c] = true;
    }
    chars['-'] = true;
    chars['_'] = true;
    return chars;
  }

  /**
   * Checks what an ID generator made, so that a weak generator fails loudly instead of weakening every session.
   *
   * @param id what the generator returned
   * @return {@code id}
   * @throws IllegalStateException naming the form required when {@code id} is null or not of that form
   */
  public static String requireWellFormed(String id) {
    if (id == null || !isWellFormed(id)) {
      throw new IllegalStateException("idGenerator must return " + MIN_LENGTH + " to " + MAX_LENGTH
        + " characters of A-Z a-z 0-9 - _ (at least 128 bits), not '" + id + "'");
    }
    return id;
  }
}
