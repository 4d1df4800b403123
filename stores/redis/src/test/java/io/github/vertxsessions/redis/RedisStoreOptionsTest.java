package io.github.vertxsessions.redis;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisStoreOptionsTest {

  @Test
  void defaults() {
    RedisStoreOptions options = new RedisStoreOptions();

    assertEquals("sess:", options.getKeyPrefix());
    assertEquals(Duration.ofSeconds(5), options.getCommandTimeout());
    assertEquals(100, options.getScanCount());
    assertEquals(1024, options.getMaxInFlight());
    assertFalse(options.isExpiryEvents());
    assertEquals(new JsonObject().put("keyPrefix", "sess:").put("commandTimeout", "PT5S").put("scanCount", 100)
      .put("maxInFlight", 1024).put("expiryEvents", false), options.toJson());
    assertEquals(options.toJson(), new RedisStoreOptions(new JsonObject()).toJson());
  }

  @Test
  void jsonRoundTripsAndAcceptsMillisecondsForDurations() {
    RedisStoreOptions options = new RedisStoreOptions().setKeyPrefix("app1:sess:")
      .setCommandTimeout(Duration.ofMillis(1500)).setScanCount(500).setMaxInFlight(64).setExpiryEvents(true);

    assertEquals(options.toJson(), new RedisStoreOptions(options.toJson()).toJson());
    assertEquals(Duration.ofMillis(750),
      new RedisStoreOptions(new JsonObject().put("commandTimeout", 750)).getCommandTimeout());
  }

  @Test
  void copyKeepsEverythingIncludingTheClock() {
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    RedisStoreOptions options = new RedisStoreOptions().setKeyPrefix("x:").setScanCount(7).setExpiryEvents(true)
      .setClock(clock);

    RedisStoreOptions copy = new RedisStoreOptions(options);

    assertEquals(options.toJson(), copy.toJson());
    assertSame(clock, copy.getClock());
  }

  @Test
  void invalidValuesAreRejectedNamingTheOption() {
    assertNamed("keyPrefix", () -> new RedisStoreOptions().setKeyPrefix(""));
    assertNamed("keyPrefix", () -> new RedisStoreOptions().setKeyPrefix(null));
    assertNamed("commandTimeout", () -> new RedisStoreOptions().setCommandTimeout(Duration.ZERO));
    assertNamed("commandTimeout", () -> new RedisStoreOptions(new JsonObject().put("commandTimeout", "soon")));
    assertNamed("scanCount", () -> new RedisStoreOptions().setScanCount(0));
    assertNamed("maxInFlight", () -> new RedisStoreOptions().setMaxInFlight(0));
    assertThrows(NullPointerException.class, () -> new RedisStoreOptions().setClock(null));
  }

  private static void assertNamed(String option, Runnable setter) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter::run);
    assertTrue(e.getMessage().contains(option), e.getMessage());
  }
}
