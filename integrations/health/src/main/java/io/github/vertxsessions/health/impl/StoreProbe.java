package io.github.vertxsessions.health.impl;

import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One bounded load of an ID no session has, timed, as a health status; until the store has answered once, the load
 * that opens its connection, bounded by the connect timeout instead.
 */
public final class StoreProbe {

  /** A load that never marks the session accessed: the probe writes nothing, even to a store that found one. */
  private static final long NEVER_TOUCH = Long.MAX_VALUE;

  private final Vertx vertx;
  private final SessionStore store;
  private final long timeoutMillis;
  private final long connectTimeoutMillis;
  /**
   * The load that waits for the store's first answer: still running, failed (the next cold run sends another), or
   * succeeded, from when on every run is timed on its own. Shared, so that a run made while it is under way waits for
   * it rather than queueing a second load behind the connection's set-up.
   */
  private final AtomicReference<Future<SessionRecord>> first = new AtomicReference<>();
  /** Set before the first successful load completes, so a run that saw it succeed is followed by warm runs only. */
  private volatile boolean answered;

  /**
   * A probe of {@code store} that waits at most {@code timeout} for an answer, and at most {@code connectTimeout} for
   * the store's first one.
   *
   * @param vertx          the Vert.x instance the store runs on
   * @param store          the store to probe
   * @param timeout        the bound of a run once the store has answered; positive
   * @param connectTimeout the bound of a run until then; not below {@code timeout}
   */
  public StoreProbe(Vertx vertx, SessionStore store, Duration timeout, Duration connectTimeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    this.timeoutMillis = positiveMillis("timeout", timeout);
    this.connectTimeoutMillis = positiveMillis("connectTimeout", connectTimeout);
    if (connectTimeoutMillis < timeoutMillis) {
      throw new IllegalArgumentException("the probe's connectTimeout (" + connectTimeout
        + ") must not be below its timeout (" + timeout + ")");
    }
  }

  /**
   * Sends the load that waits for the store's first answer now, without waiting for it: the store opens its
   * connection while the application starts, not when the first health check comes.
   *
   * @return this probe
   */
  public StoreProbe connect() {
    pendingFirst();
    return this;
  }

  /**
   * Probes once: UP or DOWN with the data the module's Javadoc documents; never fails.
   *
   * @return the status, on the caller's context, within the timeout that applies to this run
   */
  public Future<Status> run() {
    Context context = vertx.getOrCreateContext();
    long start = System.nanoTime();
    if (!answered) {
      Future<SessionRecord> firstAnswer = pendingFirst();
      if (firstAnswer != null) {
        return timed(context, start, firstAnswer, connectTimeoutMillis, true).onSuccess(status -> {
          if (!status.isOk()) {
            // a load that outlived the connect timeout is dropped: the next cold run sends a fresh one rather than
            // waiting on a connection attempt that may never end (its late success still counts as the answer)
            first.compareAndSet(firstAnswer, null);
          }
        });
      }
    }
    return timed(context, start, load(), timeoutMillis, false);
  }

  /**
   * Probes once, bounded by the timeout whether or not the store has answered before: a probe made on its own cannot
   * tell, so its timeout covers whatever set-up the store's connection still needs.
   *
   * @return the status, on the caller's context, within the timeout
   */
  public Future<Status> runAlone() {
    return timed(vertx.getOrCreateContext(), System.nanoTime(), load(), timeoutMillis, false);
  }

  /** The load waiting for the store's first answer, sent now unless one is under way; null once one succeeded. */
  private Future<SessionRecord> pendingFirst() {
    while (true) {
      Future<SessionRecord> current = first.get();
      if (current != null && current.succeeded()) {
        return null;
      }
      if (current != null && !current.isComplete()) {
        return current;
      }
      Promise<SessionRecord> attempt = Promise.promise();
      if (first.compareAndSet(current, attempt.future())) {
        load().onComplete(ar -> {
          if (ar.succeeded()) {
            answered = true;
          }
          attempt.handle(ar);
        });
        return attempt.future();
      }
    }
  }

  private Future<SessionRecord> load() {
    try {
      return store.load(absentId(), NEVER_TOUCH);
    } catch (RuntimeException e) { // a store that throws instead of failing its future is down all the same
      return Future.failedFuture(e);
    }
  }

  private Future<Status> timed(Context context, long start, Future<SessionRecord> load, long boundMillis,
                               boolean cold) {
    return CallerContext.within(context, load, boundMillis, store.type()).transform(ar -> {
      JsonObject data = new JsonObject().put("store", store.type())
        .put("latencyMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      if (cold) {
        data.put("cold", true);
      }
      return Future.succeededFuture(ar.succeeded() ? Status.OK(data)
        : Status.KO(data.put("cause", ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage())));
    });
  }

  private static long positiveMillis(String name, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("the probe's " + name + " must be positive, not " + duration);
    }
    return duration.toMillis();
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
