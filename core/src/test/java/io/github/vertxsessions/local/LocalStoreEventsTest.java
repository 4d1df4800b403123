package io.github.vertxsessions.local;

import io.github.vertxsessions.SessionObserver;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.github.vertxsessions.testkit.EventRecorder;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static java.util.concurrent.TimeUnit.SECONDS;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the local store observes itself: a session's expiry (by the sweeper or at a load) and eviction by the cap. */
@ExtendWith(VertxExtension.class)
class LocalStoreEventsTest {

  private static final String ADDRESS = "sessions.events";

  private TestApp app;
  private LocalSessionStore store;
  private EventRecorder events;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void close() throws Exception {
    if (events != null) {
      events.close();
    }
  }

  private void start(LocalStoreOptions storeOptions, SessionOptions options) throws Exception {
    TestClock clock = new TestClock();
    store = LocalSessionStore.create(vertx, storeOptions.setClock(clock).setSweepInterval(Duration.ofHours(1)));
    events = EventRecorder.on(vertx, ADDRESS);
    app = new TestApp(vertx, clock, options, store, (Consumer<io.vertx.ext.web.Router>) router -> { },
      new HttpServerOptions());
  }

  private void start() throws Exception {
    start(new LocalStoreOptions(), new SessionOptions().setEventsAddress(ADDRESS)
      .setIdleTimeout(Duration.ofMinutes(30)));
  }

  @Test
  void theSweeperPublishesEachExpiredSessionOnce(VertxTestContext test) throws Exception {
    start();
    events.expect(test, "expired", 2);
    String first = app.get("/put/views/1", null).sessionId();
    String second = app.get("/put/views/2", null).sessionId();
    app.clock.advance(Duration.ofMinutes(31));

    assertEquals(2, store.sweep());
    store.sweep();

    assertTrue(test.awaitCompletion(10, SECONDS), "2 'expired' events: " + events.events());
    List<JsonObject> expired = events.ofType("expired");
    assertEquals(List.of(SessionRecord.redact(first), SessionRecord.redact(second)).stream().sorted().toList(),
      expired.stream().map(e -> e.getString("session")).sorted().toList());
    assertTrue(expired.stream().allMatch(e -> "local".equals(e.getString("store"))));
  }

  @Test
  void aLoadThatFindsTheSessionExpiredPublishesItOnce(VertxTestContext test) throws Exception {
    start();
    events.expect(test, "expired", 1);
    String cookie = app.get("/put/views/1", null).sid();
    app.clock.advance(Duration.ofMinutes(31));

    app.get("/read", cookie);
    store.sweep();

    assertTrue(test.awaitCompletion(10, SECONDS), "1 'expired' event: " + events.events());
    assertEquals(1, events.ofType("expired").size(), events.events().toString());
  }

  @Test
  void theCapPublishesTheSessionItEvicts(VertxTestContext test) throws Exception {
    start(new LocalStoreOptions().setMaxSessions(2), new SessionOptions().setEventsAddress(ADDRESS));
    events.expect(test, "evicted", 1);
    events.expect(test, "expired", 0);
    String oldest = app.get("/put/views/1", null).sessionId();
    app.clock.advance(Duration.ofSeconds(1));
    app.get("/put/views/2", null);
    app.clock.advance(Duration.ofSeconds(1));
    try (LogCapture log = LogCapture.of(LocalSessionStore.class)) {
      app.get("/put/views/3", null);
      assertEquals(1, log.warnings().size(), "the eviction is logged: " + log.warnings());
    }

    assertTrue(test.awaitCompletion(10, SECONDS), "1 'evicted' event: " + events.events());
    List<JsonObject> evicted = events.ofType("evicted");

    assertEquals(1, evicted.size(), events.events().toString());
    assertEquals(SessionRecord.redact(oldest), evicted.get(0).getString("session"));
    assertTrue(events.ofType("expired").isEmpty());
  }

  @Test
  void withoutAnAddressNothingIsPublished(VertxTestContext test) throws Exception {
    start(new LocalStoreOptions(), new SessionOptions());
    for (String type : List.of("created", "destroyed")) {
      events.expect(test, type, 0);
    }
    String cookie = app.get("/put/views/1", null).sid();
    app.post("/destroy", cookie);

    assertTrue(events.events().isEmpty(), events.events().toString());
    assertFalse(SessionMonitor.of(app.vertx).isActive());
    test.completeNow();
  }

  @Test
  void anObserverIsToldWithoutAnyAddress() throws Exception {
    start(new LocalStoreOptions(), new SessionOptions());
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    SessionObserver.add(app.vertx, new SessionObserver() {
      @Override
      public void onEvent(io.github.vertxsessions.SessionEvent event) {
        seen.add(event.type().jsonName());
      }

      @Override
      public void onStoreCall(String store, StoreOperation operation, long durationNanos, Throwable failure) {
        seen.add(store + " " + operation + (failure == null ? "" : " failed"));
      }
    });
    String cookie = app.get("/put/views/1", null).sid();
    app.get("/read", cookie);

    assertEquals(List.of("local SAVE", "created", "local LOAD"), seen);
    assertTrue(events.events().isEmpty(), "observers need no event-bus address");
  }
}
