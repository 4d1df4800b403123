package io.github.vertxsessions.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An unreachable server fails operations quickly, and the same store works again once a server is back. */
@ExtendWith(VertxExtension.class)
class MongoOutageTest {

  private static final long SERVER_SELECTION_MILLIS = 1_000;
  private static final Duration BOUND = Duration.ofMillis(SERVER_SELECTION_MILLIS * 4);

  private MongoTestServer mongo;
  private Vertx vertx;
  private TestClock clock;
  private MongoSessionStore store;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    mongo = MongoTestServer.startInProcess(MemoryBackend::new);
    this.vertx = vertx;
    clock = new TestClock();
    MongoClient client = MongoClient.create(vertx, mongo.clientConfig()
      .put("serverSelectionTimeoutMS", SERVER_SELECTION_MILLIS)
      .put("connectTimeoutMS", (int) SERVER_SELECTION_MILLIS));
    store = MongoSessionStore.createAndInit(vertx, client,
      new MongoStoreOptions().setCollection("sessions").setClock(clock)).await(10, SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close().await(10, SECONDS);
    // before the server stops, rather than after by the extension: the client's monitor does not see it go
    vertx.close().await(10, SECONDS);
    mongo.close();
  }

  @Test
  void operationsFailWithinABoundWhileTheServerIsDownAndSucceedAfterItReturns() throws Exception {
    SessionRecord session = newSession();
    store.save(SessionDelta.creationOf(session)).await(10, SECONDS);

    mongo.stop();

    assertFailsWithinBound("load", () -> store.load(session.id(), 0));
    assertFailsWithinBound("save", () -> store.save(SessionDelta.builder(session.id()).set(Map.of("n", 2))
      .createdAt(session.createdAt()).idleTimeout(session.idleTimeout()).build()));
    assertFailsWithinBound("creation", () -> store.save(SessionDelta.creationOf(newSession())));
    assertFailsWithinBound("count", store::count);
    assertFailsWithinBound("delete", () -> store.delete(session.id()));

    mongo.restart();

    SessionRecord afterwards = newSession();
    eventually(Duration.ofSeconds(30), "the store saving again after the restart",
      () -> MongoStoreTestBase.succeeds(store.save(SessionDelta.creationOf(afterwards))));
    assertNotNull(store.load(afterwards.id(), 0).await(10, SECONDS));
    assertEquals(1L, store.count().await(10, SECONDS));
  }

  private void assertFailsWithinBound(String operation, Supplier<Future<?>> call) {
    long start = System.nanoTime();
    Throwable failure = assertThrows(Throwable.class, () -> call.get().await(10, SECONDS));
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
