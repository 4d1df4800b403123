package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.SessionEventsTest;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import static java.util.concurrent.TimeUnit.SECONDS;


/** The handler's session events on the MongoDB store. */
class MongoSessionEventsTest extends SessionEventsTest {

  private MongoTestServer mongo;

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception {
    mongo = MongoTestServer.start();
    return MongoSessionStore.createAndInit(vertx, mongo.newClient(vertx), new MongoStoreOptions()
      .setCollection(mongo.uniqueCollection("events")).setClock(clock)).await(10, SECONDS);
  }

  @Override
  protected String storeType() {
    return "mongo";
  }

  @Override
  protected void closeServers() {
    if (mongo != null) {
      mongo.close();
      mongo = null;
    }
  }
}
