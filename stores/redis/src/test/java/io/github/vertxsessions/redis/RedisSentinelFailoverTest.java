package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.EmbeddedRedisSentinel;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sentinel failovers under load: a master with two replicas and three Sentinels, real processes; the application
 * runs through a Sentinel client while the master is killed (SIGKILL), or while the Sentinels switch to a replica
 * with the old master still running ({@code SENTINEL FAILOVER}, as they also do when they wrongly think it down). The
 * store must follow the promoted replica without a restart, answer 503 within the handler's store timeout meanwhile
 * (never a 500, never a hang), and with replica acknowledgements lose no log-in it acknowledged: the old master keeps
 * accepting writes after the switch, and what it accepts is thrown away when it becomes a replica. The figures are
 * printed for the manual (docs/failover.md).
 */
@ExtendWith(VertxExtension.class)
class RedisSentinelFailoverTest {

  /** The handler answers a store that does not within its store timeout; this is what scheduling may add. */
  private static final long SLACK_MILLIS = 1000;
  private static final int CLIENTS = 4;

  private EmbeddedRedisSentinel redis;
  private Vertx vertx;
  /** The library's lines, from before the servers start until after they stop: a failover's warnings are the test's. */
  private LogCapture log;
  private final List<RedisSessionStore> stores = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    log = LogCapture.of("io.github.vertxsessions");
    redis = EmbeddedRedisSentinel.startReplicated(2);
    this.vertx = vertx;
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      for (var store : stores) {
        store.close().await(10, SECONDS);
      }
      // before the servers stop, rather than after by the extension: no client of the test sees them go
      vertx.close().await(10, SECONDS);
    } finally {
      try {
        redis.close();
      } finally {
        log.close();
      }
    }
  }

  @Test
  void withoutReplicaAcksTheStoreFollowsThePromotedReplica() throws Exception {
    FailoverRun.Figures figures = run(new RedisStoreOptions(), "master killed", redis::killMaster);

    assertFollowed(figures);
  }

  @Test
  void withOneReplicaAckNoAcknowledgedLoginIsLost() throws Exception {
    FailoverRun.Figures figures = run(new RedisStoreOptions().setReplicaAcks(1), "master killed", redis::killMaster);

    assertFollowed(figures);
    assertEquals(figures.loginsBeforeFault(), figures.loginsBeforeFaultFound(), figures.toString());
    assertEquals(figures.loginsAfterFault(), figures.loginsAfterFaultFound(), figures.toString());
  }

  @Test
  void aSwitchAwayFromALiveMasterLosesNoLoginAcknowledgedWithOneReplicaAck() throws Exception {
    FailoverRun.Figures figures = run(new RedisStoreOptions().setReplicaAcks(1), "switch, master alive",
      redis::failover);

    assertFollowed(figures);
    assertEquals(figures.loginsBeforeFault(), figures.loginsBeforeFaultFound(), figures.toString());
    assertEquals(figures.loginsAfterFault(), figures.loginsAfterFaultFound(), figures.toString());
  }

  @Test
  void withoutReplicaAcksTheStoreLeavesALiveMasterAsSoonAsTheSentinelsSwitch() throws Exception {
    FailoverRun.Figures figures = run(new RedisStoreOptions(), "switch, master alive", redis::failover);

    assertFollowed(figures);
    // What the old master acknowledged after the promotion is lost with it; the Sentinels announce the switch at
    // once, and a request on the old master then ends within the store timeout.
    assertTrue(figures.lastLostMillis() < figures.promotionMillis() + FailoverRun.STORE_TIMEOUT.toMillis(),
      "the store left the old master once the Sentinels switched: " + figures);
  }

  private FailoverRun.Figures run(RedisStoreOptions options, String fault, Runnable failure) throws Exception {
    RedisSessionStore store = track(RedisSessionStore.create(vertx, Redis.createClient(vertx, redis.clientOptions()),
      options.setKeyPrefix("failover:").setSentinelOptions(redis.clientOptions())));
    int oldMaster = redis.master().port();
    try (FailoverRun run = new FailoverRun(vertx, store, CLIENTS)) {
      FailoverRun.Figures figures = run.failAndRecover(1500, failure, () -> promoted(oldMaster), 1500,
        // straight to the node the Sentinels now name: what is not there is lost
        () -> track(RedisSessionStore.create(vertx, Redis.createClient(vertx, redis.master().connectionString()),
          new RedisStoreOptions().setKeyPrefix("failover:"))));
      System.out.println("Sentinel failover (" + fault + "), replicaAcks " + options.getReplicaAcks() + ": "
        + figures);
      return figures;
    }
  }

  private RedisSessionStore track(RedisSessionStore store) {
    stores.add(store);
    return store;
  }

  private boolean promoted(int oldMaster) {
    try {
      EmbeddedRedis master = redis.master();
      return master.port() != oldMaster;
    } catch (RuntimeException sentinelBusy) {
      return false;
    }
  }

  private void assertFollowed(FailoverRun.Figures figures) {
    FailoverRun.assertOnlyFailoverWarnings(log, figures);
    // the Sentinels announced the switch, and the store heard it (the run already saw their new master named)
    String switched = log.awaitLine(Level.INFO, "the store drops its connections to the old one",
      Duration.ofSeconds(10));
    assertTrue(switched.startsWith("Redis master "), switched);
    assertTrue(Set.of(200, 503).containsAll(figures.statuses().keySet()), "only 200 and 503: " + figures);
    assertTrue(figures.longestRequestMillis() < FailoverRun.STORE_TIMEOUT.toMillis() + SLACK_MILLIS,
      "no request outlived the store timeout: " + figures);
    assertTrue(figures.loginsBeforeFault() > 0 && figures.loginsAfterFault() > 0, figures.toString());
  }
}
