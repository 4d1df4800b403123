package io.github.vertxsessions.redis;

import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testservers.EmbeddedRedisCluster;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.impl.ZModem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Redis Cluster failover under load: three masters with a replica each, real processes; the application runs
 * through a cluster client while master 0 is killed (SIGKILL), and the cluster promotes its replica. Each client
 * keeps to the sessions of one master (log-ins and reads, so requests go to every slot range), so the test can tell
 * the requests of the dead master's slots from the others. The store must follow the promoted replica without a
 * restart; requests for the dead master's slots answer 503 within the handler's store timeout meanwhile (never a
 * 500, never a hang); requests for the two masters that stay up never fail and never wait for the dead one, with or
 * without replica acknowledgements; and with replica acknowledgements no acknowledged log-in is lost. The figures
 * are printed for the manual (docs/failover.md).
 */
@ExtendWith(VertxExtension.class)
class RedisClusterFailoverTest {

  private static final long SLACK_MILLIS = 1000;
  private static final String PREFIX = "failover:";
  /** Two clients per master. */
  private static final int CLIENTS = 2 * EmbeddedRedisCluster.MASTERS;
  private static final int KILLED = 0;
  /**
   * What a request for a master that stays up may take at most: half the store timeout. Such a request normally
   * takes milliseconds; one that waited for the dead master (a connection to it, a reply from it, a WAIT it cannot
   * confirm) takes the store timeout, as every request did before the fix.
   */
  private static final long HEALTHY_BOUND_MILLIS = FailoverRun.STORE_TIMEOUT.toMillis() / 2;

  private EmbeddedRedisCluster cluster;
  private Vertx vertx;
  /** The library's lines, from before the servers start until after they stop: a failover's warnings are the test's. */
  private LogCapture log;

  @BeforeEach
  void setUp(Vertx vertx) {
    log = LogCapture.of("io.github.vertxsessions");
    cluster = EmbeddedRedisCluster.startWithReplicas();
    this.vertx = vertx;
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      // before the servers stop, rather than after by the extension: no client of the test sees them go
      vertx.close().await(10, SECONDS);
    } finally {
      try {
        cluster.close();
      } finally {
        log.close();
      }
    }
  }

  @Test
  void withoutReplicaAcksTheStoreFollowsThePromotedReplicaAndTheOtherMastersKeepServing() throws Exception {
    FailoverRun.Figures figures = run(new RedisStoreOptions());

    assertFollowed(figures);
  }

  @Test
  void withOneReplicaAckNoLoginIsLostAndTheOtherMastersKeepConfirming() throws Exception {
    FailoverRun.Figures figures = run(new RedisStoreOptions().setReplicaAcks(1));

    assertFollowed(figures);
    assertEquals(figures.loginsBeforeFault(), figures.loginsBeforeFaultFound(), figures.toString());
    assertEquals(figures.loginsAfterFault(), figures.loginsAfterFaultFound(), figures.toString());
  }

  private FailoverRun.Figures run(RedisStoreOptions options) throws Exception {
    RedisSessionStore store = RedisSessionStore.create(vertx, Redis.createClient(vertx, cluster.clientOptions()),
      options.setKeyPrefix(PREFIX));
    RedisSessionStore reader = RedisSessionStore.create(vertx, Redis.createClient(vertx, cluster.clientOptions()),
      new RedisStoreOptions().setKeyPrefix(PREFIX));
    try (FailoverRun run = new FailoverRun(vertx, store, CLIENTS,
      id -> EmbeddedRedisCluster.masterOfSlot(ZModem.generate(PREFIX + id)), EmbeddedRedisCluster.MASTERS)) {
      FailoverRun.Figures figures = run.failAndRecover(1500, () -> cluster.master(KILLED).kill(),
        () -> cluster.isMaster(cluster.replicaOf(KILLED)), 1500, () -> reader);
      System.out.println("Cluster failover, replicaAcks " + options.getReplicaAcks() + ": " + figures);
      return figures;
    } finally {
      store.close().await(10, SECONDS);
      reader.close().await(10, SECONDS);
    }
  }

  private void assertFollowed(FailoverRun.Figures figures) {
    FailoverRun.assertOnlyFailoverWarnings(log, figures);
    assertTrue(Set.of(200, 503).containsAll(figures.statuses().keySet()), "only 200 and 503: " + figures);
    assertTrue(figures.longestRequestMillis() < FailoverRun.STORE_TIMEOUT.toMillis() + SLACK_MILLIS,
      "no request outlived the store timeout: " + figures);
    assertTrue(figures.loginsBeforeFault() > 0 && figures.loginsAfterFault() > 0, figures.toString());
    for (Map.Entry<Integer, FailoverRun.Requests> shard : figures.byShard().entrySet()) {
      if (shard.getKey() != KILLED) {
        FailoverRun.Requests requests = shard.getValue();
        // A live master's replica that a loaded machine keeps from answering within replicaAckTimeout makes the store
        // refuse to confirm (ReplicaAckException): honest, and a matter of this machine's speed. Anything else, or
        // more than a few of those (writes queued behind the dead master's WAITs), is the store failing the master.
        int total = requests.statuses().values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(requests.failures().stream().allMatch(f -> f.contains("ReplicaAckException")),
          "every request for master " + shard.getKey() + ", which stayed up, succeeded: " + figures);
        assertTrue(requests.failures().size() * 100 <= total,
          "at most 1% of the requests for master " + shard.getKey() + " went unconfirmed: " + figures);
        assertTrue(requests.longestMillis() < HEALTHY_BOUND_MILLIS,
          "no request for master " + shard.getKey() + " waited for the dead one: " + figures);
      }
    }
  }
}
