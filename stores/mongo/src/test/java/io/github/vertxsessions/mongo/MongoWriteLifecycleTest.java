package io.github.vertxsessions.mongo;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.WriteLifecycleTest;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import static java.util.concurrent.TimeUnit.SECONDS;


/** The session's write lifecycle over HTTP on the MongoDB store. */
class MongoWriteLifecycleTest extends WriteLifecycleTest {

  private MongoTestServer mongo;

  @Override
  protected IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception {
    mongo = MongoTestServer.start();
    return MongoSessionStore.createAndInit(vertx, mongo.newClient(vertx), new MongoStoreOptions()
      .setCollection(mongo.uniqueCollection("lifecycle")).setClock(clock)).await(10, SECONDS);
  }

  @Override
  protected void closeServers() {
    if (mongo != null) {
      mongo.close();
      mongo = null;
    }
  }
}
