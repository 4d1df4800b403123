package io.github.vertxsessions;

import io.github.vertxsessions.testkit.BadSessionValues;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad cookie gets a 200 with a fresh session, and never reaches the store: an unsigned or badly signed
 * ID is not even looked up.
 */
@ExtendWith(VertxExtension.class)
class BadCookieTest {

  private static TestApp app;
  private static String valid;
  private static String validId;

  @BeforeAll
  static void start(Vertx vertx) {
    app = new TestApp(vertx, new SessionOptions());
    TestResponse created = app.get("/put/user/alice", null);
    valid = created.sid().substring("sid=".length());
    validId = created.sessionId();
  }

  static Stream<Arguments> badCookies() {
    return Stream.concat(
      BadSessionValues.of(valid).map(bad -> Arguments.of(bad.get()[0], "sid=" + bad.get()[1])),
      Stream.of(Arguments.of("duplicated cookie name", "sid=" + valid + "; sid=" + valid)));
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
}
