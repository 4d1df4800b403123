package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index on principal beside the TTL index: ensured once, an operator's own accepted, a unique one refused. */
class PrincipalIndexTest extends MongoStoreTestBase {

  private static final JsonObject KEY = new JsonObject().put("principal", 1);

  @Test
  void anExistingIndexOnPrincipalServesAndNoSecondIsCreated() {
    await(client.createIndexWithOptions(collection, KEY, new IndexOptions().name("by_user")));

    MongoSessionStore store = open(options());

    List<JsonObject> onPrincipal = indexesOnPrincipal();
    assertEquals(1, onPrincipal.size(), onPrincipal::toString);
    assertEquals("by_user", onPrincipal.get(0).getString("name"));
    SessionRecord session = create(store, Map.of());
    await(store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner("alice", null))));
    assertEquals(1, await(store.findByPrincipal("alice")).size());
  }

  @Test
  void aUniqueIndexOnPrincipalFailsTheStartNamingIt() {
    await(client.createIndexWithOptions(collection, KEY, new IndexOptions().name("one_per_user").unique(true)));

    Throwable failure = awaitFailure(MongoSessionStore.createAndInit(vertx, client, options()));

    IllegalStateException conflict = assertInstanceOf(IllegalStateException.class, failure);
    assertFalse(conflict instanceof TtlIndexConflictException);
    assertTrue(conflict.getMessage().contains("'one_per_user'"), conflict.getMessage());
    assertTrue(conflict.getMessage().contains(collection), conflict.getMessage());
    assertEquals(1, indexesOnPrincipal().size(), "the store created no second index");
  }

  @Test
  void aTtlConflictStillGetsThePrincipalIndex() {
    await(client.createIndexWithOptions(collection, new JsonObject().put("expiresAt", 1),
      new IndexOptions().name("by_expiry")));

    assertInstanceOf(TtlIndexConflictException.class,
      awaitFailure(MongoSessionStore.createAndInit(vertx, client, options())));

    assertEquals(1, indexesOnPrincipal().size());
  }

  @Test
  void findingWithoutAPrincipalFailsInsteadOfListingTheAnonymousSessions() {
    MongoSessionStore store = open(options());
    create(store, Map.of());

    assertInstanceOf(NullPointerException.class, awaitFailure(store.findByPrincipal(null)));
  }

  private List<JsonObject> indexesOnPrincipal() {
    return await(client.listIndexes(collection)).stream().map(JsonObject.class::cast)
      .filter(index -> index.getJsonObject("key").equals(KEY))
      .toList();
  }
}
