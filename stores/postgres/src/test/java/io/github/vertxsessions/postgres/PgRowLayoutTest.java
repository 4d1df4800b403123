package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table as an operator sees it with psql, and rows the store did not write as it would. */
class PgRowLayoutTest extends PgStoreTestBase {

  private PgSessionStore store;

  @BeforeEach
  void setUp() {
    store = open(options());
  }

  @Test
  void theTableHasReadableColumnsAndItsIndexes() {
    Map<String, String> types = StreamSupport.stream(await(pool.preparedQuery(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND table_schema = "
          + "current_schema()").execute(io.vertx.sqlclient.Tuple.of(table))).spliterator(), false)
      .collect(Collectors.toMap(row -> row.getString(0), row -> row.getString(1)));
    String time = "timestamp with time zone";
    assertEquals(Map.ofEntries(Map.entry("id", "text"), Map.entry("created_at", time),
      Map.entry("last_accessed_at", time), Map.entry("expires_at", time), Map.entry("idle_timeout", "bigint"),
      Map.entry("max_lifetime", "bigint"), Map.entry("cookie_max_age", "bigint"), Map.entry("version", "bigint"),
      Map.entry("principal", "text"), Map.entry("description", "text"), Map.entry("attributes", "jsonb")), types);
    Map<String, String> indexes = StreamSupport.stream(await(pool.preparedQuery(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 AND schemaname = current_schema()")
        .execute(io.vertx.sqlclient.Tuple.of(table))).spliterator(), false)
      .collect(Collectors.toMap(row -> row.getString(0), row -> row.getString(1)));
    assertTrue(indexes.get(table + "_principal_idx").endsWith("(principal) WHERE (principal IS NOT NULL)"),
      indexes.toString());
    assertTrue(indexes.get(table + "_expires_at_idx").endsWith("(expires_at)"), indexes.toString());
  }

  @Test
  void aSessionIsOneRowOfPlainValues() {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).data(Map.of("user", "alice", "n", 1)).createdAt(now)
      .idleTimeout(IDLE).maxLifetime(Duration.ofHours(8).toMillis()).cookieMaxAge(Duration.ofDays(30).toMillis())
      .owner(new SessionOwner("alice", "Firefox")).build();
    await(store.save(SessionDelta.creationOf(record)));
    clock.advance(Duration.ofMinutes(1));
    await(store.save(update(record, Map.of("n", 2), Set.of("user"))));

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
  void theAbsoluteLifetimeCapsTheStoredExpiry() {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).createdAt(now).idleTimeout(IDLE)
      .maxLifetime(Duration.ofMinutes(40).toMillis()).build();
    await(store.save(SessionDelta.creationOf(record)));
    clock.advance(Duration.ofMinutes(20));
    await(store.touch(record.id()));

    assertEquals(Instant.ofEpochMilli(now + Duration.ofMinutes(40).toMillis()),
      raw(record.id()).getOffsetDateTime("expires_at").toInstant());
  }

  @Test
  void doublesInExponentNotationReadBackAsDoubles() {
    Map<String, Object> data = Map.of("big", 1.0E15, "huge", 1.0E300, "small", 1.0E-7, "negative", -2.5E20,
      "nested", new JsonObject().put("big", 1.0E15));
    SessionRecord created = create(store, data);

    Map<String, Object> loaded = await(store.load(created.id(), Long.MAX_VALUE)).data();

    assertEquals(new HashMap<>(data), new HashMap<>(loaded));
    assertInstanceOf(Double.class, loaded.get("big"));
    assertInstanceOf(Double.class, ((JsonObject) loaded.get("nested")).getValue("big"));
  }

  @Test
  void textPostgresCannotHoldIsRefusedAndNothingIsWritten() {
    SessionRecord created = create(store, Map.of("kept", true));

    Throwable nul = awaitFailure(store.save(update(created, Map.of("note", "a\0b"), Set.of())));
    Throwable surrogate = awaitFailure(store.save(update(created, Map.of("note\uD800", 1), Set.of())));
    Throwable principal = awaitFailure(store.save(update(created, Map.of(), Set.of())
      .withOwner(new SessionOwner("al\uDC00ice", null))));

    assertInstanceOf(IllegalArgumentException.class, nul);
    assertTrue(nul.getMessage().contains("'note'") && nul.getMessage().contains("NUL"), nul.getMessage());
    assertInstanceOf(IllegalArgumentException.class, surrogate);
    assertInstanceOf(IllegalArgumentException.class, principal);
    assertEquals(1L, raw(created.id()).getLong("version"), "nothing was written");
  }

  @Test
  void unreadableRowsReadAsMissingAndAreNotFound() {
    SessionRecord notAnObject = create(store, Map.of("x", 1));
    SessionRecord emptyPrincipal = create(store, Map.of("x", 1));
    SessionRecord hugeNumber = create(store, Map.of("x", 1));
    sql("UPDATE " + table + " SET attributes = '[1, 2]' WHERE id = $1", notAnObject.id());
    sql("UPDATE " + table + " SET principal = '' WHERE id = $1", emptyPrincipal.id());
    sql("UPDATE " + table + " SET attributes = '{\"n\": 1e400}', principal = 'bob' WHERE id = $1", hugeNumber.id());

    assertNull(await(store.load(notAnObject.id(), 0)));
    assertNull(await(store.load(emptyPrincipal.id(), 0)));
    assertNull(await(store.load(hugeNumber.id(), 0)));
    assertEquals(0, await(store.findByPrincipal("bob")).size());
    SessionRecord healthy = create(store, Map.of("fine", true));
    assertNotNull(await(store.load(healthy.id(), 0)), "other sessions read as usual");
  }
}
