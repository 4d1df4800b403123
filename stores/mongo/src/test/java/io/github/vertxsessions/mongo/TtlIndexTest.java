package io.github.vertxsessions.mongo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TtlIndexTest extends MongoStoreTestBase {

  private static final JsonObject KEY = new JsonObject().put("expiresAt", 1);

  @Test
  void storeEnsuresOneTtlIndexHoweverOftenItStarts() {
    open(options());
    open(options());
    await(open(options()).ready());

    List<JsonObject> onExpiresAt = indexesOnExpiresAt();
    assertEquals(1, onExpiresAt.size(), onExpiresAt::toString);
    assertEquals(0, onExpiresAt.get(0).getNumber("expireAfterSeconds").intValue());
  }

  @Test
  void indexWithoutTtlIsReportedByName() {
    await(client.createIndexWithOptions(collection, KEY, new IndexOptions().name("by_expiry")));

    assertConflictNamed("by_expiry");
  }

  @Test
  void ttlIndexWithAnotherDelayIsReportedByName() {
    await(client.createIndexWithOptions(collection, KEY,
      new IndexOptions().name("expire_late").expireAfter(3600L, TimeUnit.SECONDS)));

    assertConflictNamed("expire_late");
  }

  @Test
  void storeWithAConflictingIndexStillServesSessions() {
    await(client.createIndexWithOptions(collection, KEY, new IndexOptions().name("by_expiry")));
    MongoSessionStore store = MongoSessionStore.create(vertx, client, options());
    try {
      assertInstanceOf(TtlIndexConflictException.class, awaitFailure(store.ready()));

      String id = create(store, Map.of("x", 1)).id();

      assertNotNull(await(store.load(id, Long.MAX_VALUE)));
    } finally {
      await(store.close());
    }
  }

  private void assertConflictNamed(String name) {
    Throwable failure = awaitFailure(MongoSessionStore.createAndInit(vertx, client, options()));

    TtlIndexConflictException conflict = assertInstanceOf(TtlIndexConflictException.class, failure);
    assertEquals(name, conflict.indexName());
    assertTrue(conflict.getMessage().contains("'" + name + "'"), conflict.getMessage());
    assertTrue(conflict.getMessage().contains(collection), conflict.getMessage());
    assertEquals(1, indexesOnExpiresAt().size(), "the store created no second index");
  }

  private List<JsonObject> indexesOnExpiresAt() {
    JsonArray indexes = await(client.listIndexes(collection));
    return indexes.stream().map(JsonObject.class::cast)
      .filter(index -> index.getJsonObject("key").equals(KEY))
      .toList();
  }
}
