package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;

/** The stored document, read raw: what an operator sees in the shell, and what the TTL index works on. */
class MongoDocumentLayoutTest extends MongoStoreTestBase {

  private static final long LIFETIME = Duration.ofHours(8).toMillis();

  @Test
  void sessionIsOneReadableDocumentWithDatesAndNumbers() throws Exception {
    MongoSessionStore store = open(options());
    long created = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).data(Map.of("user", "alice", "cart", new JsonArray().add(3)))
      .createdAt(created).idleTimeout(IDLE).maxLifetime(LIFETIME).cookieMaxAge(86_400_000L).build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);

    JsonObject document = raw(record.id());

    assertEquals(Set.of("_id", "data", "version", "createdAt", "lastAccessedAt", "expiresAt", "idleTimeout",
      "maxLifetime", "cookieMaxAge"), document.fieldNames());
    assertEquals(record.id(), document.getString("_id"));
    assertEquals(new JsonObject().put("user", "alice").put("cart", new JsonArray().add(3)), document.getJsonObject("data"));
    assertEquals(1L, document.getValue("version"));
    assertDate(created, document.getValue("createdAt"));
    assertDate(created, document.getValue("lastAccessedAt"));
    assertDate(created + IDLE, document.getValue("expiresAt"));
    assertEquals(IDLE, document.getValue("idleTimeout"));
    assertEquals(LIFETIME, document.getValue("maxLifetime"));
    assertEquals(86_400_000L, document.getValue("cookieMaxAge"));
    assertEquals(1L, client.count(collection, new JsonObject().put("_id", record.id())
      .put("expiresAt", new JsonObject().put("$lt", date(created + IDLE + 1)))).await(10, SECONDS), "expiresAt compares as a date");
  }

  @Test
  void awkwardNamesAreEscapedAtEveryDepthAndOrdinaryOnesKept() throws Exception {
    MongoSessionStore store = open(options());
    Map<String, Object> data = new HashMap<>();
    data.put("plain_name", 1);
    data.put("a.b", 2);
    data.put("$where", 3);
    data.put("", 4);
    data.put("100%", 5);
    data.put("mid$dle", 6);
    data.put("nested", new JsonObject().put("$date", "not a date").put("k.l", new JsonArray().add(new JsonObject().put("$oid", 1))));
    SessionRecord record = create(store, data);

    JsonObject stored = raw(record.id()).getJsonObject("data");

    assertEquals(new JsonObject()
        .put("plain_name", 1)
        .put("a%2Eb", 2)
        .put("%24where", 3)
        .put("%", 4)
        .put("100%25", 5)
        .put("mid$dle", 6)
        .put("nested", new JsonObject().put("%24date", "not a date")
          .put("k%2El", new JsonArray().add(new JsonObject().put("%24oid", 1)))),
      stored);
    assertEquals(new JsonObject(data), new JsonObject(new HashMap<>(store.load(record.id(), Long.MAX_VALUE).await(10, SECONDS).data())));
  }

  @Test
  void deltaSaveChangesOnlyTheNamedFieldsAndTheTiming() throws Exception {
    MongoSessionStore store = open(options());
    SessionRecord record = create(store, Map.of("keep", "k", "a.b", 1, "drop", true));
    clock.advance(Duration.ofMinutes(5));

    long version = store.save(SessionDelta.builder(record.id()).set(Map.of("a.b", 2, "new", "n"))
      .unset(Set.of("drop")).createdAt(record.createdAt()).idleTimeout(IDLE * 2).cookieMaxAge(1234).build()).await(10, SECONDS);

    JsonObject document = raw(record.id());
    assertEquals(2L, version);
    assertEquals(new JsonObject().put("keep", "k").put("a%2Eb", 2).put("new", "n"), document.getJsonObject("data"));
    assertEquals(2L, document.getValue("version"));
    assertDate(record.createdAt(), document.getValue("createdAt"));
    assertDate(clock.millis(), document.getValue("lastAccessedAt"));
    assertDate(clock.millis() + IDLE * 2, document.getValue("expiresAt"));
    assertEquals(IDLE * 2, document.getValue("idleTimeout"));
    assertEquals(1234L, document.getValue("cookieMaxAge"));
  }

  @Test
  void expiryIsCappedByTheStoredLifetimeEvenIfADeltaCarriesAnother() throws Exception {
    MongoSessionStore store = open(options());
    long created = clock.millis();
    long idle = Duration.ofHours(2).toMillis();
    SessionRecord record = SessionRecord.builder(newId()).createdAt(created).idleTimeout(idle)
      .maxLifetime(Duration.ofHours(1).toMillis()).build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(50));

    store.save(SessionDelta.builder(record.id()).set(Map.of("x", 1)).createdAt(0).idleTimeout(idle).build()).await(10, SECONDS);

    JsonObject document = raw(record.id());
    assertDate(created + Duration.ofHours(1).toMillis(), document.getValue("expiresAt"));
    assertDate(created, document.getValue("createdAt"));
    assertEquals(Duration.ofHours(1).toMillis(), document.getValue("maxLifetime"));
    assertEquals(new JsonObject().put("x", 1), document.getJsonObject("data"));
  }

  @Test
  void touchMovesLastAccessAndExpiryOnly() throws Exception {
    MongoSessionStore store = open(options());
    SessionRecord record = create(store, Map.of("n", 1));
    clock.advance(Duration.ofMinutes(10));

    store.touch(record.id()).await(10, SECONDS);

    JsonObject document = raw(record.id());
    assertDate(clock.millis(), document.getValue("lastAccessedAt"));
    assertDate(clock.millis() + IDLE, document.getValue("expiresAt"));
    assertEquals(1L, document.getValue("version"), "a touch is not a change");
    assertEquals(new JsonObject().put("n", 1), document.getJsonObject("data"));
  }

  @Test
  void theOwnerIsInReadableTopLevelFieldsAbsentWhenThereIsNone() throws Exception {
    MongoSessionStore store = open(options());
    SessionRecord anonymous = create(store, Map.of("n", 1));
    long now = clock.millis();
    SessionRecord owned = SessionRecord.builder(newId()).data(Map.of("n", 1)).createdAt(now).idleTimeout(IDLE)
      .owner(new SessionOwner("alice", "Firefox on Linux, 192.0.2.7")).build();
    store.save(SessionDelta.creationOf(owned)).await(10, SECONDS);

    JsonObject document = raw(owned.id());
    assertEquals("alice", document.getValue("principal"));
    assertEquals("Firefox on Linux, 192.0.2.7", document.getValue("description"));
    assertEquals(new JsonObject().put("n", 1), document.getJsonObject("data"), "the owner is not an attribute");
    assertFalse(raw(anonymous.id()).containsKey("principal"));
    assertFalse(raw(anonymous.id()).containsKey("description"));
    assertEquals(1L, client.count(collection, new JsonObject().put("principal", "alice")).await(10, SECONDS), "queryable");

    store.save(update(anonymous, Map.of(), Set.of()).withOwner(new SessionOwner("bob", null))).await(10, SECONDS);
    assertEquals("bob", raw(anonymous.id()).getValue("principal"));
    assertFalse(raw(anonymous.id()).containsKey("description"), "no description, no field");

    store.save(update(owned, Map.of(), Set.of()).withOwner(SessionOwner.NONE)).await(10, SECONDS);
    assertFalse(raw(owned.id()).containsKey("principal"), "logged out: the fields are gone");
    assertFalse(raw(owned.id()).containsKey("description"));
    assertEquals(SessionOwner.NONE, store.load(owned.id(), Long.MAX_VALUE).await(10, SECONDS).owner());
  }

  @Test
  void theStoreEnsuresASparseIndexOnPrincipalBesideTheTtlIndex() throws Exception {
    open(options());
    open(options()).ready().await(10, SECONDS);

    List<JsonObject> indexes = client.listIndexes(collection).await(10, SECONDS).stream().map(JsonObject.class::cast).toList();

    List<JsonObject> onPrincipal = indexes.stream()
      .filter(index -> index.getJsonObject("key").equals(new JsonObject().put("principal", 1))).toList();
    assertEquals(1, onPrincipal.size(), indexes::toString);
    assertEquals("principal_1", onPrincipal.get(0).getString("name"));
    assertEquals(true, onPrincipal.get(0).getValue("sparse"), "anonymous sessions are not in it");
    assertEquals(1, indexes.stream()
      .filter(index -> index.getJsonObject("key").equals(new JsonObject().put("expiresAt", 1))).count());
  }

  @Test
  void unencryptedStoreHasNoEncryptedField() throws Exception {
    MongoSessionStore store = open(options());
    SessionRecord record = create(store, Map.of("n", 1));

    assertFalse(raw(record.id()).containsKey("encryptedData"));
    assertInstanceOf(JsonObject.class, raw(record.id()).getValue("data"));
    assertTrue(raw(record.id()).getJsonObject("createdAt").containsKey("$date"));
  }

  private static JsonObject date(long millis) {
    return new JsonObject().put("$date", Instant.ofEpochMilli(millis).toString());
  }

  /** A BSON date, which the client alone turns into {@code {"$date": "<ISO-8601>"}}. */
  private static void assertDate(long expectedMillis, Object value) {
    JsonObject date = assertInstanceOf(JsonObject.class, value);
    assertEquals(Set.of("$date"), date.fieldNames());
    assertEquals(expectedMillis, OffsetDateTime.parse(date.getString("$date")).toInstant().toEpochMilli());
  }
}
