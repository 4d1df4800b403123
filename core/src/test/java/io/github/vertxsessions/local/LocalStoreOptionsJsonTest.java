package io.github.vertxsessions.local;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The local store's options in JSON: what they read back as, and what they refuse. */
class LocalStoreOptionsJsonTest {

  @Test
  void everyOptionRoundTripsThroughTheJsonForm() {
    LocalStoreOptions options = new LocalStoreOptions().setMaxSessions(500).setSweepInterval(Duration.ofMillis(250))
      .setSweepBatchSize(20);

    LocalStoreOptions read = new LocalStoreOptions(options.toJson());

    assertEquals(options.toJson(), read.toJson());
    assertEquals(500, read.getMaxSessions());
    assertEquals(Duration.ofMillis(250), read.getSweepInterval());
    assertEquals(20, read.getSweepBatchSize());
    assertEquals(new LocalStoreOptions().toJson(), new LocalStoreOptions(new JsonObject()).toJson());
  }

  @Test
  void aMisspeltOptionIsRefusedNamingItAndTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new LocalStoreOptions(new JsonObject().put("maxSession", 10)));

    assertEquals("unknown option \"maxSession\" in LocalStoreOptions; known options: maxSessions, sweepBatchSize, "
      + "sweepInterval", e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheOptionAndWhatItTakes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new LocalStoreOptions(new JsonObject().put("maxSessions", "10")));

    assertEquals("option \"maxSessions\" of LocalStoreOptions must be a whole number that fits 32 bits, got a string",
      e.getMessage());
  }
}
