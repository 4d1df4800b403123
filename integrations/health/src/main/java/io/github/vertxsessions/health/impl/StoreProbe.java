package io.github.vertxsessions.health.impl;

import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** One bounded load of an ID no session has, timed, as a health status. */
public final class StoreProbe {

  /** A load that never marks the session accessed: the probe writes nothing, even to a store that found one. */
  private static final long NEVER_TOUCH = Long.MAX_VALUE;

  private final Vertx vertx;
  private final SessionStore store;
  private final long timeoutMillis;

  /** A probe of {@code store} that waits at most {@code timeout}. */
  public StoreProbe(Vertx vertx, SessionStore store, Duration timeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the probe's timeout must be positive, not " + timeout);
    }
    this.timeoutMillis = timeout.toMillis();
  }

  /** Probes once: UP or DOWN with the data the module's Javadoc documents; never fails. */
  public Future<Status> run() {
    Context context = vertx.getOrCreateContext();
    long start = System.nanoTime();
    Future<?> load;
    try {
      load = store.load(absentId(), NEVER_TOUCH);
    } catch (RuntimeException e) { // a store that throws instead of failing its future is down all the same
      load = Future.failedFuture(e);
    }
    return CallerContext.within(context, load, timeoutMillis, store.type()).transform(ar -> {
      JsonObject data = new JsonObject().put("store", store.type())
        .put("latencyMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return Future.succeededFuture(ar.succeeded() ? Status.OK(data)
        : Status.KO(data.put("cause", ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage())));
    });
  }

  /**
   * 256 random bits in the form of a session ID, which no session has (the chance of a hit is 2^-256), so the load
   * costs what a real one does for a miss, on any store. Not secret, so no SecureRandom is needed.
   */
  private static String absentId() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
