package io.github.vertxsessions;

import io.github.vertxsessions.testkit.BadSessionValues;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
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
 * Every bad value the cookie is tested with, sent in the ID header instead, and a doubled header: a fresh session,
 * and no store call.
 */
@ExtendWith(VertxExtension.class)
class BadHeaderTest {

  private static final String HEADER = SessionOptions.DEFAULT_ID_HEADER_NAME;

  private static TestApp app;
  private static String valid;
  private static String validId;

  @BeforeAll
  static void start(Vertx vertx) {
    app = new TestApp(vertx, new SessionOptions().setIdTransport(SessionIdTransport.HEADER));
    TestResponse created = app.get("/put/user/alice", null);
    valid = created.headers().get(HEADER);
    validId = created.sessionId();
  }

  static Stream<Arguments> badHeaders() {
    return Stream.concat(
      BadSessionValues.of(valid).map(bad -> Arguments.of(bad.get()[0], headers((String) bad.get()[1]))),
      Stream.of(
        Arguments.of("doubled header", headers(valid, valid)),
        Arguments.of("doubled header joined by a proxy", headers(valid + ", " + valid)),
        Arguments.of("the value with the cookie's name before it", headers("sid=" + valid))));
  }

  private static MultiMap headers(String... values) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String value : values) {
      headers.add(HEADER, value);
    }
    return headers;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeaders")
  void aBadHeaderGetsAFreshSessionWithoutAStoreLookup(String kind, MultiMap headers) {
    app.store.resetCalls();

    TestResponse response = app.send(HttpMethod.GET, "/read", headers);

    assertEquals(200, response.status(), kind);
    assertTrue(response.json().getBoolean("isNew"), kind);
    assertNotEquals(validId, response.sessionId(), kind);
    assertEquals(List.of(), app.store.calls(), kind);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeaders")
  void aBadHeaderNeverChangesTheRealSession(String kind, MultiMap headers) {
    TestResponse response = app.send(HttpMethod.GET, "/put/user/mallory", headers);

    assertEquals(200, response.status(), kind);
    assertNotEquals(validId, response.sessionId(), kind);
    assertTrue(response.headers().get(HEADER).startsWith(response.sessionId() + "."), kind);
    assertEquals("alice", app.send(HttpMethod.GET, "/read", headers(valid)).data().getString("user"), kind);
  }
}
