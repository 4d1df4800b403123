package io.github.vertxsessions;

import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the options' JSON form holds, value by value, and the edges of what a cookie attribute may contain. */
class SessionOptionsJsonTest {

  private static final String SECRET = "a-secret-for-the-options-json-test-0";

  @Test
  void everyOptionSetRoundTripsThroughTheJsonForm() {
    SessionOptions options = new SessionOptions().setIdTransport(SessionIdTransport.HEADER)
      .setIdHeaderName("X-Api-Session").setCookieName("app").setCookiePath("/p").setCookieDomain("example.test")
      .setCookieHttpOnly(false).setCookieSecure(CookieSecure.NEVER).setTrustProxy(true)
      .setCookieSameSite(CookieSameSite.STRICT).setCookiePartitioned(true).setCookiePriority("High")
      .setCookieMaxAge(Duration.ofDays(1)).setSaveUninitialized(true).setResave(true).setRolling(false)
      .setTouchInterval(Duration.ofSeconds(5)).setIdleTimeout(Duration.ofMinutes(10))
      .setMaxLifetime(Duration.ofHours(8)).setStoreTimeout(Duration.ofMillis(500))
      .setWriteTimeout(Duration.ofMillis(700)).setFailureLogInterval(Duration.ofMinutes(1))
      .setEventsAddress("sessions.events").setMaxSessionsPerPrincipal(3)
      .setPrincipalLimitPolicy(PrincipalLimitPolicy.REFUSE);
    JsonObject json = options.toJson();

    SessionOptions read = new SessionOptions(json);

    assertEquals(json, read.toJson());
    assertEquals(PrincipalLimitPolicy.REFUSE, read.getPrincipalLimitPolicy());
    assertEquals(3, read.getMaxSessionsPerPrincipal());
    assertEquals("sessions.events", read.getEventsAddress());
    assertEquals(Duration.ofMinutes(1), read.getFailureLogInterval());
    assertEquals(new SessionOptions().toJson(), new SessionOptions(new SessionOptions().toJson()).toJson());
  }

  @Test
  void aMisspeltOptionIsRefusedNamingItAndTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SessionOptions(
      new JsonObject().put("idleTimout", "PT5M").put("secrets", new JsonArray().add(SECRET))));

    assertTrue(e.getMessage().startsWith("unknown option \"idleTimout\" in SessionOptions; known options: "),
      e.getMessage());
    assertTrue(e.getMessage().contains("idleTimeout") && e.getMessage().contains("secrets"), e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheOptionAndWhatItTakes() {
    IllegalArgumentException secrets = assertThrows(IllegalArgumentException.class,
      () -> new SessionOptions(new JsonObject().put("secrets", SECRET)));
    IllegalArgumentException rolling = assertThrows(IllegalArgumentException.class,
      () -> new SessionOptions(new JsonObject().put("rolling", "false")));
    IllegalArgumentException secure = assertThrows(IllegalArgumentException.class,
      () -> new SessionOptions(new JsonObject().put("cookieSecure", 1)));

    assertEquals("option \"secrets\" of SessionOptions must be an array of strings, got a string",
      secrets.getMessage());
    assertEquals("option \"rolling\" of SessionOptions must be true or false, got a string", rolling.getMessage());
    assertEquals("option \"cookieSecure\" of SessionOptions must be true, false or one of [ALWAYS, NEVER, AUTO], "
      + "got the number 1", secure.getMessage());
  }

  @Test
  void everyOptionalOptionThatIsSetAppearsInTheJsonWithItsValue() {
    SessionOptions options = new SessionOptions().setCookieDomain("example.test")
      .setCookieSameSite(CookieSameSite.STRICT).setCookiePriority("High").setCookieMaxAge(Duration.ofDays(1))
      .setTouchInterval(Duration.ofSeconds(5)).setMaxLifetime(Duration.ofHours(8))
      .setWriteTimeout(Duration.ofMillis(700));

    JsonObject json = options.toJson();

    assertEquals("example.test", json.getString("cookieDomain"));
    assertEquals("STRICT", json.getString("cookieSameSite"));
    assertEquals("High", json.getString("cookiePriority"));
    assertEquals("PT24H", json.getString("cookieMaxAge"));
    assertEquals("PT5S", json.getString("touchInterval"));
    assertEquals("PT8H", json.getString("maxLifetime"));
    assertEquals("PT0.7S", json.getString("writeTimeout"));
    assertEquals(Duration.ofSeconds(5), options.getTouchInterval());
    assertEquals(Duration.ofMillis(700), options.getWriteTimeout());
  }

  @Test
  void optionalOptionsThatAreNotSetAreLeftOut() {
    JsonObject json = new SessionOptions().setCookieSameSite(null).toJson();

    for (String option : new String[] {"cookieDomain", "cookieSameSite", "cookiePriority", "cookieMaxAge",
      "touchInterval", "maxLifetime", "writeTimeout"}) {
      assertFalse(json.containsKey(option), option + " in " + json);
    }
  }

  @Test
  void cookieAttributesTakePrintableAsciiFromExclamationMarkToTilde() {
    assertEquals("!", new SessionOptions().setCookiePath("!").getCookiePath());
    assertEquals("/~", new SessionOptions().setCookiePath("/~").getCookiePath());
    for (String bad : new String[] {"/a b", "/\u007f", "/\u0080", "/\t", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SessionOptions().setCookiePath(bad), "'" + bad + "'");
      assertTrue(e.getMessage().contains("cookiePath"), e.getMessage());
    }
  }

  @Test
  void aMissingSecretIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new SessionOptions().setSecrets(Arrays.asList("a-secret-for-the-options-test-000000", null)));

    assertTrue(e.getMessage().contains("one has none"), e.getMessage());
  }
}
