package io.github.vertxsessions.mongo;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionObserver;
import io.github.vertxsessions.mongo.impl.MongoSessionStoreImpl;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * The sweeper deletes what expired, in bounded batches. mongo-java-server accepts the TTL index but never enforces
 * it, so every deletion seen here is the sweeper's.
 */
class MongoSweeperTest extends MongoStoreTestBase {

  @Test
  void eachSweepDeletesOneBoundedBatchOfExpiredSessionsOnly() throws Exception {
    MongoSessionStoreImpl store = open(options().setSweepBatchSize(10));
    createSessions(store, 25);
    clock.advance(Duration.ofMillis(IDLE));
    List<SessionRecord> live = createSessions(store, 5);
    assertEquals(30, rawCount(), "expired documents stay until someone deletes them");

    assertEquals(10, store.sweep().await(10, SECONDS));
    assertEquals(20, rawCount());
    assertEquals(10, store.sweep().await(10, SECONDS));
    assertEquals(5, store.sweep().await(10, SECONDS));
    assertEquals(0, store.sweep().await(10, SECONDS));

    assertEquals(5, rawCount());
    assertEquals(25, store.swept());
    for (SessionRecord session : live) {
      assertNotNull(store.load(session.id(), Long.MAX_VALUE).await(10, SECONDS));
    }
  }

  @Test
  void aUsersExpiredSessionsAreSweptLikeAnyOtherAndNothingOfTheUserStays() throws Exception {
    MongoSessionStoreImpl store = open(options());
    for (int i = 0; i < 3; i++) {
      long now = clock.millis();
      store.save(SessionDelta.creationOf(SessionRecord.builder(newId()).version(1).createdAt(now)
        .idleTimeout(IDLE).owner(new SessionOwner("alice", "device " + i)).build())).await(10, SECONDS);
    }
    clock.advance(Duration.ofMillis(IDLE));

    assertEquals(List.of(), store.findByPrincipal("alice").await(10, SECONDS), "expired, though not deleted yet");
    assertEquals(3, store.sweep().await(10, SECONDS));

    assertEquals(0, client.count(collection, new JsonObject().put("principal", "alice")).await(10, SECONDS));
  }

  /**
   * Fourteen expired sessions, batches of four: the schedule's first round deletes them in four batches, each full
   * batch followed by the next at once rather than after the interval. What shows it is the order of two timers on the
   * sweeper's own event loop, not how fast the machine is: as each full batch ends, an observer of the expired events
   * (on the sweeper's context) sets a witness timer of one interval, which a next batch scheduled after the interval
   * would follow, and a next batch scheduled at once precedes; the store's clock, which a batch reads as it starts,
   * tells which came first.
   */
  @Test
  void sweeperRunsOnItsOwnAndWorksThroughABacklogWithoutWaitingForTheNextInterval(VertxTestContext test)
    throws Exception {
    Duration interval = Duration.ofMillis(1500);
    int batchSize = 4;
    int expired = 14;
    BacklogWitness witness = new BacklogWitness(vertx, interval, batchSize, expired);
    // observed, the sweeper deletes each document on its own and reports it on its context as the deletion ends
    SessionObserver.add(vertx, witness);
    // strict: each expired session reported once, and no more than the fourteen
    Checkpoint eachExpired = test.checkpoint(expired);
    SessionObserver.add(vertx, new SessionObserver() {
      @Override
      public void onEvent(SessionEvent event) {
        if (event.type() == SessionEvent.Type.EXPIRED) {
          eachExpired.flag();
        }
      }
    });
    MongoSessionStoreImpl store = open(options().setSweepBatchSize(batchSize).setSweepInterval(interval)
      .setClock(witness.clockOver(clock)));
    createSessions(store, expired);
    clock.advance(Duration.ofMillis(IDLE));
    SessionRecord live = createSessions(store, 1).get(0);

    assertTrue(test.awaitCompletion(30, SECONDS), "the " + expired + " expired sessions reported");
    awaitRawCount(1, Duration.ofSeconds(30));

    assertEquals(expired, store.swept());
    assertEquals(List.of(), witness.late(), "a full batch's next one waited for the interval");
    assertEquals(expired / batchSize, witness.followedAtOnce(), "each full batch followed by the next at once");
    assertNotNull(store.load(live.id(), Long.MAX_VALUE).await(10, SECONDS));
  }

  @Test
  void aSweepRequestedWhileABatchIsInFlightJoinsIt() throws Exception {
    MongoSessionStoreImpl store = open(options().setSweepBatchSize(10));
    createSessions(store, 25);
    clock.advance(Duration.ofMillis(IDLE));

    Future<Integer> first = store.sweep();
    Future<Integer> second = store.sweep();

    assertEquals(10, first.await(10, SECONDS));
    assertEquals(10, second.await(10, SECONDS));
    assertEquals(15, rawCount(), "one batch ran, not two");
  }

  @Test
  void sessionTouchedInTimeIsKept() throws Exception {
    MongoSessionStoreImpl store = open(options());
    SessionRecord session = createSessions(store, 1).get(0);
    clock.advance(Duration.ofMillis(IDLE - 1));
    store.touch(session.id()).await(10, SECONDS);
    clock.advance(Duration.ofMillis(IDLE - 1));

    assertEquals(0, store.sweep().await(10, SECONDS));
    assertNotNull(store.load(session.id(), Long.MAX_VALUE).await(10, SECONDS));
  }

  private List<SessionRecord> createSessions(MongoSessionStoreImpl store, int n) throws Exception {
    List<SessionRecord> sessions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sessions.add(create(store, Map.of("i", i)));
    }
    return sessions;
  }

  /** Waits for the background sweeper; time itself is moved by the clock, never waited for. */
  private void awaitRawCount(long expected, Duration limit) {
    eventually(limit, expected + " documents left", this::rawCountNow, count -> count == expected);
  }

  private long rawCountNow() {
    try {
      return rawCount();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
