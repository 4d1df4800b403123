package io.github.vertxsessions.demo;

import io.github.vertxsessions.testservers.RedisAdmin;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;

/**
 * The demo on Redis: the embedded server of the Redis module's tests, or the one {@code REDIS_URL} names. Each test
 * writes under a key prefix of its own and deletes only those keys.
 */
class RedisDemoFlowTest extends DemoFlowTest {

  private final String prefix = TestRedis.uniquePrefix();
  private RedisAdmin admin;

  @Override
  protected JsonObject storeConfig() {
    return new JsonObject()
      .put("store", "redis")
      .put("redisUrl", TestRedis.connectionString())
      .put("redisStoreOptions", new JsonObject().put("keyPrefix", prefix));
  }

  @BeforeEach
  void openAdmin() {
    admin = new RedisAdmin(app.vertx, TestRedis.connectionString());
  }

  @Override
  protected void removeStoredSessions() {
    admin.deleteKeys(prefix);
    admin.close();
  }

  @Override
  protected String storeName() {
    return "redis";
  }

  @Override
  protected boolean isStored(String sessionId) {
    return admin.call("EXISTS", prefix + sessionId).toInteger() == 1;
  }

  @Override
  protected long storedSessions() {
    return admin.keys(prefix).size();
  }
}
