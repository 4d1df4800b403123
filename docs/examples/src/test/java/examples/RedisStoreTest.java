package examples;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.EmbeddedRedisCluster;
import io.github.vertxsessions.testservers.EmbeddedRedisSentinel;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Redis store's page: sessions in a standalone Redis, through Sentinel and in a cluster. */
@ExtendWith(VertxExtension.class)
class RedisStoreTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");

  @Test
  void standaloneKeepsSessionsUnderItsPrefix(Vertx vertx) throws Exception {
    try (EmbeddedRedis server = EmbeddedRedis.start()) {
      Router router = Router.router(vertx);
      RedisStore redis = RedisStore.standalone(vertx, router, server.connectionString(), SECRETS);
      Browser browser = new Browser(vertx, Browser.serve(vertx, Visits.counted(router)));

      assertEquals(1, Visits.of(browser.post("/visits")));
      assertEquals(2, Visits.of(browser.post("/visits")));
      Redis admin = Redis.createClient(vertx, server.connectionString());
      String id = browser.cookie().substring("sid=".length(), browser.cookie().indexOf('.'));
      assertEquals(1, admin.send(Request.cmd(Command.EXISTS).arg("shop:sess:" + id)).await(10, SECONDS).toInteger());

      redis.close().await(10, SECONDS);
    }
  }

  @Test
  void throughSentinel(Vertx vertx) throws Exception {
    try (EmbeddedRedisSentinel sentinel = EmbeddedRedisSentinel.start()) {
      RedisStore redis = RedisStore.sentinel(vertx, sentinel.clientOptions().getEndpoints(),
        EmbeddedRedisSentinel.MASTER_NAME);
      countsVisits(vertx, redis);
    }
  }

  @Test
  void onACluster(Vertx vertx) throws Exception {
    RedisStore redis = RedisStore.cluster(vertx, EmbeddedRedisCluster.shared().clientOptions().getEndpoints());
    countsVisits(vertx, redis);
  }

  private static void countsVisits(Vertx vertx, RedisStore redis) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, redis.store(), new SessionOptions().setSecrets(SECRETS)));
    Browser browser = new Browser(vertx, Browser.serve(vertx, Visits.counted(router)));
    for (int visit = 1; visit <= 3; visit++) {
      assertEquals(visit, Visits.of(browser.post("/visits")));
    }
    redis.close().await(10, SECONDS);
  }
}
