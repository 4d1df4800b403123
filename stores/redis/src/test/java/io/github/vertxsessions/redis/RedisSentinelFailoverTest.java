package io.github.vertxsessions.redis;

import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.EmbeddedRedisSentinel;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Sentinel failover under load: a master with two replicas and three Sentinels, real processes; the application
 * runs through a Sentinel client while the master is killed (SIGKILL). The store must follow the promoted replica
 * without a restart, answer 503 within the handler's store timeout meanwhile (never a 500, never a hang), and with
 * replica acknowledgements lose no log-in it acknowledged. The figures are printed for the README.
 */
class RedisSentinelFailoverTest {

  /** The handler answers a store that does not within its store timeout; this is what scheduling may add. */
  private static final long SLACK_MILLIS = 1000;

  private EmbeddedRedisSentinel redis;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    redis = EmbeddedRedisSentinel.startReplicated(2);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    try {
      await(vertx.close());
    } finally {
      redis.close();
    }
  }

  @Test
  void withoutReplicaAcksTheStoreFollowsThePromotedReplica() {
    FailoverRun.Figures figures = run(new RedisStoreOptions());

    assertFollowed(figures);
  }

  @Test
  void withOneReplicaAckNoAcknowledgedLoginIsLost() {
    FailoverRun.Figures figures = run(new RedisStoreOptions().setReplicaAcks(1));

    assertFollowed(figures);
    assertEquals(figures.loginsBeforeKill(), figures.loginsBeforeKillFound(), figures.toString());
    assertEquals(figures.loginsAfterKill(), figures.loginsAfterKillFound(), figures.toString());
  }

  private FailoverRun.Figures run(RedisStoreOptions options) {
    RedisSessionStore store = RedisSessionStore.create(vertx, Redis.createClient(vertx, redis.clientOptions()),
      options.setKeyPrefix("failover:"));
    RedisSessionStore reader = RedisSessionStore.create(vertx, Redis.createClient(vertx, redis.clientOptions()),
      new RedisStoreOptions().setKeyPrefix("failover:"));
    int oldMaster = redis.master().port();
    try (FailoverRun run = new FailoverRun(vertx, store)) {
      FailoverRun.Figures figures = run.killAndRecover(1500, redis::killMaster,
        () -> promoted(oldMaster), 1500, reader);
      System.out.println("Sentinel failover, replicaAcks " + options.getReplicaAcks() + ": " + figures);
      return figures;
    } finally {
      await(store.close());
      await(reader.close());
    }
  }

  private boolean promoted(int oldMaster) {
    try {
      EmbeddedRedis master = redis.master();
      return master.port() != oldMaster;
    } catch (RuntimeException sentinelBusy) {
      return false;
    }
  }

  private static void assertFollowed(FailoverRun.Figures figures) {
    assertTrue(Set.of(200, 503).containsAll(figures.statuses().keySet()), "only 200 and 503: " + figures);
    assertTrue(figures.longestRequestMillis() < FailoverRun.STORE_TIMEOUT.toMillis() + SLACK_MILLIS,
      "no request outlived the store timeout: " + figures);
    assertTrue(figures.loginsBeforeKill() > 0 && figures.loginsAfterKill() > 0, figures.toString());
  }
}
