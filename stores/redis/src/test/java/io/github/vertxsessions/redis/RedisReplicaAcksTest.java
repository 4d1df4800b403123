package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.FreePorts;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.vertx.core.Future;
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
import java.util.Map;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explicit writes with replica acknowledgements, on a real primary and replica: they wait for the replica, fail with
 * {@link ReplicaAckException} when it does not confirm in time (the write stays on the primary), and never hold up
 * loads or automatic saves meanwhile.
 */
@ExtendWith(VertxExtension.class)
class RedisReplicaAcksTest {

  private static final Duration ACK_TIMEOUT = Duration.ofMillis(1500);
  private static final long IDLE = 60_000;
  private static final int BURST = 10;

  private EmbeddedRedis primary;
  private EmbeddedRedis replica;
  private Vertx vertx;
  private RedisSessionStore store;
  private RedisAdmin onReplica;

  @BeforeEach
  void setUp(Vertx vertx) throws InterruptedException {
    primary = EmbeddedRedis.start();
    replica = EmbeddedRedis.start(FreePorts.any(),
      List.of("replicaof 127.0.0.1 " + primary.port()));
    this.vertx = vertx;
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, primary.connectionString()),
      new RedisStoreOptions().setReplicaAcks(1).setReplicaAckTimeout(ACK_TIMEOUT));
    onReplica = new RedisAdmin(vertx, replica.connectionString());
    // start-up only: the replica's first sync
    eventually(Duration.ofSeconds(10), "the replica's first sync",
      () -> onReplica.call("INFO", "replication").toString().contains("master_link_status:up"));
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      store.close().await(10, SECONDS);
      // before the servers stop, rather than after by the extension: no client of the test sees them go
      vertx.close().await(10, SECONDS);
    } finally {
      replica.close();
      primary.close();
    }
  }

  @Test
  void anExplicitSaveSucceedsOnceTheReplicaHasIt() throws Exception {
    SessionRecord created = create("confirmed", true).await(10, SECONDS);

    assertNotNull(created);
    assertEquals(1L, onReplica.call("EXISTS", "sess:confirmed").toLong(), "on the replica when acknowledged");
  }

  @Test
  void anExplicitWriteFailsWhenNoReplicaConfirmsItButStaysOnThePrimary() throws Exception {
    create("kept", false).await(10, SECONDS);
    replica.freeze();
    try {
      long started = System.nanoTime();
      ReplicaAckException failure = assertThrows(ReplicaAckException.class, () -> create("late", true).await(10, SECONDS));
      long waited = (System.nanoTime() - started) / 1_000_000;

      assertEquals(0, failure.confirmed());
      assertEquals(1, failure.required());
      assertTrue(waited >= ACK_TIMEOUT.toMillis(), "failed after " + waited + " ms, before the timeout");
      assertNotNull(store.load("late", 0).await(10, SECONDS), "the write is on the primary: it was not undone");
      assertThrows(ReplicaAckException.class, () -> store.delete("kept", true).await(10, SECONDS));
      assertNull(store.load("kept", 0).await(10, SECONDS), "a delete is on the primary too");
      assertThrows(ReplicaAckException.class, () -> store.changeId("late", "moved").await(10, SECONDS));
      assertNotNull(store.load("moved", 0).await(10, SECONDS), "a change of ID is on the primary too");
    } finally {
      replica.thaw();
    }
  }

  @Test
  void automaticWritesAndLoadsNeverWaitForReplicas() throws Exception {
    replica.freeze();
    try {
      Future<SessionRecord> explicit = create("explicit", true);
      create("automatic", false).await(10, SECONDS);
      assertNotNull(store.load("automatic", 0).await(10, SECONDS));
      store.delete("automatic").await(10, SECONDS);

      assertFalse(explicit.isComplete(), "done while the explicit save still waits for its replica");
      assertThrows(ReplicaAckException.class, () -> explicit.await(10, SECONDS));
    } finally {
      replica.thaw();
    }
  }

  @Test
  void explicitWritesToAPrimaryShortOfReplicasFailWithoutQueueingBehindEachOthersWait() throws Exception {
    // the scripts known to the server first: a write's first use sends it again with its source, and its WAIT too
    assertNotNull(create("warm", true).await(10, SECONDS));
    replica.stop();
    awaitReplicas(0);
    long started = System.nanoTime();
    List<Future<SessionRecord>> burst = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      burst.add(create("burst-" + i, true));
    }
    Future.join(burst).otherwiseEmpty().await(10, SECONDS);
    long took = (System.nanoTime() - started) / 1_000_000;

    burst.forEach(write -> assertInstanceOf(ReplicaAckException.class, write.cause(), "took " + took + " ms"));
    // one after another, each WAIT holding the link for the ack timeout, they would take BURST times that
    assertTrue(took < 3 * ACK_TIMEOUT.toMillis(), "a burst of " + BURST + " took " + took + " ms");
    for (int i = 0; i < BURST; i++) {
      assertNotNull(store.load("burst-" + i, 0).await(10, SECONDS), "each write is on the primary all the same");
    }

    replica.startAgain();
    awaitReplicas(1);
    assertNotNull(create("back", true).await(10, SECONDS), "confirmed again once the replica is back");
  }

  /** Waits (boundedly: a replica's sync is start-up) until the primary has {@code count} replicas online. */
  private void awaitReplicas(int count) {
    RedisAdmin onPrimary = new RedisAdmin(vertx, primary.connectionString());
    try {
      eventually(Duration.ofSeconds(10), count + " replicas online", () -> {
        String replication = onPrimary.call("INFO", "replication").toString();
        return replication.contains("connected_slaves:" + count) && (count == 0 || replication.contains("state=online"));
      });
    } finally {
      onPrimary.close();
    }
  }

  private Future<SessionRecord> create(String id, boolean explicit) {
    long now = System.currentTimeMillis();
    SessionDelta creation = SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("user", id)).createdAt(now)
      .idleTimeout(IDLE).build());
    return store.save(explicit ? creation.asExplicit() : creation).compose(version -> store.load(id, 0));
  }
}
