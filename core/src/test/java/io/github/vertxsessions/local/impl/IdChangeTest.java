package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local store's ID change when another thread writes the old ID between the change's two steps (the copy under
 * the new ID, then the removal of the old entry): a save sends it back to the start with what it wrote, a delete makes
 * it fail as gone, and saves at every attempt make it give up, each leaving exactly one entry, or none.
 *
 * <p>The interleaving is forced, not hoped for: the ID change reads its clock at each attempt, and this test's clock
 * then starts the other thread's write, which takes the old entry's lock and holds it until the copy is in.
 */
class IdChangeTest {

  private static final long NOW = 1_767_225_600_000L;
  private static final long IDLE = Duration.ofMinutes(30).toMillis();
  /** Attempts of one ID change that concurrent saves send back to the start before it gives up (IdChange's bound). */
  private static final int MAX_ATTEMPTS = 10;
  private static final String OLD_ID = "old-session-id";

  private final SessionTable table = new SessionTable();
  private final ExecutorService otherThread = Executors.newSingleThreadExecutor();
  /** What the other thread's writes ran into, checked after each test. */
  private final AtomicReference<Throwable> otherThreadFailure = new AtomicReference<>();
  /** The new ID: in another bin of the table's map than the old one, so that the copy does not wait for its lock. */
  private final String newId = idInAnotherBinThan(OLD_ID);

  @AfterEach
  void stop() throws Exception {
    otherThread.shutdownNow();
    assertTrue(otherThread.awaitTermination(10, SECONDS));
    assertNull(otherThreadFailure.get());
  }

  /** A stored session under {@link #OLD_ID} with {@code cart = 3}, version 1, holding its slot. */
  private void storeTheSession() {
    assertTrue(table.takeSlot(0));
    table.update(OLD_ID, (id, current) -> SessionRecord.builder(id).data(Map.of("cart", "3")).version(1)
      .createdAt(NOW).idleTimeout(IDLE).build());
  }

  private static SessionRecord withCart(SessionRecord current, String cart) {
    Map<String, Object> data = new HashMap<>(current.data());
    data.put("cart", cart);
    return current.toBuilder().data(data).version(current.version() + 1).build();
  }

  @Test
  void aSaveBetweenTheTwoStepsStartsTheChangeOverWithWhatItWrote() throws Exception {
    storeTheSession();
    ConcurrentWrites saves = new ConcurrentWrites(1, current -> withCart(current, "4"));

    Future<Long> moved = new IdChange(table, saves).move(OLD_ID, newId);
    saves.awaitFinished();

    assertTrue(moved.succeeded(), String.valueOf(moved.cause()));
    assertEquals(1, saves.started());
    assertEquals(3L, moved.result(), "one version up from the one the save wrote");
    SessionRecord session = table.get(newId);
    assertEquals("4", session.data().get("cart"), "what the save wrote moved with the session");
    assertEquals(3L, session.version());
    assertNull(table.get(OLD_ID));
    assertEquals(1, table.entries());
    assertEquals(1, table.slotsTaken(), "the copies of the attempt given up gave their slots back");
  }

  @Test
  void aChangeThatMeetsASaveAtEveryAttemptGivesUpAndLeavesTheSessionWhereItWas() throws Exception {
    storeTheSession();
    ConcurrentWrites saves = new ConcurrentWrites(MAX_ATTEMPTS, current -> withCart(current, "v" + current.version()));

    Future<Long> moved = new IdChange(table, saves).move(OLD_ID, newId);
    saves.awaitFinished();

    assertTrue(moved.failed());
    assertInstanceOf(IllegalStateException.class, moved.cause());
    assertTrue(moved.cause().getMessage().contains("saved concurrently " + MAX_ATTEMPTS + " times"),
      moved.cause().getMessage());
    assertEquals(MAX_ATTEMPTS, saves.started());
    assertEquals(1L + MAX_ATTEMPTS, table.get(OLD_ID).version(), "every save kept");
    assertNull(table.get(newId));
    assertEquals(1, table.entries());
    assertEquals(1, table.slotsTaken());
  }

  @Test
  void aDeleteBetweenTheTwoStepsFailsTheChangeAsGoneAndTakesTheCopyDownToo() throws Exception {
    storeTheSession();
    ConcurrentWrites deletes = new ConcurrentWrites(1, current -> null);

    Future<Long> moved = new IdChange(table, deletes).move(OLD_ID, newId);
    deletes.awaitFinished();

    assertTrue(moved.failed());
    assertInstanceOf(SessionGoneException.class, moved.cause());
    assertNull(table.get(OLD_ID));
    assertNull(table.get(newId));
    assertEquals(0, table.entries());
    assertEquals(0, table.slotsTaken());
  }

  /**
   * An ID whose hash, as {@code ConcurrentHashMap} spreads it, differs from {@code id}'s in its lowest bit: the two
   * are in different bins whatever the size of the map, so that a compute of one never waits for the other's lock.
   */
  private static String idInAnotherBinThan(String id) {
    for (int i = 0; ; i++) {
      String candidate = "new-session-id-" + i;
      if (((spread(candidate.hashCode()) ^ spread(id.hashCode())) & 1) != 0) {
        return candidate;
      }
    }
  }

  private static int spread(int hash) {
    return (hash ^ (hash >>> 16)) & 0x7fffffff;
  }

  /**
   * The ID change's clock. Each time the change reads it while no write is under way, up to {@code count} times, it
   * starts {@code write} of the old entry on the other thread and returns once that write holds the entry's lock; the
   * write completes once the change has put its copy under the new ID, so it lands between the change's two steps.
   */
  private final class ConcurrentWrites extends Clock {

    private final int count;
    private final UnaryOperator<SessionRecord> write;
    private final Thread changing = Thread.currentThread();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicBoolean underWay = new AtomicBoolean();
    private volatile java.util.concurrent.Future<?> last = CompletableFuture.completedFuture(null);

    ConcurrentWrites(int count, UnaryOperator<SessionRecord> write) {
      this.count = count;
      this.write = write;
    }

    int started() {
      return started.get();
    }

    /**
     * Waits until the last write has returned: a write that removes the entry gives its slot back only then, after
     * the ID change may have finished.
     */
    void awaitFinished() throws Exception {
      last.get(10, SECONDS);
    }

    @Override
    public long millis() {
      if (Thread.currentThread() == changing && started.get() < count && underWay.compareAndSet(false, true)) {
        started.incrementAndGet();
        CountDownLatch holding = new CountDownLatch(1);
        last = otherThread.submit(() -> {
          try {
            table.update(OLD_ID, (id, current) -> {
              holding.countDown();
              awaitTheCopy();
              // cleared before the compute returns, so the change sees it once it has the entry's lock
              underWay.set(false);
              return current == null ? null : write.apply(current);
            });
          } catch (Throwable e) {
            otherThreadFailure.set(e);
            holding.countDown();
          }
        });
        try {
          assertTrue(holding.await(10, SECONDS), "the other thread's write did not start");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return NOW;
    }

    private void awaitTheCopy() {
      long deadline = System.nanoTime() + SECONDS.toNanos(10);
      while (table.get(newId) == null) { // a read: allowed inside the compute of another key
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("The ID change never put its copy under the new ID");
        }
        Thread.onSpinWait();
      }
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
