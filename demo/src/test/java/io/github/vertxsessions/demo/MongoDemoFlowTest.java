package io.github.vertxsessions.demo;

import io.github.vertxsessions.testservers.MongoTestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.UUID;
import static java.util.concurrent.TimeUnit.SECONDS;


/**
 * The demo on MongoDB: the in-process server of the MongoDB module's tests, or the one {@code MONGO_URI} names. Each
 * test writes to a collection of its own and drops only that one.
 */
class MongoDemoFlowTest extends DemoFlowTest {

  private static MongoTestServer mongo;
  private final String collection = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private MongoClient admin;

  @BeforeAll
  static void startMongo() {
    mongo = MongoTestServer.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @Override
  protected JsonObject storeConfig() {
    return new JsonObject()
      .put("store", "mongo")
      .put("mongoUri", mongo.connectionString())
      .put("mongoStoreOptions", new JsonObject().put("collection", collection));
  }

  /** Reads the database the demo writes to, whether or not the URI names one. */
  @BeforeEach
  void openAdmin() {
    admin = MongoClient.create(app.vertx, StoreConnection.mongoClientConfig(mongo.connectionString()));
  }

  @Override
  protected void removeStoredSessions() throws Exception {
    admin.dropCollection(collection).await(10, SECONDS);
    admin.close().await(10, SECONDS);
  }

  @Override
  protected String storeName() {
    return "mongo";
  }

  @Override
  protected boolean isStored(String sessionId) throws Exception {
    return admin.count(collection, new JsonObject().put("_id", sessionId)).await(10, SECONDS) == 1;
  }

  @Override
  protected long storedSessions() throws Exception {
    return admin.count(collection, new JsonObject()).await(10, SECONDS);
  }
}
