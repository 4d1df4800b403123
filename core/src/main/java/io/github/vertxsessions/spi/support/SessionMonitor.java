package io.github.vertxsessions.spi.support;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionObserver;
import io.github.vertxsessions.SessionObservers;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * What happens to sessions on one Vert.x instance, in one place: the handler and the stores report here, and it tells
 * the {@link SessionObservers} of that instance (added with {@link SessionObserver#add}) and publishes each
 * {@link SessionEvent} on every event-bus address asked for. With neither, reporting costs two volatile reads. Store
 * authors report what their store observes (expiry, eviction) with {@link #publish}.
 *
 * <p>Events are published, never sent: a consumer that is slow or fails does not reach the publisher, and a clustered
 * event bus carries them to every node.
 */
public final class SessionMonitor implements SessionObserver, Shareable {

  private static final Logger LOG = LoggerFactory.getLogger(SessionMonitor.class);
  private static final String SHARED_MAP = "io.github.vertxsessions.monitor";
  private static final DeliveryOptions EVERY_NODE = new DeliveryOptions();
  private static final DeliveryOptions LOCAL_ONLY = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  private final SessionObservers observers;
  private final Set<String> addresses = new CopyOnWriteArraySet<>();

  private SessionMonitor(Vertx vertx) {
    this.vertx = vertx;
    this.observers = SessionObservers.of(vertx);
  }

  /**
   * The monitor of {@code vertx}, made at its first use.
   *
   * @param vertx the Vert.x instance
   * @return its monitor
   */
  public static SessionMonitor of(Vertx vertx) {
    return vertx.sharedData().<String, SessionMonitor>getLocalMap(SHARED_MAP)
      .computeIfAbsent("monitor", name -> new SessionMonitor(vertx));
  }

  /**
   * Publishes every event from now on at {@code address} too; {@link io.github.vertxsessions.SessionOptions
   * #setEventsAddress} calls this for its handler.
   *
   * @param address an event-bus address, not null
   * @return this monitor
   */
  public SessionMonitor publishTo(String address) {
    addresses.add(Objects.requireNonNull(address, "address"));
    return this;
  }

  /**
   * Whether anyone observes or any address is set; reporters can skip measuring when nobody does.
   *
   * @return true if reports go anywhere
   */
  public boolean isActive() {
    return !observers.isEmpty() || !addresses.isEmpty();
  }

  /**
   * Reports an event: to the observers, then on the event bus.
   *
   * @param event what happened
   */
  public void publish(SessionEvent event) {
    publish(event, EVERY_NODE);
  }

  private void publish(SessionEvent event, DeliveryOptions delivery) {
    if (!isActive()) {
      return;
    }
    onEvent(event);
    if (!addresses.isEmpty()) {
      Object body = event.toJson();
      for (String address : addresses) {
        try {
          vertx.eventBus().publish(address, body, delivery);
        } catch (RuntimeException e) { // a closed event bus at shutdown: an event is never worth a failed request
          LOG.debug("Publishing a session event at {} failed: {}", address, e.toString());
        }
      }
    }
  }

  /**
   * Reports an event that every node observes by itself (such as an expiry every node's store is notified of): to
   * the observers, and on the event bus to this node's consumers only, so that a clustered consumer gets it once.
   *
   * @param event what happened
   */
  public void publishHere(SessionEvent event) {
    publish(event, LOCAL_ONLY);
  }

  /**
   * Reports an event about the session {@code id} of {@code store}, timed by the store's clock; nothing is built when
   * nobody listens.
   *
   * @param type      what happened
   * @param id        the session's full ID, which only its redacted form leaves this call with
   * @param principal the session's user, or null if it has none or it is not known
   * @param store     the store the session is (or was) in
   */
  public void publish(SessionEvent.Type type, String id, String principal, SessionStore store) {
    if (isActive()) {
      publish(SessionEvent.of(type, id, principal, store.type(), store.clock().instant()));
    }
  }

  @Override
  public void onEvent(SessionEvent event) {
    observers.onEvent(event);
  }

  @Override
  public void onStoreCall(String store, StoreOperation operation, long durationNanos, Throwable failure) {
    observers.onStoreCall(store, operation, durationNanos, failure);
  }

  @Override
  public void onStoreUnavailable(String store, Throwable cause) {
    observers.onStoreUnavailable(store, cause);
  }

  @Override
  public void onAutomaticSaveFailed(String store, Throwable cause, boolean outcomeUnknown) {
    observers.onAutomaticSaveFailed(store, cause, outcomeUnknown);
  }

  @Override
  public void onLateSaveRefused(String store) {
    observers.onLateSaveRefused(store);
  }

  @Override
  public void onDeleteFailed(String store, Throwable cause, boolean retrying) {
    observers.onDeleteFailed(store, cause, retrying);
  }
}
