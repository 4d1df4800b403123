package io.github.vertxsessions.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    assertEquals(0, options.getReplicaAcks());
    assertEquals(Duration.ofMillis(500), options.getReplicaAckTimeout());
    assertFalse(options.isExpiryEvents());
    assertNull(options.getSentinelOptions());
    assertEquals(new JsonObject().put("keyPrefix", "sess:").put("commandTimeout", "PT5S").put("scanCount", 100)
      .put("maxInFlight", 1024).put("replicaAcks", 0).put("replicaAckTimeout", "PT0.5S").put("expiryEvents", false),
      options.toJson());
    assertEquals(options.toJson(), new RedisStoreOptions(new JsonObject()).toJson());
  }

  @Test
  void jsonRoundTripsAndAcceptsMillisecondsForDurations() {
    RedisStoreOptions options = new RedisStoreOptions().setKeyPrefix("app1:sess:")
      .setCommandTimeout(Duration.ofMillis(1500)).setScanCount(500).setMaxInFlight(64).setReplicaAcks(2)
      .setReplicaAckTimeout(Duration.ofMillis(200)).setExpiryEvents(true);

    assertEquals(options.toJson(), new RedisStoreOptions(options.toJson()).toJson());
    assertEquals(Duration.ofMillis(750),
      new RedisStoreOptions(new JsonObject().put("commandTimeout", 750)).getCommandTimeout());
    assertEquals(Duration.ofMillis(250),
      new RedisStoreOptions(new JsonObject().put("replicaAckTimeout", 250)).getReplicaAckTimeout());
  }

  @Test
  void sentinelOptionsRoundTripInTheirOwnJsonFormAndAreCopied() {
    RedisOptions sentinels = new RedisOptions().setType(RedisClientType.SENTINEL).setMasterName("sessions")
      .addConnectionString("redis://sentinel-1:26379").addConnectionString("redis://sentinel-2:26379");
    RedisStoreOptions options = new RedisStoreOptions().setSentinelOptions(sentinels);
    sentinels.setMasterName("changed afterwards");

    RedisStoreOptions read = new RedisStoreOptions(options.toJson());

    assertEquals("sessions", options.getSentinelOptions().getMasterName());
    assertEquals(options.toJson(), read.toJson());
    assertEquals(List.of("redis://sentinel-1:26379", "redis://sentinel-2:26379"),
      read.getSentinelOptions().getEndpoints());
    assertEquals(options.toJson(), new RedisStoreOptions(options).toJson());
  }

  @Test
  void theSentinelOptionsAreReadByRedisOptionsNotCheckedAgainstTheStoresOwnOptions() {
    JsonObject json = new JsonObject().put("sentinelOptions", new JsonObject().put("type", "SENTINEL")
      .put("masterName", "sessions").put("endpoints", new JsonArray().add("redis://sentinel-1:26379"))
      .put("maxPoolSize", 4));

    RedisOptions sentinels = new RedisStoreOptions(json).getSentinelOptions();

    assertEquals("sessions", sentinels.getMasterName());
    assertEquals(List.of("redis://sentinel-1:26379"), sentinels.getEndpoints());
    assertEquals(4, sentinels.getMaxPoolSize());
  }

  @Test
  void aMisspeltOptionIsRefusedNamingItAndTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new RedisStoreOptions(new JsonObject().put("keyprefix", "app:")));

    assertEquals("unknown option \"keyprefix\" in RedisStoreOptions; known options: commandTimeout, expiryEvents, "
      + "keyPrefix, maxInFlight, replicaAckTimeout, replicaAcks, scanCount, sentinelOptions", e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheOptionAndWhatItTakes() {
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
      () -> new RedisStoreOptions(new JsonObject().put("scanCount", "100")));
    IllegalArgumentException sentinels = assertThrows(IllegalArgumentException.class,
      () -> new RedisStoreOptions(new JsonObject().put("sentinelOptions", "redis://sentinel-1:26379")));

    assertEquals("option \"scanCount\" of RedisStoreOptions must be a whole number that fits 32 bits, got a string",
      count.getMessage());
    assertEquals("option \"sentinelOptions\" of RedisStoreOptions must be an object, got a string",
      sentinels.getMessage());
  }

  @Test
  void copyKeepsEverythingIncludingTheClock() {
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    RedisStoreOptions options = new RedisStoreOptions().setKeyPrefix("x:").setScanCount(7).setReplicaAcks(1)
      .setExpiryEvents(true)
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
    assertNamed("replicaAcks", () -> new RedisStoreOptions().setReplicaAcks(-1));
    assertNamed("replicaAckTimeout", () -> new RedisStoreOptions().setReplicaAckTimeout(Duration.ZERO));
    assertNamed("sentinelOptions", () -> new RedisStoreOptions().setSentinelOptions(new RedisOptions()
      .setMasterName(null)));
    assertThrows(NullPointerException.class, () -> new RedisStoreOptions().setClock(null));
  }

  private static void assertNamed(String option, Runnable setter) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter::run);
    assertTrue(e.getMessage().contains(option), e.getMessage());
  }
}
