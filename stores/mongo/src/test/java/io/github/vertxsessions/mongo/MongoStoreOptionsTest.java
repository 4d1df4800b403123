package io.github.vertxsessions.mongo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoStoreOptionsTest {

  @Test
  void defaults() {
    MongoStoreOptions options = new MongoStoreOptions();

    assertEquals("sessions", options.getCollection());
    assertEquals(Duration.ofSeconds(60), options.getSweepInterval());
    assertEquals(1000, options.getSweepBatchSize());
    assertNull(options.getWriteConcern());
    assertEquals(List.of(), options.getEncryptionKeys());
    assertEquals(new MongoStoreOptions().toJson(), new MongoStoreOptions(new JsonObject()).toJson());
  }

  @Test
  void jsonAndCopyRoundTrip() {
    String key = TestKeys.newKey();
    Clock clock = Clock.systemDefaultZone();
    MongoStoreOptions options = new MongoStoreOptions()
      .setCollection("web_sessions")
      .setSweepInterval(Duration.ofSeconds(5))
      .setSweepBatchSize(50)
      .setWriteConcern("majority")
      .setEncryptionKeys(List.of(key))
      .setClock(clock);

    JsonObject json = options.toJson();

    assertEquals(new JsonObject().put("collection", "web_sessions").put("sweepInterval", "PT5S").put("sweepBatchSize", 50)
      .put("writeConcern", "majority"), json, "keys are never in the JSON form");
    assertEquals(json, new MongoStoreOptions(json).toJson());
    assertEquals(List.of(key), new MongoStoreOptions(json.copy().put("encryptionKeys", new JsonArray().add(key)))
      .getEncryptionKeys());
    assertEquals(json, new MongoStoreOptions(options).toJson());
    assertEquals(List.of(key), new MongoStoreOptions(options).getEncryptionKeys());
    assertSame(clock, new MongoStoreOptions(options).getClock());
    assertEquals(Duration.ofMillis(250), new MongoStoreOptions(new JsonObject().put("sweepInterval", 250)).getSweepInterval());
  }

  @Test
  void invalidValuesAreRefusedNamingTheOption() {
    MongoStoreOptions options = new MongoStoreOptions();

    assertRefused("collection", () -> options.setCollection(""));
    assertRefused("collection", () -> options.setCollection("a$b"));
    assertRefused("collection", () -> options.setCollection("system.views"));
    assertRefused("sweepInterval", () -> options.setSweepInterval(Duration.ZERO));
    assertRefused("sweepBatchSize", () -> options.setSweepBatchSize(0));
    assertRefused("writeConcern", () -> options.setWriteConcern("w7"));
    assertRefused("writeConcern", () -> options.setWriteConcern("unacknowledged"));
    assertRefused("encryptionKeys[0]", () -> options.setEncryptionKeys(List.of("not base64!")));
    assertRefused("encryptionKeys[1]", () -> options.setEncryptionKeys(List.of(TestKeys.newKey(),
      Base64.getEncoder().encodeToString(new byte[16]))));
    assertRefused("sweepInterval", () -> new MongoStoreOptions(new JsonObject().put("sweepInterval", "soon")));
  }

  @Test
  void aMisspeltOptionIsRefusedNamingItAndTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new MongoStoreOptions(new JsonObject().put("collecion", "web_sessions")));

    assertEquals("unknown option \"collecion\" in MongoStoreOptions; known options: collection, encryptionKeys, "
      + "sweepBatchSize, sweepInterval, writeConcern", e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheOptionAndWhatItTakes() {
    String key = TestKeys.newKey();
    IllegalArgumentException keys = assertThrows(IllegalArgumentException.class,
      () -> new MongoStoreOptions(new JsonObject().put("encryptionKeys", key)));
    IllegalArgumentException concern = assertThrows(IllegalArgumentException.class,
      () -> new MongoStoreOptions(new JsonObject().put("writeConcern", 2)));

    assertEquals("option \"encryptionKeys\" of MongoStoreOptions must be an array of strings, got a string",
      keys.getMessage());
    assertEquals("option \"writeConcern\" of MongoStoreOptions must be a string, got the number 2",
      concern.getMessage());
  }

  @Test
  void writeConcernNamesAreCaseInsensitive() {
    assertEquals("MAJORITY", new MongoStoreOptions().setWriteConcern("MAJORITY").getWriteConcern());
    assertEquals("journaled", new MongoStoreOptions().setWriteConcern("journaled").getWriteConcern());
    assertNull(new MongoStoreOptions().setWriteConcern("majority").setWriteConcern(null).getWriteConcern());
  }

  private static void assertRefused(String option, Runnable change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, change::run);
    assertTrue(e.getMessage().startsWith(option), e.getMessage());
  }
}
