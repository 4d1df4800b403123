package io.github.vertxsessions.mongo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import io.github.vertxsessions.testkit.LogCapture;
import ch.qos.logback.classic.Level;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MongoEncryptionTest extends MongoStoreTestBase {

  /** What the store logs here, all of it expected: a session that cannot be decrypted reads as missing, with a warning. */
  private LogCapture logs;

  @BeforeEach
  void captureStoreLogs() {
    logs = LogCapture.of(MongoSessionStore.class);
  }

  @AfterEach
  void onlyTheExpectedLines() {
    logs.close();
    logs.assertEveryWarningIs(Level.WARN, "cannot be read and counts as missing");
  }

  private static final String SECRET = "card-4111-1111-1111-1111";

  private final String keyA = TestKeys.newKey();
  private final String keyB = TestKeys.newKey();

  @Test
  void storedDocumentHoldsNoPlaintext() throws Exception {
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
    assertEquals(SECRET, store.load(session.id(), Long.MAX_VALUE).await(10, SECONDS).data().get("secret"));
  }

  @Test
  void everyWriteUsesAFreshNonce() throws Exception {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord session = create(store, Map.of("n", 1));
    byte[] first = binary(raw(session.id()).getJsonObject("encryptedData"), "nonce");

    store.save(update(session, Map.of("n", 1), Set.of())).await(10, SECONDS);

    byte[] second = binary(raw(session.id()).getJsonObject("encryptedData"), "nonce");
    assertFalse(Arrays.equals(first, second));
  }

  @Test
  void tamperedBlobReadsAsMissingAndCannotBeSaved() throws Exception {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord session = create(store, Map.of("role", "user"));
    JsonObject sealed = raw(session.id()).getJsonObject("encryptedData");
    byte[] ciphertext = binary(sealed, "ciphertext");
    ciphertext[0] ^= 1;
    client.updateCollection(collection, new JsonObject().put("_id", session.id()), new JsonObject()
      .put("$set", new JsonObject().put("encryptedData.ciphertext", new JsonObject().put("$binary", ciphertext)))).await(10, SECONDS);

    assertNull(store.load(session.id(), 0).await(10, SECONDS));
    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.save(update(session, Map.of("role", "admin"), Set.of())).await(10, SECONDS)));
  }

  @Test
  void blobMovedToAnotherSessionReadsAsMissing() throws Exception {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord admin = create(store, Map.of("role", "admin"));
    SessionRecord attacker = create(store, Map.of("role", "user"));
    JsonObject adminBlob = raw(admin.id()).getJsonObject("encryptedData");

    client.updateCollection(collection, new JsonObject().put("_id", attacker.id()),
      new JsonObject().put("$set", new JsonObject().put("encryptedData", adminBlob))).await(10, SECONDS);

    assertNull(store.load(attacker.id(), 0).await(10, SECONDS));
    assertNotNull(store.load(admin.id(), 0).await(10, SECONDS));
  }

  @Test
  void keyRotationReadsOldBlobsAndRewritesThemWithTheNewKey() throws Exception {
    MongoSessionStore oldStore = open(encryptedWith(keyA));
    SessionRecord session = create(oldStore, Map.of("n", 1));
    MongoSessionStore rotated = open(encryptedWith(keyB, keyA));

    SessionRecord loaded = rotated.load(session.id(), Long.MAX_VALUE).await(10, SECONDS);
    assertEquals(1, loaded.data().get("n"));
    rotated.save(update(loaded, Map.of("n", 2), Set.of())).await(10, SECONDS);

    assertEquals(fingerprint(keyB), raw(session.id()).getJsonObject("encryptedData").getString("key"));
    assertEquals(2, open(encryptedWith(keyB)).load(session.id(), Long.MAX_VALUE).await(10, SECONDS).data().get("n"));
    assertNull(oldStore.load(session.id(), Long.MAX_VALUE).await(10, SECONDS), "a store without the new key cannot read it");
  }

  @Test
  void plaintextDocumentIsRefusedWhileEncryptionIsOn() throws Exception {
    SessionRecord session = create(open(options()), Map.of("role", "admin"));

    assertNull(open(encryptedWith(keyA)).load(session.id(), 0).await(10, SECONDS));
  }

  @Test
  void saveThatChangesNoDataKeepsTheBlob() throws Exception {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord session = create(store, Map.of("n", 1));
    JsonObject before = raw(session.id()).getJsonObject("encryptedData");

    long version = store.save(update(session, Map.of(), Set.of())).await(10, SECONDS);

    assertEquals(2, version);
    assertArrayEquals(binary(before, "ciphertext"), binary(raw(session.id()).getJsonObject("encryptedData"), "ciphertext"));
    assertTrue(raw(session.id()).getValue("version") instanceof Long);
  }

  @Test
  void theDescriptionIsSealedAndThePrincipalStaysReadable() throws Exception {
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
      store.findByPrincipal("alice").await(10, SECONDS).get(0).owner());
    assertEquals(new SessionOwner("alice", "Firefox on Linux, 192.0.2.7"),
      store.load(session.id(), Long.MAX_VALUE).await(10, SECONDS).owner());
  }

  @Test
  void aDescriptionMovedToAnotherSessionOrIntoTheDataDoesNotOpen() throws Exception {
    MongoSessionStore store = open(encryptedWith(keyA));
    SessionRecord alice = createOwned(store, "alice", "alice's laptop");
    SessionRecord bob = createOwned(store, "bob", "bob's phone");
    JsonObject aliceDescription = raw(alice.id()).getJsonObject("encryptedDescription");

    client.updateCollection(collection, new JsonObject().put("_id", bob.id()),
      new JsonObject().put("$set", new JsonObject().put("encryptedDescription", aliceDescription))).await(10, SECONDS);
    client.updateCollection(collection, new JsonObject().put("_id", alice.id()),
      new JsonObject().put("$set", new JsonObject().put("encryptedData", aliceDescription))).await(10, SECONDS);

    assertNull(store.load(bob.id(), 0).await(10, SECONDS), "another session's description");
    assertNull(store.load(alice.id(), 0).await(10, SECONDS), "the description as the data");
    assertEquals(List.of(), store.findByPrincipal("bob").await(10, SECONDS));
  }

  @Test
  void aDescriptionInClearIsRefusedWhileEncryptionIsOn() throws Exception {
    SessionRecord session = createOwned(open(options()), "alice", "laptop");

    assertNull(open(encryptedWith(keyA)).load(session.id(), 0).await(10, SECONDS));
  }

  @Test
  void keyRotationRewritesAnOldDescriptionWithTheData() throws Exception {
    MongoSessionStore oldStore = open(encryptedWith(keyA));
    SessionRecord session = createOwned(oldStore, "alice", "laptop");
    MongoSessionStore rotated = open(encryptedWith(keyB, keyA));

    rotated.save(update(session, Map.of("n", 2), Set.of())).await(10, SECONDS);

    assertEquals(fingerprint(keyB), raw(session.id()).getJsonObject("encryptedDescription").getString("key"));
    SessionRecord reread = open(encryptedWith(keyB)).load(session.id(), Long.MAX_VALUE).await(10, SECONDS);
    assertEquals(new SessionOwner("alice", "laptop"), reread.owner(), "the old key is no longer needed");
    assertEquals(2, reread.data().get("n"));
  }

  private SessionRecord createOwned(MongoSessionStore store, String principal, String description) throws Exception {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).data(Map.of("n", 1)).version(1).createdAt(now)
      .idleTimeout(IDLE).owner(new SessionOwner(principal, description)).build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
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
