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
 * <p>Each thread remembers the values it signed or verified lately under the first secret, by ID ({@link
 * SignedValues}): a value whose ID is remembered is compared with the remembered one, in constant time, instead of
 * computing its HMAC again, and signing a remembered ID (a rolling cookie re-sent on every response) returns the
 * remembered value. The memo only ever holds what {@link #sign} would compute, and a value that differs from it goes
 * on to the full verification, so it changes no answer; the HMAC it saves was most of a read's cost.
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

  /** Mac instances are not thread-safe and costly to create: one set per event-loop thread, with its memo. */
  private final ThreadLocal<PerThread> perThread;

  private record PerThread(Mac[] macs, SignedValues memo) {
  }

  CookieSigner(List<String> secrets) {
    this.keys = secrets.stream().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM)).toList();
    this.perThread = ThreadLocal.withInitial(() -> new PerThread(newMacs(), new SignedValues()));
  }

  String sign(String id) {
    PerThread state = perThread.get();
    String remembered = state.memo().get(id);
    if (remembered != null) {
      return remembered;
    }
    String value = id + '.' + ENCODER.encodeToString(state.macs()[0].doFinal(id.getBytes(StandardCharsets.US_ASCII)));
    state.memo().put(id, value);
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
    PerThread state = perThread.get();
    String remembered = state.memo().get(id);
    if (remembered != null && sameSignature(remembered, value, dot + 1)) {
      // what the HMAC below would compute and compare; a remembered ID was well-formed when it was signed
      return id;
    }
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
    Mac[] macs = state.macs();
    byte[] expected = macs[0].doFinal(idBytes);
    boolean current = MessageDigest.isEqual(expected, signature);
    boolean valid = current;
    for (int i = 1; i < macs.length; i++) {
      // no early exit: every secret is tried, whichever matches
      valid |= MessageDigest.isEqual(macs[i].doFinal(idBytes), signature);
    }
    if (current && isCanonicalEnding(value.charAt(value.length() - 1), expected)) {
      // only what sign() computes: base64url leaves two unused bits in the last character, which a client may set
      state.memo().put(id, value);
    }
    return valid ? id : null;
  }

  /**
   * Whether {@code value} carries the signature of {@code remembered}, both of the same ID, comparing every character
   * of the signatures from {@code from} on whatever they hold, as {@link MessageDigest#isEqual} compares bytes: the
   * time taken tells nothing of how much of a forged signature was right.
   */
  private static boolean sameSignature(String remembered, String value, int from) {
    if (remembered.length() != value.length()) {
      return false;
    }
    int difference = 0;
    for (int i = from; i < value.length(); i++) {
      difference |= remembered.charAt(i) ^ value.charAt(i);
    }
    return difference == 0;
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
