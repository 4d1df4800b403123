package io.github.vertxsessions.mongo;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A document of the wrong shape reads as a missing session, is logged, and never fails the load. */
class MongoCorruptDocumentTest extends MongoStoreTestBase {

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(MongoSessionStore.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  @Test
  void dataThatIsNotAnObject() {
    assertReadsAsMissing(document -> document.put("data", "a string"));
  }

  @Test
  void noData() {
    assertReadsAsMissing(document -> {
      document.remove("data");
      return document;
    });
  }

  @Test
  void versionThatIsNotANumber() {
    assertReadsAsMissing(document -> document.put("version", "one"));
  }

  @Test
  void creationTimeThatIsNotADate() {
    assertReadsAsMissing(document -> document.put("createdAt", 1_767_225_600_000L));
  }

  @Test
  void fieldNameNoAttributeNameEscapesTo() {
    assertReadsAsMissing(document -> document.put("data", new JsonObject().put("%zz", 1)));
  }

  @Test
  void encryptedDataWithoutKeys() {
    assertReadsAsMissing(document -> {
      document.remove("data");
      return document.put("encryptedData", new JsonObject().put("key", "00000000"));
    });
  }

  @Test
  void principalThatIsNotAString() {
    assertReadsAsMissing(document -> document.put("principal", 42));
  }

  @Test
  void emptyPrincipal() {
    assertReadsAsMissing(document -> document.put("principal", ""));
  }

  @Test
  void descriptionBeyondTheLimit() {
    assertReadsAsMissing(document -> document.put("principal", "alice").put("description", "x".repeat(257)));
  }

  @Test
  void aDamagedSessionIsLeftOutOfItsUsersSessions() {
    String damaged = insert(document -> document.put("principal", "alice").put("version", "one"));
    String sound = insert(document -> document.put("principal", "alice").put("description", "laptop"));
    MongoSessionStore store = open(options());

    List<SessionRecord> found = await(store.findByPrincipal("alice"));

    assertEquals(List.of(sound), found.stream().map(SessionRecord::id).toList());
    assertEquals(new SessionOwner("alice", "laptop"), found.get(0).owner());
    assertEquals(1, logs.list.size(), () -> logs.list.toString());
    assertTrue(logs.list.get(0).getFormattedMessage().contains(damaged.substring(0, 6)));
  }

  @Test
  void expiryThatIsNotADateIsNeverLive() {
    String id = insert(document -> document.put("expiresAt", "tomorrow"));
    MongoSessionStore store = open(options());

    assertNull(await(store.load(id, 0)));
  }

  @Test
  void wellFormedHandWrittenDocumentIsReadable() {
    String id = insert(UnaryOperator.identity());
    MongoSessionStore store = open(options());

    assertEquals(new JsonObject().put("user", "alice"), new JsonObject(await(store.load(id, Long.MAX_VALUE)).data()));
    assertTrue(logs.list.isEmpty(), () -> logs.list.toString());
  }

  private void assertReadsAsMissing(UnaryOperator<JsonObject> damage) {
    String id = insert(damage);
    MongoSessionStore store = open(options());

    assertNull(await(store.load(id, 0)));
    assertNull(await(store.load(id, Long.MAX_VALUE)));

    assertEquals(2, logs.list.size(), () -> logs.list.toString());
    String message = logs.list.get(0).getFormattedMessage();
    assertTrue(message.contains("cannot be read"), message);
    assertTrue(message.contains(id.substring(0, 6)), message);
    assertFalse(message.contains(id), "the whole session ID is never logged: " + message);
    assertNotNull(raw(id), "the document is left for the sweeper or an operator");
  }

  /** A hand-written session document, live for an hour, changed by {@code damage}. */
  private String insert(UnaryOperator<JsonObject> damage) {
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
    await(client.insert(collection, damage.apply(document)));
    return id;
  }
}
