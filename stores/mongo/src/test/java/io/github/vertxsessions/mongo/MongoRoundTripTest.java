package io.github.vertxsessions.mongo;

import io.github.vertxsessions.mongo.impl.MongoSessionStoreImpl;
import io.github.vertxsessions.mongo.testing.CommandRecordingProxy;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static java.util.concurrent.TimeUnit.SECONDS;

/** The commands each operation sends, as a proxy between client and server sees them. */
class MongoRoundTripTest extends MongoStoreTestBase {

  private static final long TOUCH_INTERVAL = IDLE / 100;

  private CommandRecordingProxy proxy;
  private MongoClient proxied;

  @BeforeEach
  void startProxy() throws Exception {
    assumeTrue(mongo.supportsProxy(), "MONGO_URI names a replica set");
    proxy = CommandRecordingProxy.start(vertx, mongo.host(), mongo.port());
    proxied = MongoClient.create(vertx, mongo.clientConfig(mongo.connectionStringVia(proxy.port())));
  }

  @AfterEach
  void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void loadWithinTheTouchIntervalIsOneFind() throws Exception {
    MongoSessionStore store = open(proxied, options());
    SessionRecord session = create(store, Map.of("n", 1));
    clock.advance(Duration.ofMillis(TOUCH_INTERVAL - 1));
    proxy.reset();

    assertNotNull(store.load(session.id(), TOUCH_INTERVAL).await(10, SECONDS));
    store.load(newId(), TOUCH_INTERVAL).await(10, SECONDS);

    assertEquals(List.of("find", "find"), proxy.commandNames());
  }

  @Test
  void loadThatTouchesAddsOneUpdateOncePerTouchInterval() throws Exception {
    MongoSessionStore store = open(proxied, options());
    SessionRecord session = create(store, Map.of("n", 1));
    clock.advance(Duration.ofMillis(TOUCH_INTERVAL));
    proxy.reset();

    store.load(session.id(), TOUCH_INTERVAL).await(10, SECONDS);
    store.load(session.id(), TOUCH_INTERVAL).await(10, SECONDS);

    assertEquals(List.of("find", "update", "find"), proxy.commandNames());
  }

  @Test
  void creationAndChangeAreOneCommandEach() throws Exception {
    MongoSessionStore store = open(proxied, options());
    proxy.reset();

    SessionRecord session = create(store, Map.of("n", 1));
    store.save(update(session, Map.of("n", 2), Set.of())).await(10, SECONDS);
    store.save(update(session, Map.of(), Set.of("n"))).await(10, SECONDS);

    assertEquals(List.of("update", "findAndModify", "findAndModify"), proxy.commandNames());
  }

  @Test
  void encryptedChangeReadsThenWrites() throws Exception {
    MongoSessionStore store = open(proxied, options().setEncryptionKeys(List.of(TestKeys.newKey())));
    SessionRecord session = create(store, Map.of("n", 1));
    proxy.reset();

    store.save(update(session, Map.of("n", 2), Set.of())).await(10, SECONDS);

    assertEquals(List.of("find", "update"), proxy.commandNames());
  }

  @Test
  void storeWriteConcernIsSentWithEveryWrite() throws Exception {
    MongoSessionStore store = open(proxied, options().setWriteConcern("majority"));
    proxy.reset();

    SessionRecord session = create(store, Map.of("n", 1));
    store.save(update(session, Map.of("n", 2), Set.of())).await(10, SECONDS);
    clock.advance(Duration.ofMillis(TOUCH_INTERVAL));
    store.load(session.id(), TOUCH_INTERVAL).await(10, SECONDS);
    store.delete(session.id()).await(10, SECONDS);

    List<BsonDocument> writes = proxy.commands().stream().filter(c -> !c.getFirstKey().equals("find")).toList();
    assertEquals(List.of("update", "findAndModify", "update", "delete"), writes.stream().map(BsonDocument::getFirstKey).toList());
    writes.forEach(write -> assertEquals("majority", write.getDocument("writeConcern").getString("w").getValue(),
      write::toJson));
  }

