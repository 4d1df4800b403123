package io.github.vertxsessions;

import io.github.vertxsessions.testkit.EventRecorder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The testkit's recorder of events: what it expects completes a test's context, and one event too many fails it, so
 * the event suites can tell a duplicate. Each case drives a context of its own, which it then inspects.
 */
@ExtendWith(VertxExtension.class)
class EventRecorderTest {

  private static final String ADDRESS = "recorder.test";

  private static JsonObject event(String type) {
    return new JsonObject().put("type", type);
  }

  @Test
  void theExpectedEventsCompleteTheContext(Vertx vertx) throws Exception {
    EventRecorder events = EventRecorder.on(vertx, ADDRESS);
    VertxTestContext expecting = new VertxTestContext();
    events.expect(expecting, "created", 2);

    vertx.eventBus().publish(ADDRESS, event("created"));
    vertx.eventBus().publish(ADDRESS, event("destroyed"));
    assertFalse(expecting.awaitCompletion(200, MILLISECONDS),
      "one of two 'created' events does not complete it");
    vertx.eventBus().publish(ADDRESS, event("created"));

    assertTrue(expecting.awaitCompletion(10, SECONDS));
    assertFalse(expecting.failed(), () -> String.valueOf(expecting.causeOfFailure()));
    assertEquals(2, events.ofType("created").size());
    events.close();
  }

  @Test
  void oneEventTooManyFailsTheContextAndTheClose(Vertx vertx) throws Exception {
    EventRecorder events = EventRecorder.on(vertx, ADDRESS);
    VertxTestContext bothArrived = new VertxTestContext();
    events.expect(bothArrived, "created", 2);
    vertx.eventBus().publish(ADDRESS, event("created"));
    vertx.eventBus().publish(ADDRESS, event("created"));
    assertTrue(bothArrived.awaitCompletion(10, SECONDS));
    VertxTestContext expecting = new VertxTestContext();

    events.expect(expecting, "created", 1); // counting what arrived before

    assertTrue(expecting.awaitCompletion(10, SECONDS));
    assertTrue(expecting.failed(), "a second 'created' event is one too many");
    assertInstanceOf(AssertionError.class, expecting.causeOfFailure());
    assertTrue(expecting.causeOfFailure().getMessage().contains("expected 1 'created' events, received 2"),
      expecting.causeOfFailure().getMessage());
    assertThrows(AssertionError.class, events::close);
  }

  @Test
  void anExpectationOfNoneFailsOnTheFirst(Vertx vertx) throws Exception {
    EventRecorder events = EventRecorder.on(vertx, ADDRESS);
    VertxTestContext expecting = new VertxTestContext();
    events.expect(expecting, "expired", 0);

    vertx.eventBus().publish(ADDRESS, event("expired"));

    assertTrue(expecting.awaitCompletion(10, SECONDS));
    assertTrue(expecting.failed());
    assertThrows(AssertionError.class, events::close);
  }
}
