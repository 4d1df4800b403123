package io.github.vertxsessions;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The observers added on one Vert.x instance, told as one. Applications change it with
 * {@link SessionObserver#add(Vertx, SessionObserver)} and {@link SessionObserver#remove(Vertx, SessionObserver)} and
 * need nothing else here; what reports sessions (the handler, the registry, the stores, through
 * {@code spi.support.SessionMonitor}) tells it what happens. An observer that throws is logged at {@code DEBUG} and
 * the others are still told.
 */
public final class SessionObservers implements SessionObserver, Shareable {

  private static final Logger LOG = LoggerFactory.getLogger(SessionObservers.class);
  private static final String SHARED_MAP = "io.github.vertxsessions.observers";

  private final List<SessionObserver> observers = new CopyOnWriteArrayList<>();

  private SessionObservers() {
  }

  /**
   * The observers of {@code vertx}, none until the first is added.
   *
   * @param vertx the Vert.x instance
   * @return its observers
   */
  public static SessionObservers of(Vertx vertx) {
    return vertx.sharedData().<String, SessionObservers>getLocalMap(SHARED_MAP)
      .computeIfAbsent("observers", name -> new SessionObservers());
  }

  void add(SessionObserver observer) {
    observers.add(Objects.requireNonNull(observer, "observer"));
  }

  void remove(SessionObserver observer) {
    observers.remove(observer);
  }

  /**
   * Whether no observer is added: reporters skip measuring what nobody would be told.
   *
   * @return true when telling these observers does nothing
   */
  public boolean isEmpty() {
    return observers.isEmpty();
  }

  @Override
  public void onEvent(SessionEvent event) {
    tell(observer -> observer.onEvent(event));
  }

  @Override
  public void onStoreCall(String store, StoreOperation operation, long durationNanos, Throwable failure) {
    tell(observer -> observer.onStoreCall(store, operation, durationNanos, failure));
  }

  @Override
  public void onStoreUnavailable(String store, Throwable cause) {
    tell(observer -> observer.onStoreUnavailable(store, cause));
  }

  @Override
  public void onAutomaticSaveFailed(String store, Throwable cause, boolean outcomeUnknown) {
    tell(observer -> observer.onAutomaticSaveFailed(store, cause, outcomeUnknown));
  }

  @Override
  public void onLateSaveRefused(String store) {
    tell(observer -> observer.onLateSaveRefused(store));
  }

  @Override
  public void onDeleteFailed(String store, Throwable cause, boolean retrying) {
    tell(observer -> observer.onDeleteFailed(store, cause, retrying));
  }

  private void tell(Consumer<SessionObserver> call) {
    for (SessionObserver observer : observers) {
      try {
        call.accept(observer);
      } catch (RuntimeException e) {
        LOG.debug("A session observer failed: {}", e.toString());
      }
    }
  }
}
