package io.github.vertxsessions;

import io.vertx.core.http.CookieSameSite;
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
