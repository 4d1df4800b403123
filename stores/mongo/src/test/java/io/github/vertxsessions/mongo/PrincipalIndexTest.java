package io.github.vertxsessions.mongo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import io.github.vertxsessions.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The index on principal beside the TTL index: ensured once, an operator's own accepted, a unique one refused. */
class PrincipalIndexTest extends MongoStoreTestBase {

  /** What the store logs here, all of it expected: a conflicting index is reported. */
  private LogCapture logs;

  @BeforeEach
  void captureStoreLogs() {
    logs = LogCapture.of(MongoSessionStore.class);
  }

  @AfterEach
  void onlyTheExpectedLines() {
    logs.close();
    logs.assertEveryWarningIs(Level.ERROR, "index");
  }

  private static final JsonObject KEY = new JsonObject().put("principal", 1);

  @Test
  void anExistingIndexOnPrincipalServesAndNoSecondIsCreated() throws Exception {
    client.createIndexWithOptions(collection, KEY, new IndexOptions().name("by_user")).await(10, SECONDS);

    MongoSessionStore store = open(options());

    List<JsonObject> onPrincipal = indexesOnPrincipal();
    assertEquals(1, onPrincipal.size(), onPrincipal::toString);
    assertEquals("by_user", onPrincipal.get(0).getString("name"));
    SessionRecord session = create(store, Map.of());
    store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner("alice", null))).await(10, SECONDS);
    assertEquals(1, store.findByPrincipal("alice").await(10, SECONDS).size());
  }

  @Test
  void aUniqueIndexOnPrincipalFailsTheStartNamingIt() throws Exception {
    client.createIndexWithOptions(collection, KEY, new IndexOptions().name("one_per_user").unique(true)).await(10, SECONDS);

    Throwable failure = assertThrows(Throwable.class, () -> MongoSessionStore.createAndInit(vertx, client, options()).await(10, SECONDS));

    IllegalStateException conflict = assertInstanceOf(IllegalStateException.class, failure);
    assertFalse(conflict instanceof TtlIndexConflictException);
    assertTrue(conflict.getMessage().contains("'one_per_user'"), conflict.getMessage());
    assertTrue(conflict.getMessage().contains(collection), conflict.getMessage());
    assertEquals(1, indexesOnPrincipal().size(), "the store created no second index");
  }

  @Test
  void aTtlConflictStillGetsThePrincipalIndex() throws Exception {
    client.createIndexWithOptions(collection, new JsonObject().put("expiresAt", 1),
      new IndexOptions().name("by_expiry")).await(10, SECONDS);

    assertInstanceOf(TtlIndexConflictException.class,
      assertThrows(Throwable.class, () -> MongoSessionStore.createAndInit(vertx, client, options()).await(10, SECONDS)));

    assertEquals(1, indexesOnPrincipal().size());
  }

  @Test
  void findingWithoutAPrincipalFailsInsteadOfListingTheAnonymousSessions() throws Exception {
    MongoSessionStore store = open(options());
    create(store, Map.of());

    assertInstanceOf(NullPointerException.class, assertThrows(Throwable.class, () -> store.findByPrincipal(null).await(10, SECONDS)));
  }

  private List<JsonObject> indexesOnPrincipal() throws Exception {
    return client.listIndexes(collection).await(10, SECONDS).stream().map(JsonObject.class::cast)
      .filter(index -> index.getJsonObject("key").equals(KEY))
      .toList();
  }
}
