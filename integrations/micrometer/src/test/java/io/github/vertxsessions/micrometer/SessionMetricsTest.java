package io.github.vertxsessions.micrometer;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.PrincipalLimitPolicy;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.SessionRegistry;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;

/** Each meter moves as documented when its thing happens, over real HTTP, into a real registry. */
@ExtendWith(VertxExtension.class)
class SessionMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TestApp app;
  private LocalSessionStore store;
  private SessionMetrics metrics;
  private SessionRegistry sessions;
  /** The test's Vert.x, injected by {@link VertxExtension}; the app closes it. */
  private Vertx vertx;
  /** The library's lines, for the tests that provoke a warning: open until the app is closed. */
  private LogCapture log;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void close() {
    try {
      metrics.close();
      app.close();
    } finally {
      if (log != null) {
        log.close();
      }
    }
  }

  /** Captures the library's lines from now until the app is closed: the test asserts the warning it provokes. */
  private LogCapture captureLog() {
    log = LogCapture.of("io.github.vertxsessions");
    return log;
  }

  /** The one warning the test provoked, from {@code logger}, once logged; it contains {@code text}. */
  private void assertOneWarning(Class<?> logger, String text) {
    String line = log.awaitLine(Level.WARN, text, Duration.ofSeconds(10));
    List<String> warnings = log.warnings();
    assertEquals(List.of(line), warnings, "one warning: " + warnings);
    assertTrue(log.events().stream().anyMatch(e -> e.getLevel() == Level.WARN
      && e.getLoggerName().equals(logger.getName())), log.events().toString());
  }

  private void start(SessionOptions options, LocalStoreOptions storeOptions) {
    TestClock clock = new TestClock();
    store = LocalSessionStore.create(vertx, storeOptions.setClock(clock).setSweepInterval(Duration.ofHours(1)));
    metrics = SessionMetrics.bind(vertx, registry).bindLocalStore(store);
    SessionOptions effective = new SessionOptions(options).setSecrets(List.of(TestApp.SECRET))
      .setIdleTimeout(Duration.ofMinutes(30));
    sessions = SessionRegistry.create(vertx, store, effective);
    app = new TestApp(vertx, clock, effective, store, (Consumer<Router>) this::routes, new HttpServerOptions());
  }

  private void start() {
    start(new SessionOptions(), new LocalStoreOptions());
  }

  private void routes(Router router) {
    router.post("/login/:user").handler(ctx -> {
      Session session = SessionHandler.session(ctx).setPrincipal(ctx.pathParam("user"));
      session.regenerate().onComplete(ar -> TestApp.reply(ctx, session));
    });
    router.post("/revoke-all/:user").handler(ctx -> sessions.revokeAll(ctx.pathParam("user"))
      .onComplete(ar -> ctx.json(new JsonObject().put("revoked", ar.result()))));
  }

  @Test
  void aSessionsLifeMovesTheEventCountersAndTheStoreTimers() {
    start();
    String cookie = app.get("/put/views/1", null).sid();
    app.get("/read", cookie);
    String login = app.post("/login/alice", cookie).sid();
    app.post("/destroy", login);

    awaitValue(1, () -> event("created"));
    awaitValue(1, () -> event("regenerated"));
    awaitValue(1, () -> event("destroyed"));
    assertEquals(0, event("revoked"));
    awaitValue(2, () -> calls("save", "success")); // the creation, then the log-in's changes under the new ID
    awaitValue(3, () -> calls("load", "success")); // /read, /login and /destroy
    assertEquals(1, calls("change_id", "success"), "the log-in's regenerate()");
    assertEquals(1, calls("delete", "success"), "the log-out");
    Timer load = timer("load", "success");
    assertTrue(load.totalTime(TimeUnit.NANOSECONDS) > 0, "timed");
    assertEquals(0, calls("load", "failure"));
  }

  @Test
  void revokedSessionsAreCountedOnceEach() {
    start();
    app.post("/login/alice", null);
    app.post("/login/alice", null);

    assertEquals(2, app.post("/revoke-all/alice", null).json().getInteger("revoked"));

    awaitValue(2, () -> event("revoked"));
    assertEquals(0, event("limitEvicted"));
  }

  @Test
  void aSessionRevokedByTheLimitPerUserIsLimitEvicted() {
    start(new SessionOptions().setMaxSessionsPerPrincipal(1)
      .setPrincipalLimitPolicy(PrincipalLimitPolicy.REVOKE_LEAST_RECENTLY_USED), new LocalStoreOptions());
    app.post("/login/alice", null);
    app.post("/login/alice", null);

    awaitValue(1, () -> event("limitEvicted"));
    assertEquals(0, event("revoked"));
  }

  @Test
  void theLocalStoresEvictionsExpiriesAndHeldSessions() {
    captureLog();
    start(new SessionOptions(), new LocalStoreOptions().setMaxSessions(2));
    Gauge held = registry.get(SessionMetrics.LOCAL_HELD).tags("store", "local").gauge();
    assertEquals(0, held.value());
    for (int i = 0; i < 3; i++) {
      assertEquals(200, app.get("/put/views/" + i, null).status());
    }

    awaitValue(1, () -> event("evicted"));
    assertOneWarning(LocalSessionStore.class, "Local session store is full (2 sessions)");
    assertEquals(2, held.value(), "the cap");
    app.clock.advance(Duration.ofMinutes(31));
    assertEquals(2, held.value(), "expired, but held until swept");
    store.sweep();
    awaitValue(2, () -> event("expired"));
    assertEquals(0, held.value());
  }

  @Test
  void aLoadTimeoutIsAnUnavailableTimeout() {
    start(new SessionOptions().setStoreTimeout(Duration.ofMillis(200)), new LocalStoreOptions());
    String cookie = app.get("/put/views/1", null).sid();
    app.store.hang(true);
    captureLog();

    assertEquals(503, app.get("/read", cookie).status());

    assertOneWarning(SessionHandler.class, "the store did not answer within 200 ms");
    awaitValue(1, () -> unavailable("timeout"));
    assertEquals(0, unavailable("error"));
    app.store.hang(false);
  }

  @Test
  void aLoadThatFailsIsAnUnavailableErrorAndAFailedLoad() {
    start();
    String cookie = app.get("/put/views/1", null).sid();
    app.store.failWith(new IllegalStateException("the store is down"), "load");
    captureLog();

    assertEquals(503, app.get("/read", cookie).status());

    assertOneWarning(SessionHandler.class, "Session store unavailable: loading sessions failed");

    awaitValue(1, () -> unavailable("error"));
    awaitValue(1, () -> calls("load", "failure"));
    assertEquals(0, unavailable("timeout"));
  }

  @Test
  void failedAutomaticSavesByWhetherTheStoreMayHaveAppliedThem() {
    start();
    String cookie = app.get("/put/views/1", null).sid();
    captureLog();

    app.store.failWith(new IllegalStateException("refused by the server"), "save");
    app.get("/put/views/2", cookie);
    awaitValue(1, () -> savesFailed("failure"));
    app.store.failWith(new TimeoutException("no answer"), "save");
    app.get("/put/views/3", cookie);
    awaitValue(1, () -> savesFailed("unknown"));

    assertEquals(1, savesFailed("failure"));
    awaitValue(2, () -> calls("save", "failure"));
    assertEquals(0, registry.get(SessionMetrics.SAVES_REFUSED).counter().count());
    // the second failure is within the same outage: the handler's log says nothing more for a while
    assertOneWarning(SessionHandler.class, "Automatic session saves failed: session");
  }

  @Test
  void aFailedLogOutDeleteIsCountedAndRetried() {
    start();
    String cookie = app.get("/put/views/1", null).sid();
    app.store.failWith(new IllegalStateException("refused by the server"), "delete");
    captureLog();

    assertEquals(409, app.post("/destroy", cookie).status());
    awaitValue(1, () -> registry.get(SessionMetrics.DELETES_FAILED).tags("store", "local", "next", "retry").counter()
      .count());
    app.store.failWith(null);

    eventually(Duration.ofSeconds(30), "the retry deleting the session", () -> {
      try {
        return app.store.count().await(10, SECONDS) == 0;
      } catch (TimeoutException notYet) {
        return false;
      }
    });
    assertEquals(1, registry.get(SessionMetrics.DELETES_FAILED).tags("next", "retry").counter().count());
    assertEquals(0, registry.get(SessionMetrics.DELETES_FAILED).tags("next", "none").counter().count());
    assertOneWarning(Session.class, "deleting the destroyed session failed");
  }

  @Test
  void aSaveOfASessionDestroyedMeanwhileIsRefusedNotFailed() throws Exception {
    start();
    String cookie = app.get("/incr/views", null).sid();
    app.store.resetCalls();
    Future<TestResponse> slow = app.sendAsync(HttpMethod.GET, "/slow-incr/views/300", cookie, Map.of(), null);
    awaitValue(1, () -> app.store.calls().stream().filter("load"::equals).count());

    app.post("/destroy", cookie);
    slow.await(10, SECONDS);

    awaitValue(1, () -> registry.get(SessionMetrics.SAVES_REFUSED).tags("store", "local").counter().count());
    awaitValue(1, () -> calls("save", "refused"));
    assertEquals(0, savesFailed("failure") + savesFailed("unknown"), "not writing it back is the point");
  }

  @Test
  void closingRemovesEveryMeterAndTheObserver() {
    start();
    String cookie = app.get("/put/views/1", null).sid();
    awaitValue(1, () -> event("created"));
    assertTrue(registry.getMeters().size() > 1);

    metrics.close();
    metrics.close();

    assertEquals(List.of(), registry.getMeters());
    assertFalse(SessionMonitor.of(app.vertx).isActive(), "no observer left: the handler times nothing");
    app.get("/put/views/2", cookie);
    app.get("/put/views/3", null);
    assertEquals(List.of(), registry.getMeters(), "nothing registered after close");
    assertThrows(IllegalStateException.class, () -> metrics.bindLocalStore(store));
  }

  @Test
  void aSecondLocalStoreNeedsTagsOfItsOwn() throws Exception {
    start();
    LocalSessionStore other = LocalSessionStore.create(app.vertx, "other", new LocalStoreOptions());
    try {
      assertThrows(IllegalStateException.class, () -> metrics.bindLocalStore(other));

      metrics.bindLocalStore(other, Tags.of("name", "other"));

      assertEquals(2, registry.find(SessionMetrics.LOCAL_HELD).gauges().size());
    } finally {
      other.close().await(10, SECONDS);
    }
  }

  @Test
  void everySeriesOfAStoreStartsAtZeroWithItsFirstReport() {
    start();
    assertNull(registry.find(SessionMetrics.EVENTS).counter(), "nothing before the store reports");

    app.get("/put/views/1", null);
    awaitValue(1, () -> event("created"));

    assertEquals(0, event("expired"));
    assertEquals(0, calls("touch", "failure"));
    assertEquals(0, unavailable("timeout"));
    assertEquals(0, savesFailed("unknown"));
    assertEquals(0, registry.get(SessionMetrics.SAVES_REFUSED).counter().count());
  }

  private double event(String type) {
    return registry.get(SessionMetrics.EVENTS).tags("type", type, "store", "local").counter().count();
  }

  private Timer timer(String operation, String outcome) {
    return registry.get(SessionMetrics.STORE_CALLS).tags("store", "local", "operation", operation, "outcome", outcome)
      .timer();
  }

  private double calls(String operation, String outcome) {
    return timer(operation, outcome).count();
  }

  private double unavailable(String cause) {
    return registry.get(SessionMetrics.UNAVAILABLE).tags("store", "local", "cause", cause).counter().count();
  }

  private double savesFailed(String outcome) {
    Counter counter = registry.get(SessionMetrics.SAVES_FAILED).tags("store", "local", "outcome", outcome).counter();
    return counter.count();
  }

  /**
   * Waits until {@code value} reaches {@code expected} (what a request does after its response, such as an automatic
   * save, is reported a little later), then checks it is exactly that.
   */
  static void awaitValue(double expected, DoubleSupplier value) {
    eventually(Duration.ofSeconds(30), "the value " + expected, value::getAsDouble, current -> current >= expected);
    assertEquals(expected, value.getAsDouble());
  }
}
