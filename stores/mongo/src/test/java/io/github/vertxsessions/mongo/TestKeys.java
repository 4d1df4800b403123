package io.github.vertxsessions.mongo;

import java.security.SecureRandom;
import java.util.Base64;

final class TestKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {
  }

  /** A fresh AES-256 key in base64. */
  static String newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
