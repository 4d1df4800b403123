package io.github.vertxsessions.impl;

import io.github.vertxsessions.SessionIds;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The signer's memo of verified values changes no answer: what it returns is always what signing computes. */
class CookieSignerTest {

  private static final String OLD = "old-secret-0123456789-0123456789-0123";
  private static final String NEW = "new-secret-0123456789-0123456789-0123";
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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
    String variant = otherSpellingOf(canonical);

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

  @Test
  void aVerifiedValueIsWhatSigningTheIdAgainReturnsWithoutASecondHmac() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String id = SessionIds.random();
    String value = new CookieSigner(List.of(NEW)).sign(id);

    signer.verify(value);

    // the very value the client sent comes back: the memo answered, not a second HMAC
    assertSame(value, signer.sign(id));
  }

  @Test
  void aForgedSignatureOfARememberedIdIsNotVerified() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String id = SessionIds.random();
    String good = signer.sign(id);
    String forged = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");

    assertEquals(id, signer.verify(good), "the remembered value itself");
    assertNull(signer.verify(forged), "the memo knows the ID, and compares the whole signature");
    assertNull(signer.verify(id + "." + new CookieSigner(List.of(OLD)).sign(id).substring(id.length() + 1)),
      "signed under a secret this signer does not have");
    assertSame(good, signer.sign(id), "a failed verification leaves the memo as it was");
  }

  @Test
  void aRememberedIdStillVerifiesUnderAnOlderSecretAndWithItsUnusedBitsSet() {
    CookieSigner rotated = new CookieSigner(List.of(NEW, OLD));
    String id = SessionIds.random();
    String current = rotated.sign(id);
    String underOld = new CookieSigner(List.of(OLD)).sign(id);
    String variant = otherSpellingOf(current);

    assertEquals(id, rotated.verify(underOld), "a value the memo does not hold is verified in full");
    assertEquals(id, rotated.verify(variant), "the same signature bytes, spelled otherwise");
    assertSame(current, rotated.sign(id), "neither replaced the remembered value");
  }

  @Test
  void theMemoIsBoundedAndForgetsTheLeastRecentlyUsedId() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String first = SessionIds.random();
    String second = SessionIds.random();
    String firstValue = signer.sign(first);
    String secondValue = signer.sign(second);
    signer.verify(firstValue); // used again: now the most recent
    for (int i = 0; i < SignedValues.CAPACITY - 1; i++) {
      signer.sign(SessionIds.random());
    }

    assertSame(firstValue, signer.sign(first), "still among the most recent");
    String again = signer.sign(second);
    assertEquals(secondValue, again);
    assertNotSame(secondValue, again, "forgotten, so signed anew");
    assertEquals(second, signer.verify(secondValue), "its value verifies as before");
  }

  @Test
  void signingAnIdTwiceComputesItOnce() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String id = SessionIds.random();

    assertSame(signer.sign(id), signer.sign(id));
  }

  /**
   * The last of the 43 characters carries the MAC's last 4 bits and 2 unused ones, which base64url writes as zero: a
   * canonical signature ends in one of 16 characters, each of which 3 others spell the same bytes with. For every
   * one of the 64 characters, only the canonical spelling is remembered, and every spelling verifies.
   */
  @Test
  void everyEndingCharacterIsRememberedExactlyWhenItIsTheCanonicalOne() {
    Map<Character, String> idByCanonicalEnding = idsForEveryCanonicalEnding();
    for (char canonicalEnding : idByCanonicalEnding.keySet()) {
      String id = idByCanonicalEnding.get(canonicalEnding);
      String canonical = new CookieSigner(List.of(NEW)).sign(id);
      int group = ALPHABET.indexOf(canonicalEnding);
      for (int unusedBits = 0; unusedBits < 4; unusedBits++) {
        String spelling = canonical.substring(0, canonical.length() - 1) + ALPHABET.charAt(group + unusedBits);
        CookieSigner signer = new CookieSigner(List.of(NEW));

        assertEquals(id, signer.verify(spelling), spelling + " spells the same signature bytes");
        String resent = signer.sign(id);
        assertEquals(canonical, resent, "the cookie sent back is what signing computes");
        if (unusedBits == 0) {
          assertSame(spelling, resent, "the canonical " + spelling + " is remembered");
        } else {
          assertNotSame(spelling, resent, spelling + " has unused bits set and is not remembered");
        }
      }
    }
  }

  @Test
  void aValueOfTheLongestIdIsVerifiedAndOneCharacterMoreIsNot() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String longest = "a".repeat(128);
    String value = signer.sign(longest);

    assertEquals(CookieSigner.MAX_VALUE_LENGTH, value.length());
    assertEquals(longest, new CookieSigner(List.of(NEW)).verify(value));
    assertNull(new CookieSigner(List.of(NEW)).verify("a" + value), "longer than any well-formed value");
  }

  @Test
  void malformedValuesAreNotVerified() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    String id = SessionIds.random();
    String value = signer.sign(id);
    String signature = value.substring(id.length() + 1);

    assertEquals(id, signer.verify(value), "the well-formed value itself");
    assertNull(signer.verify(null));
    assertNull(signer.verify(id + signature), "no dot");
    assertNull(signer.verify(value + "A"), "a signature one character too long");
    assertNull(signer.verify("short." + signature), "an ID too short to be one");
    assertNull(signer.verify(id.substring(1) + "+." + signature), "an ID with a character outside base64url");
    assertNull(signer.verify(id + "." + signature.substring(1) + "+"), "a signature outside base64url");
  }

  /** An ID for each of the 16 characters a canonical signature can end with. */
  private static Map<Character, String> idsForEveryCanonicalEnding() {
    CookieSigner signer = new CookieSigner(List.of(NEW));
    Map<Character, String> ids = new HashMap<>();
    // each ID ends its signature with one of 16 characters at random: 10,000 IDs miss one with odds below 1e-270
    for (int i = 0; i < 10_000 && ids.size() < 16; i++) {
      String id = SessionIds.random();
      String value = signer.sign(id);
      ids.putIfAbsent(value.charAt(value.length() - 1), id);
    }
    assertEquals(16, ids.size(), "IDs for every canonical ending");
    return ids;
  }

  /**
   * {@code value} with its last character changed in a bit base64url leaves unused: 43 characters carry 258 bits for
   * the 256 of the signature, so this is another spelling of the same signature bytes.
   */
  private static String otherSpellingOf(String value) {
    char last = value.charAt(value.length() - 1);
    return value.substring(0, value.length() - 1) + ALPHABET.charAt(ALPHABET.indexOf(last) ^ 1);
  }
}
