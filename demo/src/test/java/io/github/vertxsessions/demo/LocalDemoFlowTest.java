package io.github.vertxsessions.demo;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;

/** The demo on the local store, as {@code java -jar} starts it by default. */
class LocalDemoFlowTest extends DemoFlowTest {

  @Override
  protected JsonObject storeConfig() {
    return new JsonObject();
  }

  @Override
  protected String storeName() {
    return "local";
  }

  /** The local store lives inside the verticle, so it is asked directly (without touching the session). */
  @Override
  protected boolean isStored(String sessionId) throws Exception {
    return app.verticle.sessionStore().load(sessionId, Long.MAX_VALUE).await(10, SECONDS) != null;
  }

  @Override
  protected long storedSessions() throws Exception {
    return app.verticle.sessionStore().count().await(10, SECONDS);
  }

  @Test
  void metricsShowTheSessionsTheLocalStoreHolds() {
    app.login(null, "alice", "wonderland");
    app.login(null, "bob", "builder");

    String body = app.get("/metrics", null).body();

    assertTrue(body.contains("vertx_sessions_local_held{store=\"local\"} 2.0"), body);
  }
}
