package io.github.vertxsessions.mongo;

import io.github.vertxsessions.mongo.impl.MongoSessionStoreImpl;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The sweeper deletes what expired, in bounded batches. mongo-java-server accepts the TTL index but never enforces
 * it, so every deletion seen here is the sweeper's.
 */
class MongoSweeperTest extends MongoStoreTestBase {

  @Test
  void eachSweepDeletesOneBoundedBatchOfExpiredSessionsOnly() {
    MongoSessionStoreImpl store = open(options().setSweepBatchSize(10));
    createSessions(store, 25);
    clock.advance(Duration.ofMillis(IDLE));
    List<SessionRecord> live = createSessions(store, 5);
    assertEquals(30, rawCount(), "expired documents stay until someone deletes them");

    assertEquals(10, await(store.sweep()));
    assertEquals(20, rawCount());
    assertEquals(10, await(store.sweep()));
    assertEquals(5, await(store.sweep()));
    assertEquals(0, await(store.sweep()));

    assertEquals(5, rawCount());
    assertEquals(25, store.swept());
    live.forEach(session -> assertNotNull(await(store.load(session.id(), Long.MAX_VALUE))));
  }

  @Test
  void aUsersExpiredSessionsAreSweptLikeAnyOtherAndNothingOfTheUserStays() {
    MongoSessionStoreImpl store = open(options());
    for (int i = 0; i < 3; i++) {
      long now = clock.millis();
      await(store.save(SessionDelta.creationOf(SessionRecord.builder(newId()).version(1).createdAt(now)
        .idleTimeout(IDLE).owner(new SessionOwner("alice", "device " + i)).build())));
    }
    clock.advance(Duration.ofMillis(IDLE));

    assertEquals(List.of(), await(store.findByPrincipal("alice")), "expired, though not deleted yet");
    assertEquals(3, await(store.sweep()));

    assertEquals(0, await(client.count(collection, new JsonObject().put("principal", "alice"))));
  }

  @Test
  void sweeperRunsOnItsOwnAndWorksThroughABacklogWithoutWaitingForTheNextInterval() throws InterruptedException {
    Duration interval = Duration.ofMillis(1500);
    MongoSessionStoreImpl store = open(options().setSweepBatchSize(4).setSweepInterval(interval));
    createSessions(store, 14);
    clock.advance(Duration.ofMillis(IDLE));
    SessionRecord live = createSessions(store, 1).get(0);

    // Four batches are needed: one interval each would take 6 s, back to back they take little more than one.
    awaitRawCount(1, interval.multipliedBy(3));

    assertEquals(14, store.swept());
    assertNotNull(await(store.load(live.id(), Long.MAX_VALUE)));
  }

  @Test
  void aSweepRequestedWhileABatchIsInFlightJoinsIt() {
    MongoSessionStoreImpl store = open(options().setSweepBatchSize(10));
    createSessions(store, 25);
    clock.advance(Duration.ofMillis(IDLE));

    Future<Integer> first = store.sweep();
    Future<Integer> second = store.sweep();

    assertEquals(10, await(first));
    assertEquals(10, await(second));
    assertEquals(15, rawCount(), "one batch ran, not two");
  }

  @Test
  void sessionTouchedInTimeIsKept() {
    MongoSessionStoreImpl store = open(options());
    SessionRecord session = createSessions(store, 1).get(0);
    clock.advance(Duration.ofMillis(IDLE - 1));
    await(store.touch(session.id()));
    clock.advance(Duration.ofMillis(IDLE - 1));

    assertEquals(0, await(store.sweep()));
    assertNotNull(await(store.load(session.id(), Long.MAX_VALUE)));
  }

  private List<SessionRecord> createSessions(MongoSessionStoreImpl store, int n) {
    List<SessionRecord> sessions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sessions.add(create(store, Map.of("i", i)));
    }
    return sessions;
  }

  /** Bounded polling for the background sweeper; time itself is moved by the clock, never waited for. */
  private void awaitRawCount(long expected, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (await(client.count(collection, new JsonObject())) != expected) {
      if (System.nanoTime() > deadline) {
        assertEquals(expected, rawCount(), "documents left after " + limit);
      }
      Thread.sleep(20);
    }
  }
}
