package io.github.vertxsessions.impl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs session IDs as {@code id.signature} with HMAC-SHA256 under the first secret, and verifies them under every
 * secret in constant time, so a client can neither forge an ID nor learn a signature byte by byte.
 */
final class CookieSigner {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int SIGNATURE_CHARS = 43;
  /** A generous bound on a well-formed value: a 128-character ID, a dot and a signature. */
  static final int MAX_VALUE_LENGTH = 128 + 1 + SIGNATURE_CHARS;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final List<SecretKeySpec> keys;
  // Mac instances are not thread-safe and costly to create: one set per event-loop thread.
  private final ThreadLocal<Mac[]> macs;

  CookieSigner(List<String> secrets) {
    this.keys = secrets.stream().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM)).toList();
    this.macs = ThreadLocal.withInitial(this::newMacs);
  }

  String sign(String id) {
    return id + '.' + ENCODER.encodeToString(macs.get()[0].doFinal(id.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The ID a cookie value carries, or null when it is malformed or not signed by one of the secrets. */
  String verify(String value) {
    if (value == null || value.length() > MAX_VALUE_LENGTH) {
      return null;
    }
    int dot = value.lastIndexOf('.');
    if (dot < 0 || value.length() - dot - 1 != SIGNATURE_CHARS) {
      return null;
    }
    String id = value.substring(0, dot);
    if (!SessionIds.isWellFormed(id)) {
      return null;
    }
    byte[] signature;
    try {
      signature = DECODER.decode(value.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    boolean valid = false;
    for (Mac mac : macs.get()) {
      // no early exit: every secret is tried, whichever matches
      valid |= MessageDigest.isEqual(mac.doFinal(idBytes), signature);
    }
    return valid ? id : null;
  }

  private Mac[] newMacs() {
    try {
      Mac[] result = new Mac[keys.size()];
      for (int i = 0; i < result.length; i++) {
        result[i] = Mac.getInstance(ALGORITHM);
        result[i].init(keys.get(i));
      }
      return result;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
