package io.github.vertxsessions.bench.micro;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the local store's sweeper holds the event loop: {@code SweeperTicks <sessions>} fills a store with that
 * many sessions, times sweep ticks while nothing is due, then lets every session expire at once and times each tick
 * until all are gone. The store's own timer is pushed a day away so that only these ticks run; each tick is the
 * same bounded slice the timer would run on the event loop, timed here on the calling thread (see {@link Ticks}).
 */
public final class SweeperTicks {

  private static final int IDLE_TICKS = 10_000;

  private SweeperTicks() {
  }

  public static void main(String[] args) {
    int sessions = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    // the same run on a tenth of the sessions first, so that the figures are those of compiled code
    measure(vertx, Math.max(1, sessions / 10));
    JsonObject result = measure(vertx, sessions);
    vertx.close();
    MicroResult.print(result);
  }

  private static JsonObject measure(Vertx vertx, int sessions) {
    TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    LocalSessionStore store = LocalSessionStore.create(vertx, new LocalStoreOptions()
      .setMaxSessions(sessions)
      .setSweepInterval(Duration.ofDays(1))
      .setClock(clock));
    long fillStart = System.nanoTime();
    for (int i = 0; i < sessions; i++) {
      if (i % 1_000 == 0) {
        clock.advance(Duration.ofMillis(1)); // a thousand log-ins a millisecond: expiries spread as traffic's do
      }
      Sessions.create(store, Sessions.creation(i, clock.millis()));
    }
    long fillNanos = System.nanoTime() - fillStart;

    Ticks idle = new Ticks(IDLE_TICKS);
    while (!idle.isFull()) {
      idle.time(store::sweep);
    }

    clock.advance(Sessions.IDLE_TIMEOUT.plusMinutes(1));
    Ticks expiring = new Ticks(sessions + 1);
    while (store.heldEntries() > 0 && !expiring.isFull()) {
      expiring.time(store::sweep);
    }
    long left = store.heldEntries();
    store.close();
    return new JsonObject()
      .put("sessions", sessions)
      .put("batchSize", LocalStoreOptions.DEFAULT_SWEEP_BATCH_SIZE)
      .put("fillMillis", fillNanos / 1_000_000.0)
      .put("idle", idle.summary())
      .put("expiring", expiring.summary())
      .put("swept", store.swept())
      .put("leftAfterSweeping", left);
  }
}
