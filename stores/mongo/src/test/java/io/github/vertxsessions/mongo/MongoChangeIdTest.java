package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the shared contract cannot time: a save, a delete or a revocation of the old session that lands between the
 * copy under the new ID and the delete of the old document. The store under test talks to the server through the
 * test's client, which runs that other write just before each of the store's deletes filtered on a version; the other
 * write goes through a second store on the same collection. Each case runs with data in clear and encrypted.
 */
class MongoChangeIdTest extends MongoStoreTestBase {

  private final String key = TestKeys.newKey();

  private MongoStoreOptions options(boolean encrypted) {
    return encrypted ? options().setEncryptionKeys(List.of(key)) : options();
  }

  /** The test's client, running {@code meanwhile} before each delete of an old document at the version copied. */
  private MongoClient interleaving(Supplier<Future<?>> meanwhile) {
    return (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(), new Class<?>[] {MongoClient.class},
      (proxy, method, args) -> {
        if (method.getName().equals("removeDocumentWithOptions") && ((JsonObject) args[1]).containsKey("version")) {
          return meanwhile.get().compose(done -> forward(method, args));
        }
        return forward(method, args);
      });
  }

  private <T> Future<T> forward(Method method, Object[] args) {
    try {
      @SuppressWarnings("unchecked")
      Future<T> result = (Future<T>) method.invoke(client, args);
      return result;
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject json(Map<String, Object> data) {
    return new JsonObject(new HashMap<>(data));
  }

  @ParameterizedTest(name = "encrypted: {0}")
  @ValueSource(booleans = {false, true})
  void aSaveBetweenTheCopyAndTheDeleteIsCarriedOverByTheNextAttempt(boolean encrypted) throws Exception {
    MongoSessionStore writer = open(options(encrypted));
    SessionRecord session = create(writer, Map.of("n", 1));
    int[] saves = {0};
    MongoSessionStore store = open(interleaving(() -> saves[0]++ > 0 ? Future.succeededFuture()
      : writer.save(update(session, Map.of("late", true), Set.of()))), options(encrypted));
    String newId = newId();

    assertEquals(3L, store.changeId(session.id(), newId).await(10, SECONDS), "created, saved, moved");

    assertEquals(new JsonObject().put("n", 1).put("late", true), json(store.load(newId, Long.MAX_VALUE).await(10, SECONDS).data()));
    assertEquals(2, saves[0], "one attempt met the save, the second moved the session");
    assertNull(raw(session.id()));
    assertEquals(1, rawCount());
  }

  @ParameterizedTest(name = "encrypted: {0}")
  @ValueSource(booleans = {false, true})
  void aSessionSavedBeforeEveryDeleteStaysWhereItWasOnceTheAttemptsRunOut(boolean encrypted) throws Exception {
    MongoSessionStore writer = open(options(encrypted));
    SessionRecord session = create(writer, Map.of("n", 1));
    int[] saves = {0};
    MongoSessionStore store = open(interleaving(() ->
      writer.save(update(session, Map.of("save" + saves[0]++, true), Set.of()))), options(encrypted));
    String newId = newId();

    assertInstanceOf(IllegalStateException.class, assertThrows(Throwable.class, () -> store.changeId(session.id(), newId).await(10, SECONDS)));

    SessionRecord kept = store.load(session.id(), Long.MAX_VALUE).await(10, SECONDS);
    assertEquals(1 + saves[0], kept.version(), "every save is there");
    assertEquals(saves[0] + 1, kept.data().size());
    assertNull(raw(newId), "no copy is left");
    assertEquals(1, rawCount());
  }

  @ParameterizedTest(name = "encrypted: {0}")
  @ValueSource(booleans = {false, true})
  void aDeleteBetweenTheCopyAndTheDeleteFailsTheChangeAndTakesTheCopyDown(boolean encrypted) throws Exception {
    MongoSessionStore writer = open(options(encrypted));
    SessionRecord session = create(writer, Map.of("n", 1));
    MongoSessionStore store = open(interleaving(() -> writer.delete(session.id(), true)), options(encrypted));
    String newId = newId();

    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.changeId(session.id(), newId).await(10, SECONDS)));

    assertNull(raw(newId));
    assertEquals(0, rawCount());
  }

  @ParameterizedTest(name = "encrypted: {0}")
  @ValueSource(booleans = {false, true})
  void aRevocationBetweenTheCopyAndTheDeleteFindsBothAndNeitherComesBack(boolean encrypted) throws Exception {
    MongoSessionStore writer = open(options(encrypted));
    String alice = "alice-" + UUID.randomUUID();
    long now = clock.millis();
    SessionRecord session = SessionRecord.builder(newId()).data(Map.of("n", 1)).createdAt(now).idleTimeout(IDLE)
      .owner(new SessionOwner(alice, "laptop")).build();
    writer.save(SessionDelta.creationOf(session)).await(10, SECONDS);
    Set<String> revoked = new HashSet<>();
    MongoSessionStore store = open(interleaving(() -> writer.findByPrincipal(alice).compose(found -> {
      found.forEach(record -> revoked.add(record.id()));
      return Future.all(found.stream().map(record -> writer.delete(record.id(), true)).collect(Collectors.toList()));
    })), options(encrypted));
    String newId = newId();

    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.changeId(session.id(), newId).await(10, SECONDS)));

    assertEquals(Set.of(session.id(), newId), revoked, "the copy was in the index by principal");
    assertEquals(List.of(), store.findByPrincipal(alice).await(10, SECONDS));
    assertEquals(0, rawCount());
  }
}
