package io.github.vertxsessions.impl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Handles: names of sessions that can be shown to their user and sent back to revoke one, without being the ID, which
 * is a bearer credential. A handle is the first 128 bits of an HMAC-SHA256 of the ID under a key derived from the
 * first secret, apart from the cookie signature's (another message prefix), so it reveals neither the ID nor a
 * signature; every node with the same secrets computes the same handle.
 */
final class SessionHandles {

  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] DOMAIN = "vertx-sessions handle\0".getBytes(StandardCharsets.US_ASCII);
  private static final int HANDLE_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final ThreadLocal<Mac> mac;

  SessionHandles(String secret) {
    SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance(ALGORITHM);
        m.init(key);
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA256 is not available", e);
      }
    });
  }

  String of(String id) {
    Mac m = mac.get();
    m.update(DOMAIN);
    byte[] digest = m.doFinal(id.getBytes(StandardCharsets.US_ASCII));
    return ENCODER.encodeToString(Arrays.copyOf(digest, HANDLE_BYTES));
  }
}
