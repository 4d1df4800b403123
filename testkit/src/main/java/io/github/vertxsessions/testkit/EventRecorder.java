package io.github.vertxsessions.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.github.vertxsessions.testkit.Eventually.eventually;

/** The session events published at one event-bus address, as a consumer of it receives them. */
public final class EventRecorder implements AutoCloseable {

  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final MessageConsumer<JsonObject> consumer;

  /** The longest wait for the events a test awaits: they follow a request that was answered already. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  /**
   * How long {@link #awaitType} listens on for a duplicate. No wait proves there is none; a duplicate is published
   * with the original, and this much later it has arrived on any machine but an overloaded one, where it may be
   * missed, never wrongly reported.
   */
  private static final long DUPLICATE_WINDOW_MILLIS = 100;

  private EventRecorder(Vertx vertx, String address) throws TimeoutException {
    consumer = vertx.eventBus().consumer(address, message -> received.add(message.body()));
    consumer.completion().await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Starts recording what is published at {@code address} on {@code vertx}'s event bus; returns once the consumer
   * is registered.
   *
   * @throws TimeoutException if the consumer is not registered within 10 s
   */
  public static EventRecorder on(Vertx vertx, String address) throws TimeoutException {
    return new EventRecorder(vertx, address);
  }

  /** Every event so far, in the order received. */
  public List<JsonObject> events() {
    return List.copyOf(received);
  }

  /** The events of one type so far, such as {@code "created"}. */
  public List<JsonObject> ofType(String type) {
    return received.stream().filter(e -> type.equals(e.getString("type"))).toList();
  }

  /**
   * Waits, at most 10 s, until {@code count} events of {@code type} have arrived, then a little longer so that a
   * duplicate would have arrived too; returns those of that type.
   *
   * @throws AssertionError if fewer arrived within 10 s
   */
  public List<JsonObject> awaitType(String type, int count) {
    eventually(PATIENCE, count + " '" + type + "' events", () -> ofType(type), found -> found.size() >= count);
    try {
      Thread.sleep(DUPLICATE_WINDOW_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while listening for duplicates", e);
    }
    return ofType(type);
  }

  /** Forgets what was received so far. */
  public void clear() {
    received.clear();
  }

  /**
   * Unregisters the consumer.
   *
   * @throws TimeoutException if it is not unregistered within 10 s
   */
  @Override
  public void close() throws TimeoutException {
    consumer.unregister().await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }
}
