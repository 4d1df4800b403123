package io.github.vertxsessions;

import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * COOKIE_OR_HEADER: each request answered on the transport it used; a request with both is trusted only when they
 * agree, and an ambiguous one never replaces the cookie.
 */
@ExtendWith(VertxExtension.class)
class CookieOrHeaderTest {

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  private static final String HEADER = SessionOptions.DEFAULT_ID_HEADER_NAME;

  private TestApp app;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = new TestApp(vertx, new SessionOptions().setIdTransport(SessionIdTransport.COOKIE_OR_HEADER));
  }

  /** A request with the given cookie value and header value, each left out when null. */
  private TestResponse send(HttpMethod method, String path, String cookieValue, String headerValue) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (cookieValue != null) {
      headers.add(HttpHeaders.COOKIE, "sid=" + cookieValue);
    }
    if (headerValue != null) {
      headers.add(HEADER, headerValue);
    }
    return app.send(method, path, headers);
  }

  private TestResponse get(String path, String cookieValue, String headerValue) {
    return send(HttpMethod.GET, path, cookieValue, headerValue);
  }

  private static String cookieValue(TestResponse response) {
    return response.sid().substring("sid=".length());
  }

  @Test
  void aRequestWithNeitherIsAnsweredInTheCookieLikeABrowser() {
    TestResponse created = get("/put/user/alice", null, null);

    assertTrue(cookieValue(created).startsWith(created.sessionId() + "."));
    assertNull(created.headers().get(HEADER));
    assertEquals("alice", get("/read", cookieValue(created), null).data().getString("user"));
  }

  @Test
  void anEmptyHeaderAsksForTheHeaderAndGetsNoCookie() {
    TestResponse created = get("/put/user/alice", null, "");

    String token = created.headers().get(HEADER);
    assertTrue(token.startsWith(created.sessionId() + "."), token);
    assertEquals(List.of(), created.setCookies());
    TestResponse read = get("/put/views/1", null, token);
    assertEquals("alice", read.data().getString("user"));
    assertEquals(List.of(), read.setCookies());
  }

  @Test
  void theSameValueInBothIsTrustedAndAnsweredInBoth() {
    String value = cookieValue(get("/put/user/alice", null, null));
    app.store.resetCalls();

    TestResponse regenerated = send(HttpMethod.POST, "/regenerate", value, value);

    assertEquals(200, regenerated.status());
    assertEquals(List.of("load", "changeId"), app.store.calls());
    assertEquals("alice", regenerated.data().getString("user"));
    String token = regenerated.headers().get(HEADER);
    assertTrue(token.startsWith(regenerated.sessionId() + "."), token);
    assertEquals(token, cookieValue(regenerated), "both stay in step");
  }

  @Test
  void differentValuesAreAmbiguousSoNeitherIsTrustedNorChanged() {
    String cookieSession = cookieValue(get("/put/user/alice", null, null));
    String headerSession = get("/put/user/bob", null, "").headers().get(HEADER);
    app.store.resetCalls();

    TestResponse read = get("/read", cookieSession, headerSession);
    TestResponse written = get("/put/user/mallory", cookieSession, headerSession);

    assertTrue(read.json().getBoolean("isNew"));
    assertTrue(written.json().getBoolean("isNew"));
    assertEquals(List.of("save"), app.store.calls(), "neither was even looked up");
    assertTrue(written.headers().get(HEADER).startsWith(written.sessionId() + "."));
    assertEquals(List.of(), written.setCookies(), "an ambiguous request never replaces the cookie");
    assertEquals("alice", get("/read", cookieSession, null).data().getString("user"));
    assertEquals("bob", get("/read", null, headerSession).data().getString("user"));
  }

  @Test
  void anEmptyOrBadHeaderBesideAGoodCookieIsAmbiguousToo() {
    String cookieSession = cookieValue(get("/put/user/alice", null, null));
    app.store.resetCalls();

    TestResponse empty = get("/read", cookieSession, "");
    TestResponse bad = get("/read", cookieSession, "garbage");

    assertTrue(empty.json().getBoolean("isNew"), "a script cannot turn the HttpOnly cookie into a header token");
    assertTrue(bad.json().getBoolean("isNew"));
    assertEquals(List.of(), app.store.calls());
  }

  @Test
  void aDestroyedSessionIsClearedOnTheTransportItCameBy() {
    String token = get("/put/user/alice", null, "").headers().get(HEADER);
    String cookie = cookieValue(get("/put/user/bob", null, null));

    TestResponse byHeader = send(HttpMethod.POST, "/destroy", null, token);
    TestResponse byCookie = send(HttpMethod.POST, "/destroy", cookie, null);

    assertEquals("", byHeader.headers().get(HEADER));
    assertEquals(List.of(), byHeader.setCookies());
    assertTrue(byCookie.sid().equals("sid="), byCookie.setCookies().toString());
    assertFalse(byCookie.headers().contains(HEADER));
  }
}
