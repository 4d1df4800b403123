package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;

/** A document of the wrong shape reads as a missing session, is logged, and never fails the load. */
class MongoCorruptDocumentTest extends MongoStoreTestBase {

  private LogCapture logs;

  @BeforeEach
  void captureLogs() {
    logs = LogCapture.of(MongoSessionStore.class);
  }

  @AfterEach
  void releaseLogs() {
    logs.close();
  }

  @Test
  void dataThatIsNotAnObject() throws Exception {
    assertReadsAsMissing(document -> document.put("data", "a string"));
  }

  @Test
  void noData() throws Exception {
    assertReadsAsMissing(document -> {
      document.remove("data");
      return document;
    });
  }

  @Test
  void versionThatIsNotANumber() throws Exception {
    assertReadsAsMissing(document -> document.put("version", "one"));
  }

  @Test
  void creationTimeThatIsNotADate() throws Exception {
    assertReadsAsMissing(document -> document.put("createdAt", 1_767_225_600_000L));
  }

  @Test
  void fieldNameNoAttributeNameEscapesTo() throws Exception {
    assertReadsAsMissing(document -> document.put("data", new JsonObject().put("%zz", 1)));
  }

  @Test
  void encryptedDataWithoutKeys() throws Exception {
    assertReadsAsMissing(document -> {
      document.remove("data");
      return document.put("encryptedData", new JsonObject().put("key", "00000000"));
    });
  }

  @Test
  void principalThatIsNotAString() throws Exception {
    assertReadsAsMissing(document -> document.put("principal", 42));
  }

  @Test
  void emptyPrincipal() throws Exception {
    assertReadsAsMissing(document -> document.put("principal", ""));
  }

  @Test
  void descriptionBeyondTheLimit() throws Exception {
    assertReadsAsMissing(document -> document.put("principal", "alice").put("description", "x".repeat(257)));
  }

  @Test
  void aDamagedSessionIsLeftOutOfItsUsersSessions() throws Exception {
    String damaged = insert(document -> document.put("principal", "alice").put("version", "one"));
    String sound = insert(document -> document.put("principal", "alice").put("description", "laptop"));
    MongoSessionStore store = open(options());

    List<SessionRecord> found = store.findByPrincipal("alice").await(10, SECONDS);

    assertEquals(List.of(sound), found.stream().map(SessionRecord::id).toList());
    assertEquals(new SessionOwner("alice", "laptop"), found.get(0).owner());
    assertEquals(1, logs.events().size(), () -> logs.events().toString());
    assertTrue(logs.events().get(0).getFormattedMessage().contains(damaged.substring(0, 6)));
  }

  @Test
  void expiryThatIsNotADateIsNeverLive() throws Exception {
    String id = insert(document -> document.put("expiresAt", "tomorrow"));
    MongoSessionStore store = open(options());

    assertNull(store.load(id, 0).await(10, SECONDS));
  }

  @Test
  void wellFormedHandWrittenDocumentIsReadable() throws Exception {
    String id = insert(UnaryOperator.identity());
    MongoSessionStore store = open(options());

    assertEquals(new JsonObject().put("user", "alice"), new JsonObject(store.load(id, Long.MAX_VALUE).await(10, SECONDS).data()));
    assertTrue(logs.events().isEmpty(), () -> logs.events().toString());
  }

  private void assertReadsAsMissing(UnaryOperator<JsonObject> damage) throws Exception {
    String id = insert(damage);
    MongoSessionStore store = open(options());

    assertNull(store.load(id, 0).await(10, SECONDS));
    assertNull(store.load(id, Long.MAX_VALUE).await(10, SECONDS));

    assertEquals(2, logs.events().size(), () -> logs.events().toString());
    String message = logs.events().get(0).getFormattedMessage();
    assertTrue(message.contains("cannot be read"), message);
    assertTrue(message.contains(id.substring(0, 6)), message);
    assertFalse(message.contains(id), "the whole session ID is never logged: " + message);
    assertNotNull(raw(id), "the document is left for the sweeper or an operator");
  }

  /** A hand-written session document, live for an hour, changed by {@code damage}. */
  private String insert(UnaryOperator<JsonObject> damage) throws Exception {
    String id = newId();
    Instant now = clock.instant();
    JsonObject document = new JsonObject()
      .put("_id", id)
      .put("data", new JsonObject().put("user", "alice"))
      .put("version", 1L)
      .put("createdAt", new JsonObject().put("$date", now.toString()))
      .put("lastAccessedAt", new JsonObject().put("$date", now.toString()))
      .put("expiresAt", new JsonObject().put("$date", now.plusSeconds(3600).toString()))
      .put("idleTimeout", 3_600_000L)
      .put("maxLifetime", 0L)
      .put("cookieMaxAge", -1L);
    client.insert(collection, damage.apply(document)).await(10, SECONDS);
    return id;
  }
}
