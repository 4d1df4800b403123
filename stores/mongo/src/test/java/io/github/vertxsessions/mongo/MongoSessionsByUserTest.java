package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.SessionsByUserTest;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import static java.util.concurrent.TimeUnit.SECONDS;


/** A user's sessions over HTTP on the MongoDB store: one server per test, with the store's indexes in place. */
class MongoSessionsByUserTest extends SessionsByUserTest {

  private MongoTestServer mongo;

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception {
    mongo = MongoTestServer.start();
    // the client goes with the app's Vert.x; the store's indexes are created before any session is written
    return MongoSessionStore.createAndInit(vertx, mongo.newClient(vertx), new MongoStoreOptions()
      .setCollection(mongo.uniqueCollection("by_user"))
      .setClock(clock)).await(10, SECONDS);
  }

  @Override
  protected void closeServers() {
    if (mongo != null) {
      mongo.close();
      mongo = null;
    }
  }
}
