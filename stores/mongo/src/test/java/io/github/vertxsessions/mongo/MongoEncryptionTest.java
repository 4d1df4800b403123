package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoEncryptionTest extends MongoStoreTestBase {

  private static final String SECRET = "card-4111-1111-1111-1111";

  private final String keyA = TestKeys.newKey();
  private final String keyB = TestKeys.newKey();

  @Test
  void storedDocumentHoldsNoPlaintext() {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord session = create(store, Map.of("secret", SECRET, "secretName", 1));

    JsonObject document = raw(session.id());

    assertFalse(document.containsKey("data"));
    JsonObject sealed = document.getJsonObject("encryptedData");
    assertEquals(Set.of("key", "nonce", "ciphertext"), sealed.fieldNames());
    assertEquals(fingerprint(keyA), sealed.getString("key"));
    assertEquals(12, binary(sealed, "nonce").length);
    assertFalse(document.encode().contains(SECRET) || document.encode().contains("secretName"));
    assertFalse(new String(binary(sealed, "ciphertext"), StandardCharsets.ISO_8859_1).contains(SECRET));
    assertEquals(SECRET, await(store.load(session.id(), Long.MAX_VALUE)).data().get("secret"));
  }

  @Test
  void everyWriteUsesAFreshNonce() {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord session = create(store, Map.of("n", 1));
    byte[] first = binary(raw(session.id()).getJsonObject("encryptedData"), "nonce");

    await(store.save(update(session, Map.of("n", 1), Set.of())));

    byte[] second = binary(raw(session.id()).getJsonObject("encryptedData"), "nonce");
    assertFalse(Arrays.equals(first, second));
  }

  @Test
  void tamperedBlobReadsAsMissingAndCannotBeSaved() {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord session = create(store, Map.of("role", "user"));
    JsonObject sealed = raw(session.id()).getJsonObject("encryptedData");
    byte[] ciphertext = binary(sealed, "ciphertext");
    ciphertext[0] ^= 1;
    await(client.updateCollection(collection, new JsonObject().put("_id", session.id()), new JsonObject()
      .put("$set", new JsonObject().put("encryptedData.ciphertext", new JsonObject().put("$binary", ciphertext)))));

    assertNull(await(store.load(session.id(), 0)));
    assertInstanceOf(SessionGoneException.class, awaitFailure(store.save(update(session, Map.of("role", "admin"), Set.of()))));
  }

  @Test
  void blobMovedToAnotherSessionReadsAsMissing() {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord admin = create(store, Map.of("role", "admin"));
    SessionRecord attacker = create(store, Map.of("role", "user"));
    JsonObject adminBlob = raw(admin.id()).getJsonObject("encryptedData");

    await(client.updateCollection(collection, new JsonObject().put("_id", attacker.id()),
      new JsonObject().put("$set", new JsonObject().put("encryptedData", adminBlob))));

    assertNull(await(store.load(attacker.id(), 0)));
    assertNotNull(await(store.load(admin.id(), 0)));
  }

  @Test
  void keyRotationReadsOldBlobsAndRewritesThemWithTheNewKey() {
    MongoSessionStore oldStore = open(encryptedWith(keyA));
    SessionRecord session = create(oldStore, Map.of("n", 1));
    MongoSessionStore rotated = open(encryptedWith(keyB, keyA));

    SessionRecord loaded = await(rotated.load(session.id(), Long.MAX_VALUE));
    assertEquals(1, loaded.data().get("n"));
    await(rotated.save(update(loaded, Map.of("n", 2), Set.of())));

    assertEquals(fingerprint(keyB), raw(session.id()).getJsonObject("encryptedData").getString("key"));
    assertEquals(2, await(open(encryptedWith(keyB)).load(session.id(), Long.MAX_VALUE)).data().get("n"));
    assertNull(await(oldStore.load(session.id(), Long.MAX_VALUE)), "a store without the new key cannot read it");
  }

  @Test
  void plaintextDocumentIsRefusedWhileEncryptionIsOn() {
    SessionRecord session = create(open(options()), Map.of("role", "admin"));

    assertNull(await(open(encryptedWith(keyA)).load(session.id(), 0)));
  }

  @Test
  void saveThatChangesNoDataKeepsTheBlob() {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord session = create(store, Map.of("n", 1));
    JsonObject before = raw(session.id()).getJsonObject("encryptedData");

    long version = await(store.save(update(session, Map.of(), Set.of())));

    assertEquals(2, version);
    assertArrayEquals(binary(before, "ciphertext"), binary(raw(session.id()).getJsonObject("encryptedData"), "ciphertext"));
    assertTrue(raw(session.id()).getValue("version") instanceof Long);
  }

  @Test
  void theDescriptionIsSealedAndThePrincipalStaysReadable() {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord session = createOwned(store, "alice", "Firefox on Linux, 192.0.2.7");

    JsonObject document = raw(session.id());

    assertEquals("alice", document.getString("principal"), "in clear: the store finds a user's sessions by it");
    assertFalse(document.containsKey("description"));
    JsonObject sealed = document.getJsonObject("encryptedDescription");
    assertEquals(Set.of("key", "nonce", "ciphertext"), sealed.fieldNames());
    assertEquals(fingerprint(keyA), sealed.getString("key"));
    assertFalse(document.encode().contains("192.0.2.7") || document.encode().contains("Firefox"));
    assertEquals(new SessionOwner("alice", "Firefox on Linux, 192.0.2.7"),
      await(store.findByPrincipal("alice")).get(0).owner());
    assertEquals(new SessionOwner("alice", "Firefox on Linux, 192.0.2.7"),
      await(store.load(session.id(), Long.MAX_VALUE)).owner());
  }

  @Test
  void aDescriptionMovedToAnotherSessionOrIntoTheDataDoesNotOpen() {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord alice = createOwned(store, "alice", "alice's laptop");
    SessionRecord bob = createOwned(store, "bob", "bob's phone");
    JsonObject aliceDescription = raw(alice.id()).getJsonObject("encryptedDescription");

    await(client.updateCollection(collection, new JsonObject().put("_id", bob.id()),
      new JsonObject().put("$set", new JsonObject().put("encryptedDescription", aliceDescription))));
    await(client.updateCollection(collection, new JsonObject().put("_id", alice.id()),
      new JsonObject().put("$set", new JsonObject().put("encryptedData", aliceDescription))));

    assertNull(await(store.load(bob.id(), 0)), "another session's description");
    assertNull(await(store.load(alice.id(), 0)), "the description as the data");
    assertEquals(List.of(), await(store.findByPrincipal("bob")));
  }

  @Test
  void aDescriptionInClearIsRefusedWhileEncryptionIsOn() {
    SessionRecord session = createOwned(open(options()), "alice", "laptop");

    assertNull(await(open(encryptedWith(keyA)).load(session.id(), 0)));
  }

  @Test
  void keyRotationRewritesAnOldDescriptionWithTheData() {
    MongoSessionStore oldStore = open(encryptedWith(keyA));
    SessionRecord session = createOwned(oldStore, "alice", "laptop");
    MongoSessionStore rotated = open(encryptedWith(keyB, keyA));

    await(rotated.save(update(session, Map.of("n", 2), Set.of())));

    assertEquals(fingerprint(keyB), raw(session.id()).getJsonObject("encryptedDescription").getString("key"));
    SessionRecord reread = await(open(encryptedWith(keyB)).load(session.id(), Long.MAX_VALUE));
    assertEquals(new SessionOwner("alice", "laptop"), reread.owner(), "the old key is no longer needed");
    assertEquals(2, reread.data().get("n"));
  }

  private SessionRecord createOwned(MongoSessionStore store, String principal, String description) {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).data(Map.of("n", 1)).version(1).createdAt(now)
      .idleTimeout(IDLE).owner(new SessionOwner(principal, description)).build();
    await(store.save(SessionDelta.creationOf(record)));
    return record;
  }

  private MongoStoreOptions encryptedWith(String... keys) {
    return options().setEncryptionKeys(List.of(keys));
  }

  private static byte[] binary(JsonObject sealed, String field) {
    return sealed.getJsonObject(field).getBinary("$binary");
  }

  private static String fingerprint(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(key));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
