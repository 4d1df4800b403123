package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionIds;

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
 *
 * <p>Each thread remembers the last few values it verified under the first secret, by ID: signing one of those IDs
 * again (a rolling cookie re-sent unchanged on every response) returns the value the client sent instead of a
 * second HMAC. The memo only ever holds what {@link #sign} would compute, so it changes no answer.
 */
final class CookieSigner {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int SIGNATURE_CHARS = 43;
  /** A generous bound on a well-formed value: a 128-character ID, a dot and a signature. */
  static final int MAX_VALUE_LENGTH = 128 + 1 + SIGNATURE_CHARS;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final List<SecretKeySpec> keys;
  private static final int MEMO_SIZE = 64;

  /** Mac instances are not thread-safe and costly to create: one set per event-loop thread, with its memo. */
  private final ThreadLocal<PerThread> perThread;

  private static final class PerThread {
    final Mac[] macs;
    final String[] memoIds = new String[MEMO_SIZE];
    final String[] memoValues = new String[MEMO_SIZE];

    PerThread(Mac[] macs) {
      this.macs = macs;
    }

    String remembered(String id) {
      int slot = id.hashCode() & (MEMO_SIZE - 1);
      return id.equals(memoIds[slot]) ? memoValues[slot] : null;
    }

    void remember(String id, String value) {
      int slot = id.hashCode() & (MEMO_SIZE - 1);
      memoIds[slot] = id;
      memoValues[slot] = value;
    }
  }

  CookieSigner(List<String> secrets) {
    this.keys = secrets.stream().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM)).toList();
    this.perThread = ThreadLocal.withInitial(() -> new PerThread(newMacs()));
  }

  String sign(String id) {
    PerThread state = perThread.get();
    String remembered = state.remembered(id);
    if (remembered != null) {
      return remembered;
    }
    String value = id + '.' + ENCODER.encodeToString(state.macs[0].doFinal(id.getBytes(StandardCharsets.US_ASCII)));
    state.remember(id, value);
    return value;
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
    PerThread state = perThread.get();
    byte[] expected = state.macs[0].doFinal(idBytes);
    boolean current = MessageDigest.isEqual(expected, signature);
    boolean valid = current;
    for (int i = 1; i < state.macs.length; i++) {
      // no early exit: every secret is tried, whichever matches
      valid |= MessageDigest.isEqual(state.macs[i].doFinal(idBytes), signature);
    }
    if (current && isCanonicalEnding(value.charAt(value.length() - 1), expected)) {
      // only what sign() computes: base64url leaves two unused bits in the last character, which a client may set
      state.remember(id, value);
    }
    return valid ? id : null;
  }

  /**
   * Whether {@code last}, the last character of a 43-character signature that decodes to {@code mac}, is the one
   * base64url writes: 43 characters carry 258 bits for the 256 of the MAC, the last one the MAC's last 4 bits and 2
   * bits that the encoder leaves zero and the decoder ignores, so a signature that verifies can differ from the
   * canonical one only there.
   */
  private static boolean isCanonicalEnding(char last, byte[] mac) {
    return last == BASE64URL_ALPHABET.charAt((mac[mac.length - 1] & 0x0F) << 2);
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
