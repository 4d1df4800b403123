package io.github.vertxsessions.redis;

import io.github.vertxsessions.testservers.EmbeddedRedisCluster;
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
 * A Redis Cluster failover under load: three masters with a replica each, real processes; the application runs
 * through a cluster client while one master is killed (SIGKILL). The cluster promotes that master's replica; the
 * store must follow it without a restart, answer 503 within the handler's store timeout meanwhile (never a 500,
 * never a hang), and with replica acknowledgements lose no log-in acknowledged before the kill. The figures are
 * printed for the README.
 */
class RedisClusterFailoverTest {

  private static final long SLACK_MILLIS = 1000;

  private EmbeddedRedisCluster cluster;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    cluster = EmbeddedRedisCluster.startWithReplicas();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    try {
      await(vertx.close());
    } finally {
      cluster.close();
    }
  }

  @Test
  void withoutReplicaAcksTheStoreFollowsThePromotedReplica() {
    FailoverRun.Figures figures = run(new RedisStoreOptions());

    assertFollowed(figures);
  }

  @Test
  void withOneReplicaAckNoLoginAcknowledgedBeforeTheKillIsLost() {
    FailoverRun.Figures figures = run(new RedisStoreOptions().setReplicaAcks(1));

    assertFollowed(figures);
    assertEquals(figures.loginsBeforeKill(), figures.loginsBeforeKillFound(), figures.toString());
    assertEquals(figures.loginsAfterKill(), figures.loginsAfterKillFound(), figures.toString());
  }

  private FailoverRun.Figures run(RedisStoreOptions options) {
    RedisSessionStore store = RedisSessionStore.create(vertx, Redis.createClient(vertx, cluster.clientOptions()),
      options.setKeyPrefix("failover:"));
    RedisSessionStore reader = RedisSessionStore.create(vertx, Redis.createClient(vertx, cluster.clientOptions()),
      new RedisStoreOptions().setKeyPrefix("failover:"));
    try (FailoverRun run = new FailoverRun(vertx, store)) {
      FailoverRun.Figures figures = run.killAndRecover(1500, () -> cluster.master(0).kill(),
        () -> cluster.isMaster(cluster.replicaOf(0)), 1500, reader);
      System.out.println("Cluster failover, replicaAcks " + options.getReplicaAcks() + ": " + figures);
      return figures;
    } finally {
      await(store.close());
      await(reader.close());
    }
  }

  private static void assertFollowed(FailoverRun.Figures figures) {
    assertTrue(Set.of(200, 503).containsAll(figures.statuses().keySet()), "only 200 and 503: " + figures);
    assertTrue(figures.longestRequestMillis() < FailoverRun.STORE_TIMEOUT.toMillis() + SLACK_MILLIS,
      "no request outlived the store timeout: " + figures);
    assertTrue(figures.loginsBeforeKill() > 0 && figures.loginsAfterKill() > 0, figures.toString());
  }
}
