package io.github.vertxsessions.mongo;

import io.github.vertxsessions.mongo.impl.MongoSessionStoreImpl;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * One server per test class; per test a Vert.x (injected, closed by the extension after the test), a clock, a client
 * and a collection of the test's own.
 */
@ExtendWith(VertxExtension.class)
abstract class MongoStoreTestBase {

  protected static final long IDLE = Duration.ofMinutes(30).toMillis();

  protected static MongoTestServer mongo;
  protected Vertx vertx;
  protected TestClock clock;
  protected MongoClient client;
  protected String collection;
  private final List<SessionStore> stores = new ArrayList<>();

  @BeforeAll
  static void startMongo() {
    mongo = MongoTestServer.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @BeforeEach
  void setUpClient(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    client = mongo.newClient(vertx);
    collection = mongo.uniqueCollection("test");
  }

  @AfterEach
  void tearDownClient() throws Exception {
    for (SessionStore store : stores) {
      store.close().await(10, SECONDS);
    }
  }

  /** Options for this test's collection and clock. */
  protected MongoStoreOptions options() {
    return new MongoStoreOptions().setCollection(collection).setClock(clock);
  }

  /** A store whose TTL index is in place (mongo-java-server mishandles index creation during writes). */
  protected MongoSessionStoreImpl open(MongoStoreOptions options) throws Exception {
    return open(client, options);
  }

  protected MongoSessionStoreImpl open(MongoClient client, MongoStoreOptions options) throws Exception {
    MongoSessionStore store = MongoSessionStore.createAndInit(vertx, client, options).await(10, SECONDS);
    stores.add(store);
    return (MongoSessionStoreImpl) store;
  }

  /** Whether {@code future} succeeds within 10 s: one poll of an operation that must work again. */
  protected static boolean succeeds(Future<?> future) {
    try {
      future.await(10, SECONDS);
      return true;
    } catch (Exception stillDown) {
      return false;
    }
  }

  protected static String newId() {
    return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  protected SessionRecord create(SessionStore store, Map<String, Object> data) throws Exception {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).data(data).version(1).createdAt(now).idleTimeout(IDLE)
      .build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    return record;
  }

  protected static SessionDelta update(SessionRecord base, Map<String, Object> set, Set<String> unset) {
    return SessionDelta.builder(base.id()).set(set).unset(unset).createdAt(base.createdAt())
      .idleTimeout(base.idleTimeout()).maxLifetime(base.maxLifetime()).cookieMaxAge(base.cookieMaxAge()).build();
  }

  /** The session's document as stored, read with the test's client. */
  protected JsonObject raw(String id) throws Exception {
    return client.findOne(collection, new JsonObject().put("_id", id), null).await(10, SECONDS);
  }

  protected long rawCount() throws Exception {
    return client.count(collection, new JsonObject()).await(10, SECONDS);
  }
}
