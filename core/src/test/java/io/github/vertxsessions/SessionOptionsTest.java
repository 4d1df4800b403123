package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class SessionOptionsTest {

  private static final String S1 = "first-secret-of-at-least-32-chars!";
  private static final String S2 = "second-secret-of-at-least-32-chars";
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private static void rejected(String option, Executable configuration) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, configuration);
    assertTrue(e.getMessage().contains(option), e.getMessage());
  }

  private SessionHandler handler(SessionOptions options) {
    return SessionHandler.create(vertx, LocalSessionStore.create(vertx), options);
  }

  private static SessionOptions signed() {
    return new SessionOptions().setSecrets(List.of("a-secret-for-the-options-test-000000"));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    SessionOptions options = new SessionOptions();

    assertEquals(SessionIdTransport.COOKIE, options.getIdTransport());
    assertEquals("X-Session-Token", options.getIdHeaderName());
    assertEquals("sid", options.getCookieName());
    assertEquals("/", options.getCookiePath());
    assertNull(options.getCookieDomain());
    assertTrue(options.isCookieHttpOnly());
    assertEquals(CookieSecure.AUTO, options.getCookieSecure());
    assertEquals(CookieSameSite.LAX, options.getCookieSameSite());
    assertNull(options.getCookieMaxAge());
    assertFalse(options.isSaveUninitialized());
    assertFalse(options.isResave());
    assertTrue(options.isRolling());
    assertEquals(Duration.ofMinutes(30), options.getIdleTimeout());
    assertEquals(Duration.ofSeconds(18), options.effectiveTouchInterval());
    assertNull(options.getMaxLifetime());
    assertEquals(Duration.ofSeconds(2), options.getStoreTimeout());
    assertEquals(43, options.getIdGenerator().get().length());
  }

  @Test
  void secretsShorterThan32CharactersAreRefusedNamingTheOptionAndTheMinimum() {
    String secret31 = "0123456789012345678901234567890";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new SessionOptions().setSecrets(List.of(S1, secret31)));
    assertTrue(e.getMessage().contains("secrets") && e.getMessage().contains("32"), e.getMessage());
    assertEquals(List.of(secret31 + "!"), new SessionOptions().setSecrets(List.of(secret31 + "!")).getSecrets());
    rejected("secrets", () -> new SessionOptions(new JsonObject().put("secrets", new JsonArray().add("short"))));
  }

  @Test
  void theWriteTimeoutDefaultsToTheStoreTimeout() {
    assertNull(new SessionOptions().getWriteTimeout());
    assertEquals(Duration.ofMillis(300),
      new SessionOptions().setStoreTimeout(Duration.ofMillis(300)).effectiveWriteTimeout());
    assertEquals(Duration.ofSeconds(9), new SessionOptions().setWriteTimeout(Duration.ofSeconds(9))
      .effectiveWriteTimeout());
  }

  @Test
  void invalidValuesAreRejectedNamingTheOption() {
    rejected("idleTimeout", () -> new SessionOptions().setIdleTimeout(Duration.ZERO));
    rejected("storeTimeout", () -> new SessionOptions().setStoreTimeout(Duration.ofSeconds(-1)));
    rejected("maxLifetime", () -> new SessionOptions().setMaxLifetime(Duration.ZERO));
    rejected("cookieMaxAge", () -> new SessionOptions().setCookieMaxAge(Duration.ofSeconds(-5)));
    rejected("touchInterval", () -> new SessionOptions().setTouchInterval(Duration.ofSeconds(-1)));
    rejected("cookieName", () -> new SessionOptions().setCookieName("bad name"));
    rejected("cookieName", () -> new SessionOptions().setCookieName("semi;colon"));
    rejected("cookiePath", () -> new SessionOptions().setCookiePath("/a; Secure"));
    rejected("cookieDomain", () -> new SessionOptions().setCookieDomain("exa mple.test"));
    rejected("cookiePriority", () -> new SessionOptions().setCookiePriority("urgent"));
    rejected("secrets", () -> new SessionOptions().setSecrets(List.of("")));
    rejected("writeTimeout", () -> new SessionOptions().setWriteTimeout(Duration.ZERO));
    rejected("cookieSecure", () -> new SessionOptions(new JsonObject().put("cookieSecure", "sometimes")));
    rejected("idleTimeout", () -> new SessionOptions(new JsonObject().put("idleTimeout", "half an hour")));
    rejected("idHeaderName", () -> new SessionOptions().setIdHeaderName("X Session"));
    rejected("idHeaderName", () -> new SessionOptions().setIdHeaderName(""));
    rejected("idHeaderName", () -> new SessionOptions().setIdHeaderName("cookie"));
    rejected("idHeaderName", () -> new SessionOptions().setIdHeaderName("Set-Cookie"));
    rejected("idTransport", () -> new SessionOptions(new JsonObject().put("idTransport", "pigeon")));
  }

  @Test
  void optionsThatDoNotFitTogetherFailTheHandler() {
    rejected("secrets", () -> handler(new SessionOptions()));
    rejected("cookieSameSite", () -> handler(signed().setCookieSameSite(CookieSameSite.NONE)
      .setCookieSecure(CookieSecure.NEVER)));
    rejected("cookiePartitioned", () -> handler(signed().setCookiePartitioned(true)
      .setCookieSecure(CookieSecure.NEVER)));
    rejected("touchInterval", () -> handler(signed().setTouchInterval(Duration.ofMinutes(30))));
    rejected("idGenerator", () -> handler(signed().setIdGenerator(() -> "short")));
  }

  @Test
  void jsonRoundTripsEveryOptionButSecretsAndGenerator() {
    SessionOptions options = signed().setIdTransport(SessionIdTransport.COOKIE_OR_HEADER)
      .setIdHeaderName("X-Api-Session").setCookieName("app").setCookiePath("/p").setCookieDomain("example.test")
      .setCookieHttpOnly(false).setCookieSecure(CookieSecure.ALWAYS).setTrustProxy(true)
      .setCookieSameSite(CookieSameSite.STRICT).setCookiePartitioned(true).setCookiePriority("Low")
      .setCookieMaxAge(Duration.ofDays(1)).setSaveUninitialized(true).setResave(true).setRolling(false)
      .setTouchInterval(Duration.ofSeconds(5)).setIdleTimeout(Duration.ofMinutes(10))
      .setMaxLifetime(Duration.ofHours(8)).setStoreTimeout(Duration.ofMillis(500))
      .setWriteTimeout(Duration.ofMillis(700));

    JsonObject json = options.toJson();

    assertFalse(json.containsKey("secrets"), "secrets never appear in logs of the options");
    assertEquals(json, new SessionOptions(json).toJson());
    assertEquals("PT10M", json.getString("idleTimeout"));
    assertEquals("COOKIE_OR_HEADER", json.getString("idTransport"));
    assertEquals("X-Api-Session", json.getString("idHeaderName"));
    assertEquals(json, new SessionOptions(options).toJson(), "the copy constructor copies everything");
  }

  @Test
  void jsonReadsTheIdTransportInAnyCaseAndKeepsTheDefaultsWhenAbsent() {
    SessionOptions header = new SessionOptions(new JsonObject().put("idTransport", "header")
      .put("idHeaderName", "X-Token"));
    SessionOptions absent = new SessionOptions(new JsonObject());

    assertEquals(SessionIdTransport.HEADER, header.getIdTransport());
    assertEquals("X-Token", header.getIdHeaderName());
    assertEquals(SessionIdTransport.COOKIE, absent.getIdTransport());
    assertEquals(SessionOptions.DEFAULT_ID_HEADER_NAME, absent.getIdHeaderName());
  }

  @Test
  void jsonAcceptsBooleansForSecureMillisecondsForDurationsAndSecrets() {
    SessionOptions options = new SessionOptions(new JsonObject().put("cookieSecure", true)
      .put("idleTimeout", 60_000).put("secrets", new JsonArray().add(S1).add(S2)));

    assertEquals(CookieSecure.ALWAYS, options.getCookieSecure());
    assertEquals(Duration.ofMinutes(1), options.getIdleTimeout());
    assertEquals(List.of(S1, S2), options.getSecrets());
  }
}
