package io.github.vertxsessions.mongo.impl;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session data sealed with AES-256-GCM: a fresh random 12-byte nonce per write, the 128-bit tag authenticating the
 * ciphertext, and associated data naming what the blob is (the session ID for its data, the ID and a suffix for its
 * description), so that a blob copied into another session's document, or into another field, fails to open. The
 * sealed form names its key by a fingerprint (the first 4 bytes of the key's SHA-256, in hex), which lets a reader
 * holding several keys pick the right one during a key rotation without revealing the key.
 */
public final class DataCipher {

  static final String KEY_ID = "key";
  static final String NONCE = "nonce";
  static final String CIPHERTEXT = "ciphertext";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Key(String id, SecretKeySpec spec) {
  }

  private final List<Key> keys;

  /** @param base64Keys the keys, the first of which seals; none means no encryption */
  public DataCipher(List<String> base64Keys) {
    List<Key> list = new ArrayList<>(base64Keys.size());
    for (String key : base64Keys) {
      byte[] bytes = Base64.getDecoder().decode(key);
      list.add(new Key(fingerprint(bytes), new SecretKeySpec(bytes, "AES")));
    }
    this.keys = List.copyOf(list);
  }

  public static boolean isValidKey(String base64Key) {
    try {
      return base64Key != null && Base64.getDecoder().decode(base64Key).length == KEY_BYTES;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public boolean enabled() {
    return !keys.isEmpty();
  }

  /** {@code plaintext} sealed with the first key, as a {@code key, nonce, ciphertext} subdocument. */
  JsonObject seal(String associatedData, byte[] plaintext) {
    Key key = keys.get(0);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData);
      return new JsonObject()
        .put(KEY_ID, key.id)
        .put(NONCE, binary(nonce))
        .put(CIPHERTEXT, binary(cipher.doFinal(plaintext)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The plaintext of a sealed subdocument, sealed with the same associated data.
   *
   * @throws GeneralSecurityException when no configured key opens it: unknown key, tampered or moved blob
   */
  byte[] open(String associatedData, JsonObject sealed) throws GeneralSecurityException {
    String keyId = sealed.getString(KEY_ID);
    byte[] nonce = sealed.getJsonObject(NONCE).getBinary("$binary");
    byte[] ciphertext = sealed.getJsonObject(CIPHERTEXT).getBinary("$binary");
    GeneralSecurityException failure = new GeneralSecurityException("no configured key has fingerprint " + keyId);
    for (Key key : keys) {
      if (key.id.equals(keyId)) {
        try {
          return cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData).doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
          failure = e;
        }
      }
    }
    throw failure;
  }

  /** Whether a sealed subdocument names the key that seals, i.e. needs no rewriting after a key rotation. */
  boolean sealedWithCurrentKey(JsonObject sealed) {
    return keys.get(0).id.equals(sealed.getString(KEY_ID));
  }

  private static Cipher cipher(int mode, Key key, byte[] nonce, String associatedData)
    throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key.spec, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static JsonObject binary(byte[] bytes) {
    return new JsonObject().put("$binary", bytes);
  }

  private static String fingerprint(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
