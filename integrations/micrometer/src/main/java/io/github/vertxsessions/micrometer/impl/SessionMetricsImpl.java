package io.github.vertxsessions.micrometer.impl;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionObserver;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.micrometer.SessionMetrics;
import io.github.vertxsessions.micrometer.impl.StoreMeters.CallOutcome;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionGoneException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The observer that turns a Vert.x instance's session reports into meters. */
public final class SessionMetricsImpl implements SessionMetrics, SessionObserver {

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final Tags tags;
  private final ConcurrentMap<String, StoreMeters> stores = new ConcurrentHashMap<>();
  /** Every meter this binding registered, guarded by {@code this}. */
  private final List<Meter> registered = new ArrayList<>();
  private volatile boolean closed;

  private SessionMetricsImpl(Vertx vertx, MeterRegistry registry, Tags tags) {
    this.vertx = vertx;
    this.registry = registry;
    this.tags = tags;
  }

  /** A binding that observes the sessions of {@code vertx} from now on. */
  public static SessionMetrics bind(Vertx vertx, MeterRegistry registry, Iterable<Tag> tags) {
    SessionMetricsImpl metrics = new SessionMetricsImpl(Objects.requireNonNull(vertx, "vertx"),
      Objects.requireNonNull(registry, "registry"), Tags.of(Objects.requireNonNull(tags, "tags")));
    SessionObserver.add(vertx, metrics);
    return metrics;
  }

  @Override
  public synchronized SessionMetrics bindLocalStore(LocalSessionStore store, Iterable<Tag> extraTags) {
    Objects.requireNonNull(store, "store");
    if (closed) {
      throw new IllegalStateException("These session metrics are closed");
    }
    Tags gaugeTags = tags.and(extraTags).and("store", store.type());
    List<Tag> exact = gaugeTags.stream().toList();
    if (registry.find(LOCAL_HELD).gauges().stream().anyMatch(g -> g.getId().getTags().equals(exact))) {
      throw new IllegalStateException("A local store's gauge is already bound with the tags " + exact
        + ": give each local store tags of its own");
    }
    // a strong reference: the gauge lives until close(), even if the application keeps no handle on the store
    registered.add(Gauge.builder(LOCAL_HELD, store, LocalSessionStore::heldEntries).tags(gaugeTags).strongReference(true)
      .description("Sessions the local store holds in memory, expired ones not yet swept included")
      .register(registry));
    return this;
  }

  @Override
  public void onEvent(SessionEvent event) {
    StoreMeters meters = meters(event.store());
    if (meters != null) {
      meters.event(event.type()).increment();
    }
  }

  @Override
  public void onStoreCall(String store, StoreOperation operation, long durationNanos, Throwable failure) {
    StoreMeters meters = meters(store);
    if (meters != null) {
      meters.call(operation, outcome(failure)).record(durationNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void onStoreUnavailable(String store, Throwable cause) {
    StoreMeters meters = meters(store);
    if (meters != null) {
      meters.unavailable(cause instanceof TimeoutException).increment();
    }
  }

  @Override
  public void onAutomaticSaveFailed(String store, Throwable cause, boolean outcomeUnknown) {
    StoreMeters meters = meters(store);
    if (meters != null) {
      meters.saveFailed(outcomeUnknown).increment();
    }
  }

  @Override
  public void onLateSaveRefused(String store) {
    StoreMeters meters = meters(store);
    if (meters != null) {
      meters.saveRefused().increment();
    }
  }

  @Override
  public void onDeleteFailed(String store, Throwable cause, boolean retrying) {
    StoreMeters meters = meters(store);
    if (meters != null) {
      meters.deleteFailed(retrying).increment();
    }
  }

  /** A gone session or a taken ID is the store keeping its contract, not the store failing. */
  private static CallOutcome outcome(Throwable failure) {
    if (failure == null) {
      return CallOutcome.SUCCESS;
    }
    return failure instanceof SessionGoneException || failure instanceof DuplicateSessionIdException
      ? CallOutcome.REFUSED : CallOutcome.FAILURE;
  }

  /** The meters of {@code store}, registered at its first report; null once closed. */
  private StoreMeters meters(String store) {
    StoreMeters meters = stores.get(store);
    return meters != null || closed ? meters : register(store);
  }

  private synchronized StoreMeters register(String store) {
    if (closed) {
      return null;
    }
    return stores.computeIfAbsent(store, type -> new StoreMeters(registry, tags.and("store", type), registered));
  }

  @Override
  public void close() {
    SessionObserver.remove(vertx, this);
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      registered.forEach(registry::remove);
      registered.clear();
      stores.clear();
    }
  }
}
