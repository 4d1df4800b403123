package io.github.vertxsessions;

import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad cookie gets a 200 with a fresh session, and never reaches the store: an unsigned or badly signed
 * ID is not even looked up.
 */
class BadCookieTest {

  private static TestApp app;
  private static String valid;
  private static String validId;

  @BeforeAll
  static void start() {
    app = new TestApp(new SessionOptions());
    TestResponse created = app.get("/put/user/alice", null);
    valid = created.sid().substring("sid=".length());
    validId = created.sessionId();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static Stream<Arguments> badCookies() {
    String id = validId;
    String signature = valid.substring(valid.indexOf('.') + 1);
    String otherSecretsSignature = signedElsewhere(id);
    return Stream.of(
      Arguments.of("empty value", "sid="),
      Arguments.of("only a dot", "sid=."),
      Arguments.of("ID without signature", "sid=" + id),
      Arguments.of("missing dot", "sid=" + id + signature),
      Arguments.of("empty signature", "sid=" + id + "."),
      Arguments.of("empty ID", "sid=." + signature),
      Arguments.of("wrong signature", "sid=" + id + "." + "A".repeat(43)),
      Arguments.of("signature of another ID", "sid=" + "B".repeat(43) + "." + signature),
      Arguments.of("signed with another secret", "sid=" + id + "." + otherSecretsSignature),
      Arguments.of("truncated signature", "sid=" + id + "." + signature.substring(0, 42)),
      Arguments.of("signature with padding", "sid=" + id + "." + signature + "="),
      Arguments.of("signature not base64url", "sid=" + id + "." + signature.substring(0, 42) + "+"),
      Arguments.of("flipped character in ID", "sid=" + flip(id) + "." + signature),
      Arguments.of("huge value", "sid=" + "x".repeat(6_000)),
      Arguments.of("huge but well-shaped", "sid=" + "a".repeat(5_000) + "." + signature),
      Arguments.of("non-ASCII", "sid=" + id.substring(0, 40) + "é✓." + signature),
      Arguments.of("space inside the value", "sid=" + id.substring(0, 20) + " " + id.substring(20) + "." + signature),
      Arguments.of("duplicated cookie name", "sid=" + valid + "; sid=" + valid),
      Arguments.of("quoted value", "sid=\"" + valid + "\""),
      Arguments.of("too short ID, validly shaped", "sid=abc." + signature),
      Arguments.of("ID with forbidden characters", "sid=" + id.substring(0, 40) + "%2F." + signature),
      Arguments.of("two dots", "sid=" + id + ".." + signature)
    );
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCookies")
  void badCookieGetsAFreshSessionWithoutAStoreLookup(String kind, String cookieHeader) {
    app.store.resetCalls();

    TestResponse response = app.get("/read", cookieHeader);

    assertEquals(200, response.status(), kind);
    assertTrue(response.json().getBoolean("isNew"), kind);
    assertNotEquals(validId, response.sessionId(), kind);
    assertEquals(List.of(), app.store.calls(), kind);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCookies")
  void badCookieNeverChangesTheRealSession(String kind, String cookieHeader) {
    TestResponse response = app.get("/put/user/mallory", cookieHeader);

    assertEquals(200, response.status(), kind);
    assertNotEquals(validId, response.sessionId(), kind);
    assertEquals("alice", app.get("/read", "sid=" + valid).data().getString("user"), kind);
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
