package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.FlashValuesTest;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static java.util.concurrent.TimeUnit.SECONDS;

/** Flash values over HTTP on MongoDB. */
class MongoFlashValuesTest extends FlashValuesTest {

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
  protected SessionStore newStore(Vertx vertx, TestClock clock) throws Exception {
    return MongoSessionStore.createAndInit(vertx, mongo.newClient(vertx),
      new MongoStoreOptions().setCollection(mongo.uniqueCollection("flash")).setClock(clock)).await(10, SECONDS);
  }
}
