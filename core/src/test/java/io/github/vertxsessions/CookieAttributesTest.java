package io.github.vertxsessions;

import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Set-Cookie header, attribute by attribute, over HTTP and HTTPS. */
@ExtendWith(VertxExtension.class)
class CookieAttributesTest {

  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private String setCookie(SessionOptions options, Map<String, String> headers) throws Exception {
    app = new TestApp(vertx, options);
    return app.sendAsync(HttpMethod.GET, "/put/user/alice", null, headers, null).await(10, SECONDS).setCookie("sid");
  }

  private String setCookie(SessionOptions options) throws Exception {
    return setCookie(options, Map.of());
  }

  @Test
  void defaultsAreHttpOnlyLaxRootPathAndBrowserSession() throws Exception {
    String cookie = setCookie(new SessionOptions());

    String value = cookie.substring(4, cookie.indexOf(';'));
    assertTrue(VALUE.matcher(value).matches(), value);
    assertEquals("sid=" + value + "; Path=/; HttpOnly; SameSite=Lax", cookie);
  }

  @Test
  void everyAttributeOptionShowsUp() throws Exception {
    String cookie = setCookie(new SessionOptions().setCookieName("app_session").setCookiePath("/shop")
      .setCookieDomain("example.test").setCookieSameSite(CookieSameSite.STRICT).setCookiePriority("High")
      .setCookieMaxAge(Duration.ofHours(2)), Map.of());

    assertNull(cookie, "the cookie has another name now");
    String named = app.get("/put/user/bob", null).setCookie("app_session");
    assertTrue(named.matches("app_session=[^;]+; Max-Age=7200; Path=/shop; Domain=example.test; HttpOnly; "
      + "SameSite=Strict; Priority=High"), named);
  }

  @Test
  void httpOnlyAndSameSiteCanBeLeftOut() throws Exception {
    String cookie = setCookie(new SessionOptions().setCookieHttpOnly(false).setCookieSameSite(null));

    assertFalse(cookie.contains("HttpOnly"), cookie);
    assertFalse(cookie.contains("SameSite"), cookie);
  }

  @Test
  void autoIsNotSecureOverPlainHttp() throws Exception {
    assertFalse(setCookie(new SessionOptions()).contains("Secure"));
  }

  @Test
  void autoIgnoresForwardedProtoUnlessTheProxyIsTrusted() throws Exception {
    String cookie = setCookie(new SessionOptions(), Map.of("X-Forwarded-Proto", "https"));

    assertFalse(cookie.contains("Secure"), cookie);
  }

  @Test
  void autoWithTrustedProxyFollowsTheFirstForwardedProto() throws Exception {
    String cookie = setCookie(new SessionOptions().setTrustProxy(true).setCookiePartitioned(true),
      Map.of("X-Forwarded-Proto", "https, http"));

    assertTrue(cookie.endsWith("; HttpOnly; SameSite=Lax; Secure; Partitioned"), cookie);
    TestResponse plain = app.sendAsync(HttpMethod.GET, "/put/user/bob", null,
      Map.of("X-Forwarded-Proto", "http, https"), null).await(10, SECONDS);
    assertFalse(plain.setCookie("sid").contains("Secure"), "only the first value counts");
  }

  @Test
  void autoFollowsTheRoutersOwnForwardingWhenTheRouterAllowsIt() throws Exception {
    app = new TestApp(vertx, new TestClock(), new SessionOptions(), null,
      router -> router.allowForward(AllowForwardHeaders.X_FORWARD), new HttpServerOptions());

    String cookie = app.sendAsync(HttpMethod.GET, "/put/user/alice", null, Map.of("X-Forwarded-Proto", "https"), null)
      .await(10, SECONDS).setCookie("sid");

    assertTrue(cookie.endsWith("; SameSite=Lax; Secure"), "vertx-web's request says HTTPS: " + cookie);
  }

  @Test
  void alwaysSecureSetsNoCookieOverPlainHttp() {
    TestResponse response;
    app = new TestApp(vertx, new SessionOptions().setCookieSecure(CookieSecure.ALWAYS));

    response = app.get("/put/user/alice", null);

    assertEquals(200, response.status());
    assertEquals(List.of(), response.setCookies(), "a Secure cookie never travels over plain HTTP");
  }

  @Test
  void alwaysSecureStoresNoSessionThatNoCookieCouldReach() throws Exception {
    app = new TestApp(vertx, new SessionOptions().setCookieSecure(CookieSecure.ALWAYS));

    assertEquals(200, app.get("/put/user/alice", null).status());
    TestResponse explicit = app.post("/save", null);

    assertEquals(409, explicit.status(), "an explicit save of such a session fails");
    assertEquals("IllegalStateException", explicit.body());
    assertEquals(0L, app.store.count().await(10, SECONDS));
    assertFalse(app.store.calls().contains("save"), app.store.calls().toString());
  }

  @Test
  void sameSiteNoneFallsBackToLaxWhenTheCookieCannotBeSecureAndSaysSoOnce() throws Exception {
    try (LogCapture log = LogCapture.of("io.github.vertxsessions")) {
      String plain = setCookie(new SessionOptions().setCookieSameSite(CookieSameSite.NONE));
      String forged = app.sendAsync(HttpMethod.GET, "/put/user/bob", null, Map.of("X-Forwarded-Proto", "https"),
        null).await(10, SECONDS).setCookie("sid");

      assertTrue(plain.endsWith("; HttpOnly; SameSite=Lax"), plain);
      assertTrue(forged.endsWith("; HttpOnly; SameSite=Lax"), "an untrusted proxy header changes nothing: " + forged);
      List<String> warnings = log.warnings();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("SameSite=Lax"), warnings.get(0));
    }
  }

  @Test
  void neverSecureIsNeverSecure() throws Exception {
    String cookie = setCookie(new SessionOptions().setCookieSecure(CookieSecure.NEVER).setTrustProxy(true),
      Map.of("X-Forwarded-Proto", "https"));

    assertFalse(cookie.contains("Secure"), cookie);
  }

  @Test
  void autoIsSecureOverRealHttps() {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    app = new TestApp(vertx, new TestClock(), new SessionOptions().setCookieSameSite(CookieSameSite.NONE),
      null, r -> { }, new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions()));

    String cookie = app.get("/put/user/alice", null).setCookie("sid");

    assertTrue(cookie.endsWith("; HttpOnly; SameSite=None; Secure"), cookie);
  }
}
