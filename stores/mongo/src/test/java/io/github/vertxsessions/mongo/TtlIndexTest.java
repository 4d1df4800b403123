package io.github.vertxsessions.mongo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import io.github.vertxsessions.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TtlIndexTest extends MongoStoreTestBase {

  /** What the store logs here, all of it expected: a conflicting index is reported. */
  private LogCapture logs;

  @BeforeEach
  void captureStoreLogs() {
    logs = LogCapture.of(MongoSessionStore.class);
  }

  @AfterEach
  void onlyTheExpectedLines() {
    logs.close();
    logs.assertEveryWarningIs(Level.ERROR, "already has index");
  }

  private static final JsonObject KEY = new JsonObject().put("expiresAt", 1);

  @Test
  void storeEnsuresOneTtlIndexHoweverOftenItStarts() throws Exception {
    open(options());
    open(options());
    open(options()).ready().await(10, SECONDS);

    List<JsonObject> onExpiresAt = indexesOnExpiresAt();
    assertEquals(1, onExpiresAt.size(), onExpiresAt::toString);
    assertEquals(0, onExpiresAt.get(0).getNumber("expireAfterSeconds").intValue());
  }

  @Test
  void indexWithoutTtlIsReportedByName() throws Exception {
    client.createIndexWithOptions(collection, KEY, new IndexOptions().name("by_expiry")).await(10, SECONDS);

    assertConflictNamed("by_expiry");
  }

  @Test
  void ttlIndexWithAnotherDelayIsReportedByName() throws Exception {
    client.createIndexWithOptions(collection, KEY,
      new IndexOptions().name("expire_late").expireAfter(3600L, TimeUnit.SECONDS)).await(10, SECONDS);

    assertConflictNamed("expire_late");
  }

  @Test
  void storeWithAConflictingIndexStillServesSessions() throws Exception {
    client.createIndexWithOptions(collection, KEY, new IndexOptions().name("by_expiry")).await(10, SECONDS);
    MongoSessionStore store = MongoSessionStore.create(vertx, client, options());
    try {
      assertInstanceOf(TtlIndexConflictException.class, assertThrows(Throwable.class, () -> store.ready().await(10, SECONDS)));

      String id = create(store, Map.of("x", 1)).id();

      assertNotNull(store.load(id, Long.MAX_VALUE).await(10, SECONDS));
    } finally {
      store.close().await(10, SECONDS);
    }
  }

  private void assertConflictNamed(String name) throws Exception {
    Throwable failure = assertThrows(Throwable.class, () -> MongoSessionStore.createAndInit(vertx, client, options()).await(10, SECONDS));

    TtlIndexConflictException conflict = assertInstanceOf(TtlIndexConflictException.class, failure);
    assertEquals(name, conflict.indexName());
    assertTrue(conflict.getMessage().contains("'" + name + "'"), conflict.getMessage());
    assertTrue(conflict.getMessage().contains(collection), conflict.getMessage());
    assertEquals(1, indexesOnExpiresAt().size(), "the store created no second index");
  }

  private List<JsonObject> indexesOnExpiresAt() throws Exception {
    JsonArray indexes = client.listIndexes(collection).await(10, SECONDS);
    return indexes.stream().map(JsonObject.class::cast)
      .filter(index -> index.getJsonObject("key").equals(KEY))
      .toList();
  }
}
