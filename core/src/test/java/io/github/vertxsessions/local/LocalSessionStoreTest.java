package io.github.vertxsessions.local;

import io.github.vertxsessions.local.impl.LocalSessionStoreImpl;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only the local store does: one shared store per Vert.x instance and name, sweeping in bounded slices, and
 * eviction at its cap.
 */
@ExtendWith(VertxExtension.class)
class LocalSessionStoreTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();
  private static final Duration FAST_SWEEPS = Duration.ofMillis(10);

  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }
  private final TestClock clock = new TestClock();

  private LocalStoreOptions options() {
    return new LocalStoreOptions().setClock(clock);
  }

  private String create(SessionStore store) throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "");
    long now = clock.millis();
    store.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("n", 1)).createdAt(now)
      .idleTimeout(IDLE).build())).await(10, SECONDS);
    return id;
  }

  /** Waits on the test thread (never an event loop) until {@code value} reaches {@code expected}, 10 s at most. */
  private static long awaitAtLeast(long expected, LongSupplier value) {
    return eventually(Duration.ofSeconds(10), expected + " sessions swept", value::getAsLong, n -> n >= expected);
  }

  @Test
  void storesCreatedOnOneVertxShareTheirSessions() throws Exception {
    LocalSessionStore first = LocalSessionStore.create(vertx, options());
    LocalSessionStore second = LocalSessionStore.create(vertx, options());
    LocalSessionStore byName = LocalSessionStore.create(vertx, LocalSessionStore.DEFAULT_NAME, options());

    String id = create(first);

    assertNotNull(second.load(id, Long.MAX_VALUE).await(10, SECONDS));
    assertNotNull(byName.load(id, Long.MAX_VALUE).await(10, SECONDS));
    assertEquals(1L, second.count().await(10, SECONDS));
  }

  @Test
  void storesWithoutOptionsShareTheDefaultStore() throws Exception {
    LocalSessionStore first = LocalSessionStore.create(vertx);
    LocalSessionStore second = LocalSessionStore.create(vertx);
    long now = first.clock().millis();
    String id = UUID.randomUUID().toString();

    first.save(SessionDelta.creationOf(SessionRecord.builder(id).createdAt(now).idleTimeout(IDLE).build()))
      .await(10, SECONDS);

    assertNotNull(second.load(id, Long.MAX_VALUE).await(10, SECONDS));
  }

  @Test
  void storesOfDifferentNamesDoNotShare() throws Exception {
    LocalSessionStore carts = LocalSessionStore.create(vertx, "carts", options());
    LocalSessionStore admin = LocalSessionStore.create(vertx, "admin", options());

    String id = create(carts);

    assertNull(admin.load(id, Long.MAX_VALUE).await(10, SECONDS));
    assertEquals(0L, admin.count().await(10, SECONDS));
  }

  @Test
  void storesOfDifferentVertxInstancesDoNotShare() throws Exception {
    Vertx other = Vertx.vertx();
    try {
      LocalSessionStore here = LocalSessionStore.create(vertx, options());
      LocalSessionStore there = LocalSessionStore.create(other, options());

      String id = create(here);

      assertNull(there.load(id, Long.MAX_VALUE).await(10, SECONDS));
    } finally {
      other.close().await(10, SECONDS);
    }
  }

  @Test
  void theFirstCreationsOptionsWinAndADifferentLaterOneIsLogged() throws Exception {
    try (LogCapture log = LogCapture.of(LocalSessionStore.class)) {
      LocalSessionStore first = LocalSessionStore.create(vertx, options().setMaxSessions(2));
      LocalSessionStore later = LocalSessionStore.create(vertx, new LocalStoreOptions().setMaxSessions(10));
      LocalSessionStore.create(vertx, options().setMaxSessions(2));

      for (int i = 0; i < 3; i++) {
        create(later);
      }

      assertSame(clock, later.clock(), "the first creation's clock");
      assertEquals(2L, first.count().await(10, SECONDS), "the first creation's cap");
      assertEquals(1, log.warnings().stream().filter(w -> w.contains("already exists")).count(),
        "one warning, for the creation whose options differ: " + log.events());
    }
  }

  @Test
  void clockIsTheOneOfTheOptions() {
    assertSame(clock, LocalSessionStore.create(vertx, "clocked", options()).clock());
  }

  @Test
  void closingOneStoreLeavesTheOtherWorkingAndSweeping() throws Exception {
    LocalSessionStore closed = LocalSessionStore.create(vertx, options().setSweepInterval(FAST_SWEEPS));
    LocalSessionStore open = LocalSessionStore.create(vertx, options().setSweepInterval(FAST_SWEEPS));
    String kept = create(closed);
    for (int i = 0; i < 9; i++) {
      create(open);
    }

    closed.close().await(10, SECONDS);

    assertNotNull(open.load(kept, Long.MAX_VALUE).await(10, SECONDS), "the other handle still sees every session");
    assertThrows(IllegalStateException.class, () -> closed.load(kept, Long.MAX_VALUE).await(10, SECONDS));
    clock.advance(Duration.ofMillis(IDLE));
    assertEquals(10, awaitAtLeast(10, open::swept), "the sweeper still runs");
  }

  @Test
  void closingAStoreTwiceReleasesItOnce() throws Exception {
    LocalSessionStore twice = LocalSessionStore.create(vertx, options());
    LocalSessionStore open = LocalSessionStore.create(vertx, options());
    String id = create(open);

    twice.close().await(10, SECONDS);
    twice.close().await(10, SECONDS);

    assertNotNull(LocalSessionStore.create(vertx, options()).load(id, Long.MAX_VALUE).await(10, SECONDS),
      "still one open handle: the store is still there");
  }

  @Test
  void closingTheLastStoreStopsTheSweeperAndALaterCreationStartsEmpty() throws Exception {
    LocalSessionStore first = LocalSessionStore.create(vertx, options().setSweepInterval(FAST_SWEEPS));
    LocalSessionStore second = LocalSessionStore.create(vertx, options().setSweepInterval(FAST_SWEEPS));
    String id = create(first);
    assertNotNull(second.load(id, Long.MAX_VALUE).await(10, SECONDS));

    first.close().await(10, SECONDS);
    second.close().await(10, SECONDS);
    // a slice that had already started when the store closed runs out before anything expires
    vertx.timer(FAST_SWEEPS.multipliedBy(20).toMillis()).await(10, SECONDS);
    clock.advance(Duration.ofMillis(IDLE));
    // no proof of absence: a sweeper left running would have run ten times meanwhile on all but a stalled machine
    vertx.timer(FAST_SWEEPS.multipliedBy(10).toMillis()).await(10, SECONDS);

    assertEquals(0, second.swept(), "no sweeper after the last close");
    LocalSessionStore fresh = LocalSessionStore.create(vertx, options());
    assertEquals(0L, fresh.count().await(10, SECONDS));
    assertNull(fresh.load(id, 0).await(10, SECONDS));
  }

  /** A verticle that only opens the store, as an application's verticles do. */
  private static final class StoreOpener extends VerticleBase {
    private final AtomicReference<LocalSessionStore> opened;
    private final LocalStoreOptions options;

    StoreOpener(AtomicReference<LocalSessionStore> opened, LocalStoreOptions options) {
      this.opened = opened;
      this.options = options;
    }

    @Override
    public Future<?> start() {
      opened.set(LocalSessionStore.create(vertx, options));
      return Future.succeededFuture();
    }
  }

  @Test
  void sweeperOutlivesTheVerticleThatCreatedTheStore() throws Exception {
    AtomicReference<LocalSessionStore> opened = new AtomicReference<>();
    String deployment = vertx.deployVerticle(new StoreOpener(opened, options().setSweepInterval(FAST_SWEEPS)))
      .await(10, SECONDS);
    LocalSessionStore store = opened.get();
    for (int i = 0; i < 10; i++) {
      create(store);
    }

    vertx.undeploy(deployment).await(10, SECONDS);
    clock.advance(Duration.ofMillis(IDLE));

    assertEquals(10, awaitAtLeast(10, store::swept));
  }

  @Test
  void capHoldsAtEveryMomentWhileThreadsCreateSessions() throws Exception {
    int maxSessions = 1_000;
    int threads = 4;
    int perThread = 50_000;
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, options()
      .setMaxSessions(maxSessions).setSweepInterval(Duration.ofHours(1)));
    AtomicBoolean creating = new AtomicBoolean(true);
    AtomicLong mostHeld = new AtomicLong();
    AtomicLong mostCounted = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (creating.get()) {
        mostHeld.accumulateAndGet(store.heldEntries(), Math::max);
        mostCounted.accumulateAndGet(store.count().result(), Math::max);
      }
    });
    ExecutorService creators = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
    try (LogCapture log = LogCapture.of(LocalSessionStore.class)) {
      sampler.start();
      for (int t = 0; t < threads; t++) {
        runs.add(creators.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            create(store);
          }
          return null;
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> run : runs) {
        run.get();
      }
      assertFalse(log.warnings().isEmpty(), "the evictions are logged");
      assertTrue(log.warnings().stream().allMatch(line -> line.contains("evicting the least recently used")),
        log.warnings().toString());
    } finally {
      creating.set(false);
      sampler.join();
      creators.shutdownNow();
    }

    assertTrue(mostHeld.get() <= maxSessions, "held " + mostHeld + " entries at one moment");
    assertTrue(mostCounted.get() <= maxSessions, "counted " + mostCounted + " sessions at one moment");
    assertEquals(maxSessions, store.count().await(10, SECONDS));
    assertEquals(maxSessions, store.heldEntries());
    assertEquals((long) threads * perThread - maxSessions, store.evictions());
  }

  @Test
  void anIdChangeRacingSavesOnAnotherThreadLosesNoneThatSucceeded() throws Exception {
    LocalSessionStore store = LocalSessionStore.create(vertx, options());
    ExecutorService saver = Executors.newSingleThreadExecutor();
    try {
      for (int round = 0; round < 200; round++) {
        String id = create(store);
        String newId = id + "-moved";
        CountDownLatch start = new CountDownLatch(1);
        java.util.concurrent.Future<Set<String>> saved = saver.submit(() -> {
          Set<String> succeeded = new java.util.HashSet<>();
          start.await();
          for (int i = 0; i < 50; i++) {
            SessionRecord base = SessionRecord.builder(id).version(1).createdAt(0).idleTimeout(IDLE).build();
            if (store.save(SessionDelta.changesTo(base, Map.of("k" + i, i), Set.of())).succeeded()) {
              succeeded.add("k" + i);
            }
          }
          return succeeded;
        });
        start.countDown();
        Future<Long> moving = store.changeId(id, newId);
        Set<String> succeeded = saved.get();

        // a change that meets a save at every attempt gives up and leaves the session where it was
        String kept = moving.succeeded() ? newId : id;
        if (moving.failed()) {
          assertInstanceOf(IllegalStateException.class, moving.cause(), "round " + round);
        }
        SessionRecord session = store.load(kept, Long.MAX_VALUE).await(10, SECONDS);
        assertTrue(session.data().keySet().containsAll(succeeded), "round " + round + ": a save that succeeded is lost");
        assertNull(store.load(moving.succeeded() ? id : newId, Long.MAX_VALUE).await(10, SECONDS), "round " + round);
      }
    } finally {
      saver.shutdownNow();
    }
  }

  @Test
  void aCreationThatFailsGivesItsSlotBack() throws Exception {
    LocalSessionStore store = LocalSessionStore.create(vertx, options().setMaxSessions(1));
    long now = clock.millis();
    JsonObject uncopyable = new JsonObject().put("thread", new Object()); // only the handler checks values on put
    SessionRecord broken = SessionRecord.builder("broken").data(Map.of("o", uncopyable)).createdAt(now)
      .idleTimeout(IDLE).build();
    assertThrows(RuntimeException.class, () -> store.save(SessionDelta.creationOf(broken)));

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> create(store), "the only slot is free again");
    assertEquals(1L, store.count().await(10, SECONDS));
  }

  @Test
  void sweeperRemovesExpiredSessionsInBoundedSlices() throws Exception {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, options()
      .setSweepBatchSize(100).setSweepInterval(Duration.ofHours(1)));
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
  void sweeperKeepsSessionsWhoseExpiryMovedForward() throws Exception {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, options()
      .setSweepInterval(Duration.ofHours(1)));
    String touched = create(store);
    String idle = create(store);
    clock.advance(Duration.ofMinutes(20));
    store.touch(touched).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(15));

    assertEquals(1, store.sweep());

    assertNotNull(store.load(touched, Long.MAX_VALUE).await(10, SECONDS));
    assertNull(store.load(idle, Long.MAX_VALUE).await(10, SECONDS));
    assertEquals(1, store.heldEntries());
  }

  @Test
  void aSessionWhoseExpiryMovedEarlierIsSweptAtTheEarlierTime() throws Exception {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, options()
      .setSweepInterval(Duration.ofHours(1)));
    String id = create(store);
    SessionRecord loaded = store.load(id, Long.MAX_VALUE).await(10, SECONDS);
    long shorter = Duration.ofMinutes(5).toMillis();
    store.save(SessionDelta.changesTo(SessionRecord.builder(id).version(loaded.version())
      .createdAt(loaded.createdAt()).lastAccessedAt(loaded.lastAccessedAt()).idleTimeout(shorter).cookieMaxAge(shorter)
      .build(), Map.of(), Set.of())).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(6));

    assertEquals(1, store.sweep(), "swept at its new, earlier expiry, not at the first one");
    assertEquals(0, store.heldEntries());
  }

  @Test
  void countAndSweepSeeThroughIndexEntriesOfSessionsUsedSince() throws Exception {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, options()
      .setSweepInterval(Duration.ofHours(1)));
    String used = create(store);
    create(store);
    clock.advance(Duration.ofMinutes(20));
    store.touch(used).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(15)); // the idle one expired; the used one's first index entry is due too

    assertEquals(1L, store.count().await(10, SECONDS), "the used session is live, whatever its old index entry says");
    assertEquals(1, store.sweep());
    assertEquals(0, store.sweep(), "the used session was filed again at its real expiry, not swept");
    assertEquals(1L, store.count().await(10, SECONDS));
    clock.advance(Duration.ofMinutes(16));
    assertEquals(1, store.sweep(), "and swept once that one is due");
    assertEquals(0L, store.count().await(10, SECONDS));
  }

  @Test
  void sweeperRunsByItselfOnTheEventLoop() throws Exception {
    LocalSessionStoreImpl store = (LocalSessionStoreImpl) LocalSessionStore.create(vertx, options()
      .setSweepInterval(FAST_SWEEPS).setSweepBatchSize(7));
    for (int i = 0; i < 50; i++) {
      create(store);
    }
    clock.advance(Duration.ofMillis(IDLE));

    assertEquals(50, awaitAtLeast(50, store::swept));
    assertEquals(0, store.heldEntries());
  }

  @Test
  void fullStoreEvictsTheLeastRecentlyUsedAndLogsIt() throws Exception {
    try (LogCapture log = LogCapture.of(LocalSessionStore.class)) {
      LocalSessionStore store = LocalSessionStore.create(vertx, options().setMaxSessions(3));
      String oldest = create(store);
      clock.advance(Duration.ofSeconds(1));
      String used = create(store);
      clock.advance(Duration.ofSeconds(1));
      create(store);
      clock.advance(Duration.ofSeconds(1));
      store.touch(oldest).await(10, SECONDS);

      create(store);
      create(store);

      assertEquals(3L, store.count().await(10, SECONDS));
      assertEquals(2, store.evictions());
      assertNotNull(store.load(oldest, Long.MAX_VALUE).await(10, SECONDS), "touched last: kept");
      assertNull(store.load(used, Long.MAX_VALUE).await(10, SECONDS), "least recently used: evicted");
      assertEquals(1, log.events().size(), "logged at most once a minute");
    }
  }
}
