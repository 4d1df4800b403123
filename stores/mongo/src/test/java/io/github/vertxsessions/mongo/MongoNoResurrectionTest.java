package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What saves leave in the collection when they must not write: checked on the raw documents. */
class MongoNoResurrectionTest extends MongoStoreTestBase {

  @Test
  void saveOfADeletedSessionWritesNoDocument() throws Exception {
    MongoSessionStore store = open(options());
    SessionRecord session = create(store, Map.of("user", "alice"));
    store.delete(session.id()).await(10, SECONDS);

    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.save(update(session, Map.of("n", 1), Set.of())).await(10, SECONDS)));

    assertNull(raw(session.id()));
    assertEquals(0, rawCount());
  }

  @Test
  void saveOfAnExpiredSessionLeavesItsDocumentAsItWas() throws Exception {
    MongoSessionStore store = open(options());
    SessionRecord session = create(store, Map.of("user", "alice"));
    JsonObject before = raw(session.id());
    clock.advance(Duration.ofMillis(IDLE));

    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.save(update(session, Map.of("n", 1), Set.of())).await(10, SECONDS)));
    assertInstanceOf(SessionGoneException.class,
      assertThrows(Throwable.class, () -> store.save(update(session, Map.of(), Set.of())).await(10, SECONDS)), "not even its expiry moves");

    assertEquals(before, raw(session.id()));
  }

  @Test
  void creationWithTheIdOfALiveSessionLeavesItAsItWas() throws Exception {
    MongoSessionStore store = open(options());
    SessionRecord owner = create(store, Map.of("user", "alice"));
    JsonObject before = raw(owner.id());
    clock.advance(Duration.ofMinutes(1));
    long now = clock.millis();
    SessionRecord impostor = SessionRecord.builder(owner.id()).data(Map.of("user", "mallory")).createdAt(now)
      .idleTimeout(IDLE).build();

    assertInstanceOf(DuplicateSessionIdException.class, assertThrows(Throwable.class, () -> store.save(SessionDelta.creationOf(impostor)).await(10, SECONDS)));

    assertEquals(before, raw(owner.id()));
  }

  @Test
  void creationWithTheIdOfAnExpiredSessionReplacesItsDocument() throws Exception {
    MongoSessionStore store = open(options());
    SessionRecord old = create(store, Map.of("user", "alice", "role", "admin"));
    store.save(update(old, Map.of("n", 5), Set.of())).await(10, SECONDS);
    clock.advance(Duration.ofMillis(IDLE));
    long now = clock.millis();

    store.save(SessionDelta.creationOf(SessionRecord.builder(old.id()).data(Map.of("user", "bob")).createdAt(now)
      .idleTimeout(IDLE).build())).await(10, SECONDS);

    JsonObject document = raw(old.id());
    assertEquals(new JsonObject().put("user", "bob"), document.getJsonObject("data"), "nothing of the old session is left");
    assertEquals(1L, document.getValue("version"));
    assertEquals(1, rawCount());
  }
}