  @Test
  void withoutAStoreWriteConcernTheClientsApplies() throws Exception {
    String viaProxy = mongo.connectionStringVia(proxy.port());
    String withMajority = viaProxy + (viaProxy.contains("?") ? "&" : "?") + "w=majority";
    MongoClient majorityClient = MongoClient.create(vertx, mongo.clientConfig(withMajority));
    MongoSessionStore store = open(majorityClient, options());
    proxy.reset();

    SessionRecord session = create(store, Map.of("n", 1));
    store.save(update(session, Map.of("n", 2), Set.of())).await(10, SECONDS);

    List<BsonDocument> writes = proxy.commands();
    assertEquals(List.of("update", "findAndModify"), writes.stream().map(BsonDocument::getFirstKey).toList());
    writes.forEach(write -> assertEquals("majority", write.getDocument("writeConcern").getString("w").getValue(),
      write::toJson));
  }

  @Test
  void sweepIsOneBoundedFindAndOneDeleteOfThoseIds() throws Exception {
    MongoSessionStoreImpl store = open(proxied, options().setSweepBatchSize(3));
    for (int i = 0; i < 5; i++) {
      create(store, Map.of());
    }
    clock.advance(Duration.ofMillis(IDLE));
    proxy.reset();

    assertEquals(3, store.sweep().await(10, SECONDS));

    List<BsonDocument> commands = proxy.commands();
    assertEquals(List.of("find", "delete"), commands.stream().map(BsonDocument::getFirstKey).toList());
    assertEquals(3, commands.get(0).getNumber("limit").intValue());
    BsonDocument deletion = commands.get(1).getArray("deletes").get(0).asDocument().getDocument("q");
    assertEquals(3, deletion.getDocument("_id").getArray("$in").size());
  }

  @Test
  void deltaSaveSendsOnlyTheChangedAttributes() throws Exception {
    MongoSessionStore store = open(proxied, options());
    SessionRecord session = create(store, Map.of("big", "x".repeat(10_000), "n", 1));
    proxy.reset();

    store.save(SessionDelta.builder(session.id()).set(Map.of("n", 2)).createdAt(session.createdAt())
      .idleTimeout(IDLE).build()).await(10, SECONDS);

    BsonDocument update = proxy.commands().get(0).getDocument("update");
    assertEquals(Set.of("data.n", "lastAccessedAt", "expiresAt", "idleTimeout", "cookieMaxAge"),
      update.getDocument("$set").keySet());
    assertEquals(Set.of("version"), update.getDocument("$inc").keySet());
  }

  private static final Set<String> OWNER_FIELDS = Set.of("principal", "description", "encryptedDescription");

  @Test
  void aSaveWithoutAnOwnerChangeWritesNoOwnerField() throws Exception {
    MongoSessionStore store = open(proxied, options());
    SessionRecord session = createOwned(store, "alice", "laptop");
    proxy.reset();

    store.save(update(session, Map.of("n", 2), Set.of("gone"))).await(10, SECONDS);

    List<BsonDocument> commands = proxy.commands();
    assertEquals(List.of("findAndModify"), proxy.commandNames());
    assertNoOwnerField(commands.get(0).getDocument("update"));
    assertEquals("alice", raw(session.id()).getString("principal"), "and the stored owner stays");
  }

  @Test
  void anEncryptedSaveWithoutAnOwnerChangeWritesNoOwnerField() throws Exception {
    MongoSessionStore store = open(proxied, options().setEncryptionKeys(List.of(TestKeys.newKey())));
    SessionRecord session = createOwned(store, "alice", "laptop");
    JsonObject description = raw(session.id()).getJsonObject("encryptedDescription");
    proxy.reset();

    store.save(update(session, Map.of("n", 2), Set.of())).await(10, SECONDS);

    assertEquals(List.of("find", "update"), proxy.commandNames());
    assertNoOwnerField(proxy.commands().get(1).getArray("updates").get(0).asDocument().getDocument("u"));
    assertEquals(description, raw(session.id()).getJsonObject("encryptedDescription"), "the sealed description stays");
  }

