package io.github.vertxsessions.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.vertxsessions.testkit.Await.await;

/** The session events published at one event-bus address, as a consumer of it receives them. */
public final class EventRecorder implements AutoCloseable {

  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final MessageConsumer<JsonObject> consumer;

  private EventRecorder(Vertx vertx, String address) {
    consumer = vertx.eventBus().consumer(address, message -> received.add(message.body()));
    await(consumer.completion());
  }

  /** Starts recording what is published at {@code address} on {@code vertx}'s event bus. */
  public static EventRecorder on(Vertx vertx, String address) {
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
   */
  public List<JsonObject> awaitType(String type, int count) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ofType(type).size() < count && System.nanoTime() < deadline) {
      pause(10);
    }
    pause(100);
    return ofType(type);
  }

  /** Forgets what was received so far. */
  public void clear() {
    received.clear();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(consumer.unregister());
  }
}
