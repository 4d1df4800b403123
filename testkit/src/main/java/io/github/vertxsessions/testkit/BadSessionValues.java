package io.github.vertxsessions.testkit;

import org.junit.jupiter.params.provider.Arguments;

import java.util.Base64;
import java.util.stream.Stream;

/**
 * Bad signed session values, named, for the tests that send them in a cookie or a header: each must get a fresh
 * session without a store call, whatever the transport.
 */
public final class BadSessionValues {

  private BadSessionValues() {
  }

  /**
   * Variations on a valid signed value {@code id.signature}, each as {@code (kind, value)}.
   *
   * @param valid a value the application signed, for a session it stores
   */
  public static Stream<Arguments> of(String valid) {
    int dot = valid.indexOf('.');
    String id = valid.substring(0, dot);
    String signature = valid.substring(dot + 1);
    return Stream.of(
      Arguments.of("empty value", ""),
      Arguments.of("only a dot", "."),
      Arguments.of("ID without signature", id),
      Arguments.of("missing dot", id + signature),
      Arguments.of("empty signature", id + "."),
      Arguments.of("empty ID", "." + signature),
      Arguments.of("wrong signature", id + "." + "A".repeat(43)),
      Arguments.of("signature of another ID", "B".repeat(43) + "." + signature),
      Arguments.of("signed with another secret", id + "." + signedElsewhere(id)),
      Arguments.of("truncated signature", id + "." + signature.substring(0, 42)),
      Arguments.of("signature with padding", id + "." + signature + "="),
      Arguments.of("signature not base64url", id + "." + signature.substring(0, 42) + "+"),
      Arguments.of("flipped character in ID", flip(id) + "." + signature),
      Arguments.of("huge value", "x".repeat(6_000)),
      Arguments.of("huge but well-shaped", "a".repeat(5_000) + "." + signature),
      Arguments.of("non-ASCII", id.substring(0, 40) + "é✓." + signature),
      Arguments.of("space inside the value", id.substring(0, 20) + " " + id.substring(20) + "." + signature),
      Arguments.of("quoted value", "\"" + valid + "\""),
      Arguments.of("too short ID, validly shaped", "abc." + signature),
      Arguments.of("ID with forbidden characters", id.substring(0, 40) + "%2F." + signature),
      Arguments.of("two dots", id + ".." + signature)
    );
  }

  private static String flip(String id) {
    char first = id.charAt(0);
    return (first == 'A' ? 'B' : 'A') + id.substring(1);
  }

  private static String signedElsewhere(String id) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec("some-other-secret".getBytes(), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(id.getBytes()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