  @Test
  void anOwnerChangeIsInTheSaveSingleUpdate() throws Exception {
    MongoSessionStore store = open(proxied, options());
    SessionRecord session = create(store, Map.of("cart", 1));
    proxy.reset();

    store.save(update(session, Map.of("n", 1), Set.of()).withOwner(new SessionOwner("alice", "laptop"))).await(10, SECONDS);
    store.save(update(session, Map.of(), Set.of()).withOwner(SessionOwner.NONE)).await(10, SECONDS);

    assertEquals(List.of("findAndModify", "findAndModify"), proxy.commandNames());
    BsonDocument logIn = proxy.commands().get(0).getDocument("update");
    assertEquals(new BsonString("alice"), logIn.getDocument("$set").get("principal"));
    assertEquals(new BsonString("laptop"), logIn.getDocument("$set").get("description"));
    assertTrue(logIn.getDocument("$set").containsKey("data.n"), "with the rest of the delta");
    assertFalse(logIn.containsKey("$unset"));
    BsonDocument logOut = proxy.commands().get(1).getDocument("update");
    assertEquals(Set.of("principal", "description"), logOut.getDocument("$unset").keySet());
    assertFalse(logOut.getDocument("$set").containsKey("principal"));
  }

  @Test
  void anEncryptedOwnerChangeIsInTheSaveSingleWrite() throws Exception {
    MongoSessionStore store = open(proxied, options().setEncryptionKeys(List.of(TestKeys.newKey())));
    SessionRecord session = create(store, Map.of("cart", 1));
    proxy.reset();

    store.save(update(session, Map.of(), Set.of()).withOwner(new SessionOwner("alice", "laptop"))).await(10, SECONDS);
    store.save(update(session, Map.of("n", 1), Set.of()).withOwner(new SessionOwner("bob", null))).await(10, SECONDS);

    assertEquals(List.of("findAndModify", "find", "update"), proxy.commandNames(), "no data change: no read");
    BsonDocument logIn = proxy.commands().get(0).getDocument("update").getDocument("$set");
    assertEquals(new BsonString("alice"), logIn.get("principal"));
    assertEquals(Set.of("key", "nonce", "ciphertext"), logIn.getDocument("encryptedDescription").keySet());
    assertFalse(logIn.containsKey("description"));
    BsonDocument reseal = proxy.commands().get(2).getArray("updates").get(0).asDocument().getDocument("u");
    assertEquals(new BsonString("bob"), reseal.getDocument("$set").get("principal"));
    assertTrue(reseal.getDocument("$set").containsKey("encryptedData"));
    assertEquals(Set.of("encryptedDescription"), reseal.getDocument("$unset").keySet());
  }

  @Test
  void findByPrincipalIsOneFindOnPrincipalAndExpiryThatWritesNothing() throws Exception {
    MongoSessionStore store = open(proxied, options());
    SessionRecord session = createOwned(store, "alice", "laptop");
    createOwned(store, "alice", null);
    clock.advance(Duration.ofMillis(IDLE - 1)); // both touches overdue: finding must not do them
    proxy.reset();

    assertEquals(2, store.findByPrincipal("alice").await(10, SECONDS).size());

    assertEquals(List.of("find"), proxy.commandNames());
    BsonDocument filter = proxy.commands().get(0).getDocument("filter");
    assertEquals(Set.of("principal", "expiresAt"), filter.keySet());
    assertEquals(new BsonString("alice"), filter.get("principal"));
    assertEquals(new BsonDateTime(clock.millis()), filter.getDocument("expiresAt").get("$gt"), "the store's clock");
    assertEquals(1L, raw(session.id()).getLong("version"));
    assertEquals(session.lastAccessedAt(), OffsetDateTime.parse(
      raw(session.id()).getJsonObject("lastAccessedAt").getString("$date")).toInstant().toEpochMilli());
  }

  private SessionRecord createOwned(MongoSessionStore store, String principal, String description) throws Exception {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).data(Map.of("n", 1)).version(1).createdAt(now)
      .idleTimeout(IDLE).owner(new SessionOwner(principal, description)).build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    return record;
  }

  private static void assertNoOwnerField(BsonDocument update) {
    for (String operator : update.keySet()) {
      Set<String> fields = update.getDocument(operator).keySet();
      assertTrue(fields.stream().noneMatch(OWNER_FIELDS::contains), operator + " " + fields);
    }
  }
}
