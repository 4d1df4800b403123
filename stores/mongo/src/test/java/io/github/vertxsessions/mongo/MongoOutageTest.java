package io.github.vertxsessions.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** An unreachable server fails operations quickly, and the same store works again once a server is back. */
class MongoOutageTest {

  private static final long SERVER_SELECTION_MILLIS = 1_000;
  private static final Duration BOUND = Duration.ofMillis(SERVER_SELECTION_MILLIS * 4);

  private MongoTestServer mongo;
  private Vertx vertx;
  private TestClock clock;
  private MongoSessionStore store;

  @BeforeEach
  void setUp() {
    mongo = MongoTestServer.startInProcess(MemoryBackend::new);
    vertx = Vertx.vertx();
    clock = new TestClock();
    MongoClient client = MongoClient.create(vertx, mongo.clientConfig()
      .put("serverSelectionTimeoutMS", SERVER_SELECTION_MILLIS)
      .put("connectTimeoutMS", (int) SERVER_SELECTION_MILLIS));
    store = await(MongoSessionStore.createAndInit(vertx, client,
      new MongoStoreOptions().setCollection("sessions").setClock(clock)));
  }

  @AfterEach
  void tearDown() {
    await(store.close());
    await(vertx.close());
    mongo.close();
  }

  @Test
  void operationsFailWithinABoundWhileTheServerIsDownAndSucceedAfterItReturns() {
    SessionRecord session = newSession();
    await(store.save(SessionDelta.creationOf(session)));

    mongo.stop();

    assertFailsWithinBound("load", () -> store.load(session.id(), 0));
    assertFailsWithinBound("save", () -> store.save(SessionDelta.builder(session.id()).set(Map.of("n", 2))
      .createdAt(session.createdAt()).idleTimeout(session.idleTimeout()).build()));
    assertFailsWithinBound("creation", () -> store.save(SessionDelta.creationOf(newSession())));
    assertFailsWithinBound("count", store::count);
    assertFailsWithinBound("delete", () -> store.delete(session.id()));

    mongo.restart();

    SessionRecord afterwards = newSession();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        await(store.save(SessionDelta.creationOf(afterwards)));
        break;
      } catch (RuntimeException | AssertionError stillDown) {
        if (System.nanoTime() > deadline) {
          fail("the store did not recover within 10 s", stillDown);
        }
      }
    }
    assertNotNull(await(store.load(afterwards.id(), 0)));
    assertEquals(1L, await(store.count()));
  }

  private void assertFailsWithinBound(String operation, Supplier<Future<?>> call) {
    long start = System.nanoTime();
    Throwable failure = awaitFailure(call.get());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertNotNull(failure, operation);
    assertTrue(took.compareTo(BOUND) < 0, operation + " took " + took);
  }

  private SessionRecord newSession() {
    long now = clock.millis();
    return SessionRecord.builder(UUID.randomUUID().toString()).data(Map.of("n", 1)).createdAt(now)
      .idleTimeout(Duration.ofMinutes(30).toMillis()).build();
  }
}
