package io.github.vertxsessions.postgres;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgStoreOptionsTest {

  @Test
  void defaults() {
    PgStoreOptions options = new PgStoreOptions();
    assertEquals("vertx_sessions", options.getTable());
    assertTrue(options.isCreateSchema());
    assertEquals(Duration.ofSeconds(60), options.getSweepInterval());
    assertEquals(1_000, options.getSweepBatchSize());
  }

  @Test
  void jsonRoundTripsAndTakesMillisOrIsoDurations() {
    PgStoreOptions options = new PgStoreOptions(new JsonObject().put("table", "app_sessions").put("createSchema", false)
      .put("sweepInterval", 5_000).put("sweepBatchSize", 50));
    assertEquals("app_sessions", options.getTable());
    assertFalse(options.isCreateSchema());
    assertEquals(Duration.ofSeconds(5), options.getSweepInterval());
    assertEquals(50, options.getSweepBatchSize());
    assertEquals(new JsonObject().put("table", "app_sessions").put("createSchema", false).put("sweepInterval", "PT5S")
      .put("sweepBatchSize", 50), options.toJson());
    assertEquals(options.toJson(), new PgStoreOptions(options.toJson()).toJson());
    assertEquals(options.toJson(), new PgStoreOptions(options).toJson());
    assertEquals(new PgStoreOptions().toJson(), new PgStoreOptions(new JsonObject()).toJson());
  }

  @Test
  void aMisspeltOptionIsRefusedNamingItAndTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new PgStoreOptions(new JsonObject().put("tableName", "app_sessions")));

    assertEquals("unknown option \"tableName\" in PgStoreOptions; known options: createSchema, sweepBatchSize, "
      + "sweepInterval, table", e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheOptionAndWhatItTakes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new PgStoreOptions(new JsonObject().put("createSchema", "no")));

    assertEquals("option \"createSchema\" of PgStoreOptions must be true or false, got a string", e.getMessage());
  }

  @Test
  void tableNamesThatWouldNeedQuotingAreRefused() {
    for (String bad : new String[] {"", "Sessions", "1sessions", "my-sessions", "public.sessions", "s\"; DROP",
      "a".repeat(PgStoreOptions.MAX_TABLE_NAME_LENGTH + 1)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PgStoreOptions().setTable(bad), bad);
      assertTrue(e.getMessage().startsWith("table must be"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new PgStoreOptions().setTable(null));
    assertEquals("user", new PgStoreOptions().setTable("user").getTable(), "a reserved word is quoted in SQL");
  }

  @Test
  void sweepSettingsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new PgStoreOptions().setSweepBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> new PgStoreOptions().setSweepInterval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
      () -> new PgStoreOptions(new JsonObject().put("sweepInterval", "every minute")));
  }
}
