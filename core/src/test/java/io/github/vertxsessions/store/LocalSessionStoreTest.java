package io.github.vertxsessions.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.vertxsessions.store.impl.LocalSessionStoreImpl;
import io.github.vertxsessions.testing.TestClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.vertxsessions.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only the local store does: sweeping in bounded slices, and eviction at its cap. */
class LocalSessionStoreTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  private final Vertx vertx = Vertx.vertx();
  private final TestClock clock = new TestClock();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private String create(SessionStore store) {
    String id = UUID.randomUUID().toString().replace("-", "");
    long now = clock.millis();
    await(store.save(SessionDelta.creationOf(new SessionRecord(id, Map.of("n", 1), 0, now, now, IDLE, 0, -1))));
    return id;
  }

  @Test
  void sweeperRemovesExpiredSessionsInBoundedSlices() {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, new LocalStoreOptions()
      .setClock(clock).setSweepBatchSize(100).setSweepInterval(Duration.ofHours(1)));
    for (int i = 0; i < 1_000; i++) {
      create(store);
    }
    clock.advance(Duration.ofMillis(IDLE));

    List<Integer> slices = new ArrayList<>();
    int removed;
    while ((removed = store.sweep()) > 0) {
      slices.add(removed);
    }

    assertTrue(slices.stream().allMatch(n -> n <= 100), slices.toString());
    assertEquals(1_000, slices.stream().mapToInt(Integer::intValue).sum());
    assertEquals(1_000, store.swept());
    assertEquals(0, store.heldEntries());
  }

  @Test
  void sweeperKeepsSessionsWhoseExpiryMovedForward() {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, new LocalStoreOptions()
      .setClock(clock).setSweepInterval(Duration.ofHours(1)));
    String touched = create(store);
    String idle = create(store);
    clock.advance(Duration.ofMinutes(20));
    await(store.touch(touched));
    clock.advance(Duration.ofMinutes(15));

    assertEquals(1, store.sweep());

    assertNotNull(await(store.load(touched, Long.MAX_VALUE)));
    assertNull(await(store.load(idle, Long.MAX_VALUE)));
    assertEquals(1, store.heldEntries());
  }

  @Test
  void sweeperRunsByItselfOnTheEventLoop() throws InterruptedException {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, new LocalStoreOptions()
      .setClock(clock).setSweepInterval(Duration.ofMillis(10)).setSweepBatchSize(7));
    for (int i = 0; i < 50; i++) {
      create(store);
    }
    clock.advance(Duration.ofMillis(IDLE));

    long deadline = System.currentTimeMillis() + 5_000;
    while (store.swept() < 50 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10); // the test thread waits for the event loop; nothing waits for expiry
    }

    assertEquals(50, store.swept());
    assertEquals(0, store.heldEntries());
  }

  @Test
  void fullStoreEvictsTheLeastRecentlyUsedAndLogsIt() {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(LocalSessionStore.class);
    logger.addAppender(log);
    try {
      LocalSessionStore store = LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock)
        .setMaxSessions(3));
      String oldest = create(store);
      clock.advance(Duration.ofSeconds(1));
      String used = create(store);
      clock.advance(Duration.ofSeconds(1));
      create(store);
      clock.advance(Duration.ofSeconds(1));
      await(store.touch(oldest));

      create(store);
      create(store);

      assertEquals(3L, await(store.count()));
      assertEquals(2, store.evictions());
      assertNotNull(await(store.load(oldest, Long.MAX_VALUE)), "touched last: kept");
      assertNull(await(store.load(used, Long.MAX_VALUE)), "least recently used: evicted");
      assertEquals(1, log.list.size(), "logged at most once a minute");
    } finally {
      logger.detachAppender(log);
    }
  }
}
