package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.ValueTypesTest;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
import static java.util.concurrent.TimeUnit.SECONDS;


/** Values put over HTTP read back from MongoDB as the same classes as from the local store. */
class MongoValueTypesTest extends ValueTypesTest {

  private static MongoTestServer mongo;

  @BeforeAll
  static void startMongo() {
    mongo = MongoTestServer.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock) throws Exception {
    return MongoSessionStore.createAndInit(vertx, mongo.newClient(vertx),
      new MongoStoreOptions().setCollection(mongo.uniqueCollection("values")).setClock(clock)).await(10, SECONDS);
  }
}
