package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.IndexedSessionStoreContractTest;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
import static java.util.concurrent.TimeUnit.SECONDS;


/** The store contract with the index by principal, one collection per namespace; subclasses run it with other options. */
class MongoSessionStoreContractTest extends IndexedSessionStoreContractTest {

  private static MongoTestServer mongo;

  @BeforeAll
  static void startMongo() {
    mongo = MongoTestServer.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  protected MongoStoreOptions options() {
    return new MongoStoreOptions();
  }

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) throws Exception {
    MongoClient client = MongoClient.createShared(vertx, mongo.clientConfig(), "contract");
    // mongo-java-server corrupts a collection when an index is created while documents are written to it.
    return MongoSessionStore.createAndInit(vertx, client, options()
      .setCollection(mongo.uniqueCollection(namespace))
      .setClock(clock)).await(10, SECONDS);
  }
}
