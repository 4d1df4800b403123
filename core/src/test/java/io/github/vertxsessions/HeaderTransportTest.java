package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session ID in the {@code X-Session-Token} header instead of a cookie: the whole life of a session over real
 * HTTP, with the cookie's guarantees and never a cookie.
 */
@ExtendWith(VertxExtension.class)
class HeaderTransportTest {

  private static final String HEADER = SessionOptions.DEFAULT_ID_HEADER_NAME;
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private TestApp start(SessionOptions options) {
    app = new TestApp(vertx, options.setIdTransport(SessionIdTransport.HEADER));
    return app;
  }

  /** A request with the token in the header (none for null), and the given other headers. */
  private TestResponse send(HttpMethod method, String path, String token, Map<String, String> others) throws Exception {
    Map<String, String> headers = new HashMap<>(others);
    if (token != null) {
      headers.put(HEADER, token);
    }
    return app.sendAsync(method, path, null, headers, null).await(10, SECONDS);
  }

  private TestResponse get(String path, String token) throws Exception {
    return send(HttpMethod.GET, path, token, Map.of());
  }

  private TestResponse post(String path, String token) throws Exception {
    return send(HttpMethod.POST, path, token, Map.of());
  }

  private static String token(TestResponse response) {
    List<String> values = response.headers().getAll(HEADER);
    assertTrue(values.size() <= 1, "one header at most: " + values);
    return values.isEmpty() ? null : values.get(0);
  }

  @Test
  void aNewSessionGetsItsSignedIdInTheHeaderAndNoCookie() throws Exception {
    start(new SessionOptions());

    TestResponse created = get("/put/user/alice", null);

    String token = token(created);
    assertTrue(token != null && VALUE.matcher(token).matches(), String.valueOf(token));
    assertTrue(token.startsWith(created.sessionId() + "."), token);
    assertEquals(List.of(), created.setCookies());
    app.store.resetCalls();
    TestResponse read = get("/read", token);
    assertEquals("alice", read.data().getString("user"));
    assertFalse(read.json().getBoolean("isNew"));
    assertEquals(List.of("load"), app.store.calls());
    assertNull(token(read), "nothing changed and there is no Max-Age to roll: nothing to re-send");
    assertEquals(List.of(), read.setCookies());
  }

  @Test
  void aRequestThatStoresNothingGetsNoHeaderAndCostsNoStoreCall() throws Exception {
    start(new SessionOptions());

    TestResponse response = get("/read", null);

    assertNull(token(response));
    assertEquals(List.of(), app.store.calls());
  }

  @Test
  void theHeaderTransportNeitherReadsNorSetsTheCookie() throws Exception {
    start(new SessionOptions().setCookieMaxAge(Duration.ofDays(1)));
    String token = token(get("/put/user/alice", null));
    app.store.resetCalls();

    TestResponse withCookie = app.sendAsync(HttpMethod.GET, "/read", "sid=" + token, Map.of(), null).await(10, SECONDS);

    assertTrue(withCookie.json().getBoolean("isNew"), "the ID in a cookie is not looked at");
    assertEquals(List.of(), app.store.calls());
    assertEquals(List.of(), get("/read", token).setCookies(), "a rolling answer goes in the header only");
  }

  @Test
  void theCookieTransportIgnoresTheHeader() throws Exception {
    app = new TestApp(vertx, new SessionOptions());
    String value = app.get("/put/user/alice", null).sid().substring("sid=".length());
    app.store.resetCalls();

    TestResponse response = get("/put/user/mallory", value);

    assertTrue(response.json().getBoolean("isNew"));
    assertEquals(List.of("save"), app.store.calls(), "no load: the header means nothing to a cookie transport");
    assertNull(token(response));
    assertTrue(response.sid().startsWith("sid=" + response.sessionId() + "."));
  }

  @Test
  void theHeaderCarriesTheBareValueWithoutCookieAttributes() throws Exception {
    start(new SessionOptions().setCookieMaxAge(Duration.ofHours(2)).setCookieSameSite(CookieSameSite.STRICT)
      .setCookieDomain("example.test").setCookiePriority("High"));

    TestResponse created = get("/put/user/alice", null);

    assertTrue(VALUE.matcher(token(created)).matches(), token(created));
  }

  @Test
  void rollingResendsTheHeaderWhenTheCookieWouldHaveAMaxAge() throws Exception {
    start(new SessionOptions().setCookieMaxAge(Duration.ofDays(1)));
    String token = token(get("/put/user/alice", null));

    assertEquals(token, token(get("/read", token)), "the same value, so the client keeps what it has");
    assertEquals(token, token(get("/read", token)));
  }

  @Test
  void withoutRollingTheHeaderIsSentOnlyWhenItsValueOrLifetimeChanges() throws Exception {
    start(new SessionOptions().setCookieMaxAge(Duration.ofDays(1)).setRolling(false));
    String token = token(get("/put/user/alice", null));
    assertNull(token(get("/read", token)));

    TestResponse remembered = get("/remember", token);

    assertEquals(token, token(remembered), "a new lifetime is re-sent, as the cookie would be");
    assertNull(token(get("/read", token)));
  }

