package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionIds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The signer's memo of verified values changes no answer: what it returns is always what signing computes. */
class CookieSignerTest {

  private static final String OLD = "old-secret-0123456789-0123456789-0123";
  private static final String NEW = "new-secret-0123456789-0123456789-0123";

  @Test
  void reSigningAnIdVerifiedUnderTheCurrentSecretGivesTheSameValue() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String id = SessionIds.random();
    String value = new CookieSigner(List.of(NEW)).sign(id);

    assertEquals(id, signer.verify(value));
    assertEquals(value, signer.sign(id));
  }

  @Test
  void aValueVerifiedUnderAnOlderSecretIsReSignedUnderTheCurrentOne() {
    String id = SessionIds.random();
    String underOld = new CookieSigner(List.of(OLD)).sign(id);
    CookieSigner rotated = new CookieSigner(List.of(NEW, OLD));

    assertEquals(id, rotated.verify(underOld), "the old secret still verifies");
    String resent = rotated.sign(id);

    assertNotEquals(underOld, resent, "the re-sent cookie moves to the current secret");
    assertEquals(new CookieSigner(List.of(NEW)).sign(id), resent);
  }

  @Test
  void aSignatureSpelledWithItsUnusedBitsSetVerifiesButIsNeverSentBack() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String id = SessionIds.random();
    String canonical = new CookieSigner(List.of(NEW)).sign(id);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = canonical.charAt(canonical.length() - 1);
    // 43 characters carry 258 bits for 256: the last one's two low bits are unused
    String variant = canonical.substring(0, canonical.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);

    assertEquals(id, signer.verify(variant), "the same signature bytes");
    assertEquals(canonical, signer.sign(id), "the cookie sent back is what signing computes");
  }

  @Test
  void aTamperedValueIsNeitherVerifiedNorRemembered() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String id = SessionIds.random();
    String good = signer.sign(id);
    String tampered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
    CookieSigner fresh = new CookieSigner(List.of(NEW));

    assertNull(fresh.verify(tampered));
    assertEquals(good, fresh.sign(id), "what the memo returns is the real signature, never the tampered value");
  }
}
