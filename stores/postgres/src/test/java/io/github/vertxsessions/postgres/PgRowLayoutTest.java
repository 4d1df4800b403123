package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The table as an operator sees it with psql, and rows the store did not write as it would. */
class PgRowLayoutTest extends PgStoreTestBase {

  private PgSessionStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = open(options());
  }

  @Test
  void theTableHasReadableColumnsAndItsIndexes() throws Exception {
    Map<String, String> types = StreamSupport.stream(pool.preparedQuery(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND table_schema = "
          + "current_schema()").execute(io.vertx.sqlclient.Tuple.of(table)).await(10, SECONDS).spliterator(), false)
      .collect(Collectors.toMap(row -> row.getString(0), row -> row.getString(1)));
    String time = "timestamp with time zone";
    assertEquals(Map.ofEntries(Map.entry("id", "text"), Map.entry("created_at", time),
      Map.entry("last_accessed_at", time), Map.entry("expires_at", time), Map.entry("idle_timeout", "bigint"),
      Map.entry("max_lifetime", "bigint"), Map.entry("cookie_max_age", "bigint"), Map.entry("version", "bigint"),
      Map.entry("principal", "text"), Map.entry("description", "text"), Map.entry("attributes", "jsonb")), types);
    Map<String, String> indexes = StreamSupport.stream(pool.preparedQuery(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 AND schemaname = current_schema()")
        .execute(io.vertx.sqlclient.Tuple.of(table)).await(10, SECONDS).spliterator(), false)
      .collect(Collectors.toMap(row -> row.getString(0), row -> row.getString(1)));
    assertTrue(indexes.get(table + "_principal_idx").endsWith("(principal) WHERE (principal IS NOT NULL)"),
      indexes.toString());
    assertTrue(indexes.get(table + "_expires_at_idx").endsWith("(expires_at)"), indexes.toString());
  }

  @Test
  void aSessionIsOneRowOfPlainValues() throws Exception {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).data(Map.of("user", "alice", "n", 1)).createdAt(now)
      .idleTimeout(IDLE).maxLifetime(Duration.ofHours(8).toMillis()).cookieMaxAge(Duration.ofDays(30).toMillis())
      .owner(new SessionOwner("alice", "Firefox")).build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(1));
    store.save(update(record, Map.of("n", 2), Set.of("user"))).await(10, SECONDS);

    Row row = raw(record.id());
    assertEquals(2L, row.getLong("version"));
    assertEquals(Instant.ofEpochMilli(now), row.getOffsetDateTime("created_at").toInstant());
    assertEquals(Instant.ofEpochMilli(clock.millis()), row.getOffsetDateTime("last_accessed_at").toInstant());
    assertEquals(Instant.ofEpochMilli(clock.millis() + IDLE), row.getOffsetDateTime("expires_at").toInstant());
    assertEquals(IDLE, row.getLong("idle_timeout"));
    assertEquals(Duration.ofHours(8).toMillis(), row.getLong("max_lifetime"));
    assertEquals(Duration.ofDays(30).toMillis(), row.getLong("cookie_max_age"));
    assertEquals("alice", row.getString("principal"), "a save without owner leaves it");
    assertEquals("Firefox", row.getString("description"));
    assertEquals(new JsonObject().put("n", 2), row.getJsonObject("attributes"));
  }

  @Test
  void theAbsoluteLifetimeCapsTheStoredExpiry() throws Exception {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).createdAt(now).idleTimeout(IDLE)
      .maxLifetime(Duration.ofMinutes(40).toMillis()).build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(20));
    store.touch(record.id()).await(10, SECONDS);

    assertEquals(Instant.ofEpochMilli(now + Duration.ofMinutes(40).toMillis()),
      raw(record.id()).getOffsetDateTime("expires_at").toInstant());
  }

  @Test
  void doublesInExponentNotationReadBackAsDoubles() throws Exception {
    Map<String, Object> data = Map.of("big", 1.0E15, "huge", 1.0E300, "small", 1.0E-7, "negative", -2.5E20,
      "nested", new JsonObject().put("big", 1.0E15));
    SessionRecord created = create(store, data);

    Map<String, Object> loaded = store.load(created.id(), Long.MAX_VALUE).await(10, SECONDS).data();

    assertEquals(new HashMap<>(data), new HashMap<>(loaded));
    assertInstanceOf(Double.class, loaded.get("big"));
    assertInstanceOf(Double.class, ((JsonObject) loaded.get("nested")).getValue("big"));
  }

  @Test
  void textPostgresCannotHoldIsRefusedAndNothingIsWritten() throws Exception {
    SessionRecord created = create(store, Map.of("kept", true));

    Throwable nul = assertThrows(Throwable.class, () -> store.save(update(created, Map.of("note", "a\0b"), Set.of())).await(10, SECONDS));
    Throwable surrogate = assertThrows(Throwable.class, () -> store.save(update(created, Map.of("note\uD800", 1), Set.of())).await(10, SECONDS));
    Throwable principal = assertThrows(Throwable.class, () -> store.save(update(created, Map.of(), Set.of())
      .withOwner(new SessionOwner("al\uDC00ice", null))).await(10, SECONDS));

    assertInstanceOf(IllegalArgumentException.class, nul);
    assertTrue(nul.getMessage().contains("'note'") && nul.getMessage().contains("NUL"), nul.getMessage());
    assertInstanceOf(IllegalArgumentException.class, surrogate);
    assertInstanceOf(IllegalArgumentException.class, principal);
    assertEquals(1L, raw(created.id()).getLong("version"), "nothing was written");
  }

  @Test
  void unreadableRowsReadAsMissingAndAreNotFound() throws Exception {
    SessionRecord notAnObject = create(store, Map.of("x", 1));
    SessionRecord emptyPrincipal = create(store, Map.of("x", 1));
    SessionRecord hugeNumber = create(store, Map.of("x", 1));
    sql("UPDATE " + table + " SET attributes = '[1, 2]' WHERE id = $1", notAnObject.id());
    sql("UPDATE " + table + " SET principal = '' WHERE id = $1", emptyPrincipal.id());
    sql("UPDATE " + table + " SET attributes = '{\"n\": 1e400}', principal = 'bob' WHERE id = $1", hugeNumber.id());

    try (LogCapture logs = LogCapture.of(PgSessionStore.class)) {
      assertNull(store.load(notAnObject.id(), 0).await(10, SECONDS));
      assertNull(store.load(emptyPrincipal.id(), 0).await(10, SECONDS));
      assertNull(store.load(hugeNumber.id(), 0).await(10, SECONDS));
      assertEquals(0, store.findByPrincipal("bob").await(10, SECONDS).size());

      List<String> warnings = logs.warnings();
      assertEquals(4, warnings.size(), "one per unreadable row read, the search's too: " + warnings);
      assertTrue(warnings.stream().allMatch(line -> line.contains("cannot be read and counts as missing")),
        warnings::toString);
    }
    SessionRecord healthy = create(store, Map.of("fine", true));
    assertNotNull(store.load(healthy.id(), 0).await(10, SECONDS), "other sessions read as usual");
  }
}
