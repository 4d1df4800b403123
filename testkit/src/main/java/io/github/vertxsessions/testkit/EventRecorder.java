package io.github.vertxsessions.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxTestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The session events published at one event-bus address, as a consumer of it receives them, and the test's
 * expectations of them: {@link #expect} ties a number of events of one type to a {@link VertxTestContext}, whose
 * checkpoints they flag as they arrive, and which one more of that type fails.
 */
public final class EventRecorder implements AutoCloseable {

  /** The longest wait for the consumer's registration and unregistration. */
  private static final long PATIENCE_SECONDS = 10;

  private final List<JsonObject> received = new ArrayList<>();
  private final List<Expectation> expectations = new ArrayList<>();
  private final MessageConsumer<JsonObject> consumer;
  /** The first event beyond an expectation, kept for {@link #close} should it arrive after the test's context ended. */
  private AssertionError excess;

  private EventRecorder(Vertx vertx, String address) throws TimeoutException {
    consumer = vertx.eventBus().consumer(address, message -> record(message.body()));
    consumer.completion().await(PATIENCE_SECONDS, TimeUnit.SECONDS);
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

  private synchronized void record(JsonObject event) {
    received.add(event);
    for (Expectation expectation : expectations) {
      expectation.arrived(event);
    }
  }

  /**
   * Expects exactly {@code count} events of {@code type}, such as {@code "created"}, counting those received
   * already: each flags a checkpoint of {@code test} (so {@link VertxTestContext#awaitCompletion} or the end of the
   * test waits for them), and one more fails {@code test}, or, arriving after the test's context was checked,
   * {@link #close}. With a count of 0 it only fails on an event of that type, and waits for nothing.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public synchronized void expect(VertxTestContext test, String type, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("A count of events cannot be negative: " + count);
    }
    Expectation expectation = new Expectation(test, type, count);
    expectations.add(expectation);
    for (JsonObject event : received) {
      expectation.arrived(event);
    }
  }

  /** Every event so far, in the order received. */
  public synchronized List<JsonObject> events() {
    return List.copyOf(received);
  }

  /** The events of one type so far, such as {@code "created"}. */
  public synchronized List<JsonObject> ofType(String type) {
    return received.stream().filter(e -> type.equals(e.getString("type"))).toList();
  }

  /**
   * Unregisters the consumer.
   *
   * @throws TimeoutException if it is not unregistered within 10 s
   * @throws AssertionError if more events of a type arrived than expected
   */
  @Override
  public void close() throws TimeoutException {
    consumer.unregister().await(PATIENCE_SECONDS, TimeUnit.SECONDS);
    synchronized (this) {
      if (excess != null) {
        throw excess;
      }
    }
  }

  /** {@code count} events of {@code type} that {@code test} expects; called with the recorder's lock held. */
  private final class Expectation {
    private final VertxTestContext test;
    private final String type;
    private final int count;
    private final Checkpoint checkpoint;
    private int seen;

    Expectation(VertxTestContext test, String type, int count) {
      this.test = test;
      this.type = type;
      this.count = count;
      // a strict checkpoint: flagged once more than required, it would fail the test itself, with a vaguer message
      this.checkpoint = count == 0 ? null : test.checkpoint(count);
    }

    void arrived(JsonObject event) {
      if (!type.equals(event.getString("type"))) {
        return;
      }
      seen++;
      if (seen > count) {
        AssertionError error = new AssertionError(
          "expected " + count + " '" + type + "' events, received " + seen + ": " + received);
        if (excess == null) {
          excess = error;
        }
        test.failNow(error);
      } else {
        checkpoint.flag();
      }
    }
  }
}
