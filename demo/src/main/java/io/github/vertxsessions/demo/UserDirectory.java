package io.github.vertxsessions.demo;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The demo's users, kept as salted PBKDF2 hashes of their passwords so that the plain passwords need not stay in
 * memory once the verticle has started. Both {@link #hashing} and {@link #verify} take tens of milliseconds on
 * purpose: run them on a worker thread, never on an event loop.
 */
final class UserDirectory {

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  /**
   * Below OWASP's 600,000 for PBKDF2-HMAC-SHA256, so that log-ins stay quick on a small demo machine; an application
   * with real users tunes this to what its servers afford.
   */
  static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private record Hash(byte[] salt, byte[] value) {
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Hash> hashes;
  /** Checked for unknown user names, so that a wrong name costs as much time as a wrong password. */
  private final Hash decoy;

  private UserDirectory(Map<String, Hash> hashes, Hash decoy) {
    this.hashes = hashes;
    this.decoy = decoy;
  }

  /** Hashes every password with a salt of its own. Blocking. */
  static UserDirectory hashing(Map<String, String> passwords) {
    Map<String, Hash> hashes = new HashMap<>();
    passwords.forEach((user, password) -> hashes.put(user, hash(password, newSalt())));
    return new UserDirectory(Map.copyOf(hashes), hash("decoy", newSalt()));
  }

  Set<String> names() {
    return hashes.keySet();
  }

  /** Whether {@code password} is the password of {@code user}. Blocking. */
  boolean verify(String user, String password) {
    Hash expected = hashes.get(user);
    Hash stored = expected != null ? expected : decoy;
    boolean matches = MessageDigest.isEqual(stored.value, hash(password, stored.salt).value);
    return expected != null && matches;
  }

  private static byte[] newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return salt;
  }

  private static Hash hash(String password, byte[] salt) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, HASH_BITS);
    try {
      return new Hash(salt, SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}