  @Test
  void regenerateSendsTheNewIdAndTheOldOneIsDead() throws Exception {
    start(new SessionOptions());
    TestResponse before = get("/put/user/alice", null);
    String old = token(before);
    app.store.resetCalls();

    TestResponse after = post("/regenerate", old);

    assertEquals(List.of("load", "changeId"), app.store.calls());
    assertNotEquals(before.sessionId(), after.sessionId());
    assertTrue(token(after).startsWith(after.sessionId() + "."), token(after));
    assertTrue(get("/read", old).json().getBoolean("isNew"), "the old token is dead");
    assertEquals("alice", get("/read", token(after)).data().getString("user"));
    assertEquals(List.of(), after.setCookies());
  }

  @Test
  void destroyAnswersWithTheHeaderEmptyAndTheTokenIsDead() throws Exception {
    start(new SessionOptions());
    String token = token(get("/put/user/alice", null));
    app.store.resetCalls();

    TestResponse destroyed = post("/destroy", token);

    assertEquals(List.of("load", "delete"), app.store.calls());
    assertEquals("", token(destroyed), "an empty header tells the client to drop its token");
    assertEquals(List.of(), destroyed.setCookies());
    assertEquals(0L, app.store.count().await(10, SECONDS));
    assertTrue(get("/read", token).json().getBoolean("isNew"));
  }

  @Test
  void anExpiredTokenGetsAFreshSessionAndTheHeaderBackEmpty() throws Exception {
    start(new SessionOptions());
    TestResponse created = get("/put/user/alice", null);
    app.clock.advance(SessionOptions.DEFAULT_IDLE_TIMEOUT.plusSeconds(1));

    TestResponse expired = get("/read", token(created));

    assertTrue(expired.json().getBoolean("isNew"));
    assertEquals("", token(expired), "the client is told to drop what it cannot use any more");
  }

  @Test
  void anUnknownButWellSignedIdIsNeverAdopted() throws Exception {
    start(new SessionOptions());
    TestResponse created = get("/put/user/alice", null);
    post("/destroy", token(created));
    app.store.resetCalls();

    TestResponse response = get("/put/user/mallory", token(created));

    assertEquals(List.of("load", "save"), app.store.calls());
    assertNotEquals(created.sessionId(), response.sessionId());
    assertTrue(token(response).startsWith(response.sessionId() + "."), "the client is sent the server's new ID");
  }

  @Test
  void theHeaderNameIsAnOption() throws Exception {
    start(new SessionOptions().setIdHeaderName("X-Api-Session"));

    TestResponse created = get("/put/user/alice", null);

    assertNull(token(created));
    String token = created.headers().get("X-Api-Session");
    assertTrue(token.startsWith(created.sessionId() + "."), token);
    TestResponse read = app.sendAsync(HttpMethod.GET, "/read", null, Map.of("x-api-session", token), null)
      .await(10, SECONDS);
    assertEquals("alice", read.data().getString("user"), "header names are not case-sensitive");
  }

  @Test
  void alwaysSecureSendsNoIdOverPlainHttpAndStoresNoSessionForIt() throws Exception {
    start(new SessionOptions().setCookieSecure(CookieSecure.ALWAYS).setTrustProxy(true));

    TestResponse plain = get("/put/user/alice", null);
    TestResponse behindTls = send(HttpMethod.GET, "/put/user/bob", null, Map.of("X-Forwarded-Proto", "https"));

    assertEquals(200, plain.status());
    assertNull(token(plain), "the rule of Secure cookies holds for the header too");
    assertTrue(token(behindTls).startsWith(behindTls.sessionId() + "."), String.valueOf(token(behindTls)));
    assertEquals(1L, app.store.count().await(10, SECONDS), "only the session a client could be told of is stored");
  }

  @Test
  void aHandlerMountedTwiceSendsTheHeaderOnce() throws Exception {
    app = new TestApp(vertx, new SessionOptions().setIdTransport(SessionIdTransport.HEADER)
      .setCookieMaxAge(Duration.ofDays(1)), null, (router, handler) -> router.route().handler(handler));
    String token = token(get("/incr/n", null));
    app.store.resetCalls();

    TestResponse response = get("/incr/n", token);

    assertEquals(2, response.data().getInteger("n"));
    assertEquals(List.of("load", "save"), app.store.calls());
    assertEquals(List.of(token), response.headers().getAll(HEADER));
  }

  @Test
  void aTokenSignedWithThePreviousSecretStillWorksAfterRotation() throws Exception {
    String old = "old-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    TestClock clock = new TestClock();
    SessionStore store = LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
    SessionOptions options = new SessionOptions().setIdTransport(SessionIdTransport.HEADER);
    TestApp before = new TestApp(vertx, clock, new SessionOptions(options).setSecrets(List.of(old)), store,
      r -> { }, new HttpServerOptions());
    app = new TestApp(vertx, clock, new SessionOptions(options).setSecrets(List.of(TestApp.SECRET, old)), store,
      r -> { }, new HttpServerOptions());
    String token = before.sendAsync(HttpMethod.GET, "/put/user/alice", null, Map.of(), null).await(10, SECONDS)
      .headers().get(HEADER);

    assertEquals("alice", get("/read", token).data().getString("user"));
    TestResponse fresh = get("/put/user/bob", null);
    TestResponse elsewhere = before.sendAsync(HttpMethod.GET, "/read", null, Map.of(HEADER, token(fresh)),
      null).await(10, SECONDS);
    assertTrue(elsewhere.json().getBoolean("isNew"), "new tokens are signed with the new first secret");
  }
}
