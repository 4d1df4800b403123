package io.github.vertxsessions.bench.load;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Cookies shaped like ours ({@code sid=<43-char id>.<43-char signature>}) for the floor, which mints none: the floor
 * then receives and parses the same request bytes as the peers, with nothing to look up.
 */
final class LookalikeCookies {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private LookalikeCookies() {
  }

  static List<String> make(int count) {
    List<String> cookies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      cookies.add("sid=" + random32() + "." + random32());
    }
    return cookies;
  }

  private static String random32() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }
}
