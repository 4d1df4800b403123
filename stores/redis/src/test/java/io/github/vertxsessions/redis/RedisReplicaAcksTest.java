package io.github.vertxsessions.redis;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.FreePorts;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explicit writes with replica acknowledgements, on a real primary and replica: they wait for the replica, fail with
 * {@link ReplicaAckException} when it does not confirm in time (the write stays on the primary), and never hold up
 * loads or automatic saves meanwhile.
 */
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
  void setUp() throws InterruptedException {
    primary = EmbeddedRedis.start();
    replica = EmbeddedRedis.start(FreePorts.any(),
      List.of("replicaof 127.0.0.1 " + primary.port()));
    vertx = Vertx.vertx();
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, primary.connectionString()),
      new RedisStoreOptions().setReplicaAcks(1).setReplicaAckTimeout(ACK_TIMEOUT));
    onReplica = new RedisAdmin(vertx, replica.connectionString());
    long deadline = System.currentTimeMillis() + 10_000;
    while (!onReplica.call("INFO", "replication").toString().contains("master_link_status:up")) {
      assertTrue(System.currentTimeMillis() < deadline, "the replica never synced");
      Thread.sleep(20); // start-up only: the replica's first sync
    }
  }

  @AfterEach
  void tearDown() {
    try {
      await(store.close());
      await(vertx.close());
    } finally {
      replica.close();
      primary.close();
    }
  }

  @Test
  void anExplicitSaveSucceedsOnceTheReplicaHasIt() {
    SessionRecord created = await(create("confirmed", true));

    assertNotNull(created);
    assertEquals(1L, onReplica.call("EXISTS", "sess:confirmed").toLong(), "on the replica when acknowledged");
  }

  @Test
  void anExplicitWriteFailsWhenNoReplicaConfirmsItButStaysOnThePrimary() {
    await(create("kept", false));
    replica.freeze();
    try {
      long started = System.nanoTime();
      ReplicaAckException failure = assertInstanceOf(ReplicaAckException.class, awaitFailure(create("late", true)));
      long waited = (System.nanoTime() - started) / 1_000_000;

      assertEquals(0, failure.confirmed());
      assertEquals(1, failure.required());
      assertTrue(waited >= ACK_TIMEOUT.toMillis(), "failed after " + waited + " ms, before the timeout");
      assertNotNull(await(store.load("late", 0)), "the write is on the primary: it was not undone");
      assertInstanceOf(ReplicaAckException.class, awaitFailure(store.delete("kept", true)));
      assertNull(await(store.load("kept", 0)), "a delete is on the primary too");
      assertInstanceOf(ReplicaAckException.class, awaitFailure(store.changeId("late", "moved")));
      assertNotNull(await(store.load("moved", 0)), "a change of ID is on the primary too");
    } finally {
      replica.thaw();
    }
  }

  @Test
  void automaticWritesAndLoadsNeverWaitForReplicas() {
    replica.freeze();
    try {
      Future<SessionRecord> explicit = create("explicit", true);
      await(create("automatic", false));
      assertNotNull(await(store.load("automatic", 0)));
      await(store.delete("automatic"));

      assertFalse(explicit.isComplete(), "done while the explicit save still waits for its replica");
      assertInstanceOf(ReplicaAckException.class, awaitFailure(explicit));
    } finally {
      replica.thaw();
    }
  }

  @Test
  void explicitWritesToAPrimaryShortOfReplicasFailWithoutQueueingBehindEachOthersWait() {
    // the scripts known to the server first: a write's first use sends it again with its source, and its WAIT too
    assertNotNull(await(create("warm", true)));
    replica.stop();
    awaitReplicas(0);
    long started = System.nanoTime();
    List<Future<SessionRecord>> burst = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      burst.add(create("burst-" + i, true));
    }
    await(Future.join(burst).otherwiseEmpty());
    long took = (System.nanoTime() - started) / 1_000_000;

    burst.forEach(write -> assertInstanceOf(ReplicaAckException.class, write.cause(), "took " + took + " ms"));
    // one after another, each WAIT holding the link for the ack timeout, they would take BURST times that
    assertTrue(took < 3 * ACK_TIMEOUT.toMillis(), "a burst of " + BURST + " took " + took + " ms");
    for (int i = 0; i < BURST; i++) {
      assertNotNull(await(store.load("burst-" + i, 0)), "each write is on the primary all the same");
    }

    replica.startAgain();
    awaitReplicas(1);
    assertNotNull(await(create("back", true)), "confirmed again once the replica is back");
  }

  /** Waits (boundedly: a replica's sync is start-up) until the primary has {@code count} replicas online. */
  private void awaitReplicas(int count) {
    RedisAdmin onPrimary = new RedisAdmin(vertx, primary.connectionString());
    long deadline = System.currentTimeMillis() + 10_000;
    while (!onPrimary.call("INFO", "replication").toString().contains("connected_slaves:" + count)
      || count > 0 && !onPrimary.call("INFO", "replication").toString().contains("state=online")) {
      assertTrue(System.currentTimeMillis() < deadline, "no " + count + " replicas online");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    onPrimary.close();
  }

  private Future<SessionRecord> create(String id, boolean explicit) {
    long now = System.currentTimeMillis();
    SessionDelta creation = SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("user", id)).createdAt(now)
      .idleTimeout(IDLE).build());
    return store.save(explicit ? creation.asExplicit() : creation).compose(version -> store.load(id, 0));
  }
}
