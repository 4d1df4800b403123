package io.github.vertxsessions.testkit;

import io.github.vertxsessions.PrincipalLimitPolicy;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.SessionRegistry;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler's session events on the event bus, over real HTTP: each published once, with the documented fields,
 * never a full ID nor an attribute value, and a consumer that fails never reaching a request; and the revocations of
 * a registry on a node without a handler. Every store's tests extend it; what a store itself observes (expiry,
 * eviction) is tested beside that store.
 */
@ExtendWith(VertxExtension.class)
public abstract class SessionEventsTest {

  /** The address the tests' handler publishes at. */
  protected static final String ADDRESS = "sessions.events";
  private static final String SECRET_VALUE = "attribute-value-never-published";

  private Vertx vertx;
  private TestApp app;
  private SessionRegistry registry;
  private EventRecorder events;
  /** A node with a registry and no handler, for the test that needs one. */
  private Vertx adminNode;

  /** A store of the kind under test on {@code vertx}, its time from {@code clock}, holding no session yet. */
  protected abstract IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception;

  /** The store's {@link io.github.vertxsessions.spi.SessionStore#type() type}, as events name it. */
  protected abstract String storeType();

  /** Called after each test, once the app is closed. */
  protected void closeServers() throws Exception {
  }

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void close() throws Exception {
    if (app != null) {
      events.close();
      app.close();
    }
    if (adminNode != null) {
      adminNode.close().await(10, SECONDS);
    }
    closeServers();
  }

  private void start(SessionOptions options) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-01-01T10:00:00Z"));
    IndexedSessionStore store = newStore(vertx, clock);
    SessionOptions effective = new SessionOptions(options).setSecrets(List.of(TestApp.SECRET))
      .setEventsAddress(ADDRESS);
    events = EventRecorder.on(vertx, ADDRESS);
    registry = SessionRegistry.create(vertx, store, effective);
    app = new TestApp(vertx, clock, effective, store, this::routes, new HttpServerOptions());
  }

  private void routes(Router router) {
    router.post("/login/:user").handler(ctx -> {
      Session session = SessionHandler.session(ctx).setPrincipal(ctx.pathParam("user")).put("secret", SECRET_VALUE);
      session.regenerate().onComplete(ar -> ctx.json(new JsonObject().put("id", session.id())));
    });
    router.post("/revoke-all/:user").handler(ctx -> registry.revokeAll(ctx.pathParam("user"))
      .onComplete(ar -> ctx.json(new JsonObject().put("revoked", ar.result()))));
  }

  /**
   * The one event of {@code type}, once every event {@code test} {@linkplain EventRecorder#expect expects} has
   * arrived, checked for the fields every event has.
   */
  private JsonObject theOne(VertxTestContext test, String type) throws InterruptedException {
    awaitExpected(test);
    List<JsonObject> found = events.ofType(type);
    assertEquals(1, found.size(), type + ": " + events.events());
    JsonObject event = found.get(0);
    assertEquals(storeType(), event.getString("store"));
    assertEquals(app.clock.instant(), Instant.parse(event.getString("at")));
    return event;
  }

  /** Waits, at most 10 s, for the events {@code test} expects. */
  private void awaitExpected(VertxTestContext test) throws InterruptedException {
    assertTrue(test.awaitCompletion(10, SECONDS), "the expected events, received: " + events.events());
  }

  private void assertNothingSecretIn(List<JsonObject> published, String... ids) {
    for (JsonObject event : published) {
      String text = event.encode();
      assertFalse(text.contains(SECRET_VALUE), "no attribute value: " + text);
      for (String id : ids) {
        assertFalse(text.contains(id), "no full session ID: " + text);
      }
    }
  }

  @Test
  void aNewSessionIsCreatedOnce(VertxTestContext test) throws Exception {
    start(new SessionOptions());
    events.expect(test, "created", 1);
    String id = app.get("/put/secret/" + SECRET_VALUE, null).sessionId();

    JsonObject created = theOne(test, "created");

    assertEquals(SessionRecord.redact(id), created.getString("session"));
    assertNull(created.getString("principal"), "an anonymous session has no principal");
    assertEquals(1, events.events().size(), events.events().toString());
    assertNothingSecretIn(events.events(), id);
  }

  @Test
  void aLogInRegeneratesWithTheOldAndNewSessionAndThePrincipal(VertxTestContext test) throws Exception {
    start(new SessionOptions());
    events.expect(test, "created", 1);
    events.expect(test, "regenerated", 1);
    TestResponse anonymous = app.get("/put/views/1", null);
    String oldId = anonymous.sessionId();

    String newId = app.post("/login/alice", anonymous.sid()).json().getString("id");

    JsonObject regenerated = theOne(test, "regenerated");
    assertEquals(SessionRecord.redact(newId), regenerated.getString("session"));
    assertEquals(SessionRecord.redact(oldId), regenerated.getString("previous"));
    assertEquals("alice", regenerated.getString("principal"));
    assertEquals(1, events.ofType("created").size(), "a regeneration is not a creation");
    assertNothingSecretIn(events.events(), oldId, newId);
  }

  @Test
  void aLogOutIsDestroyedOnce(VertxTestContext test) throws Exception {
    start(new SessionOptions());
    events.expect(test, "destroyed", 1);
    TestResponse login = app.post("/login/alice", null);
    String id = login.json().getString("id");

    app.post("/destroy", login.sid());

    JsonObject destroyed = theOne(test, "destroyed");
    assertEquals(SessionRecord.redact(id), destroyed.getString("session"));
    assertEquals("alice", destroyed.getString("principal"));
    assertNothingSecretIn(events.events(), id);
  }

  @Test
  void eachRevokedSessionIsOneEventWithItsPrincipal(VertxTestContext test) throws Exception {
    start(new SessionOptions());
    events.expect(test, "revoked", 2);
    String laptop = app.post("/login/alice", null).json().getString("id");
    String phone = app.post("/login/alice", null).json().getString("id");
    app.post("/login/bob", null);

    assertEquals(2, app.post("/revoke-all/alice", null).json().getInteger("revoked"));

    awaitExpected(test);
    List<JsonObject> revoked = events.ofType("revoked");
    assertEquals(2, revoked.size(), revoked.toString());
    assertEquals(List.of(SessionRecord.redact(laptop), SessionRecord.redact(phone)).stream().sorted().toList(),
      revoked.stream().map(e -> e.getString("session")).sorted().toList());
    assertTrue(revoked.stream().allMatch(e -> "alice".equals(e.getString("principal"))));
    assertNothingSecretIn(events.events(), laptop, phone);
  }

  @Test
  void aRegistryOnANodeWithoutAHandlerPublishesItsRevocations(VertxTestContext test) throws Exception {
    // an admin node signing a user out everywhere: a Vert.x of its own (its own event bus, unlike the injected one)
    // has the store and the registry, never a SessionHandler
    adminNode = Vertx.vertx();
    TestClock clock = new TestClock(Instant.parse("2026-01-01T10:00:00Z"));
    IndexedSessionStore store = newStore(adminNode, clock);
    String laptop = storeSessionOf(store, clock, "alice");
    String phone = storeSessionOf(store, clock, "alice");
    String bobs = storeSessionOf(store, clock, "bob");
    EventRecorder adminEvents = EventRecorder.on(adminNode, ADDRESS);
    adminEvents.expect(test, "revoked", 2);
    SessionRegistry admin = SessionRegistry.create(adminNode, store,
      new SessionOptions().setSecrets(List.of(TestApp.SECRET)).setEventsAddress(ADDRESS));

    assertEquals(2, admin.revokeAll("alice").await(10, SECONDS));

    assertTrue(test.awaitCompletion(10, SECONDS), "2 'revoked' events, received: " + adminEvents.events());
    List<JsonObject> revoked = adminEvents.ofType("revoked");
    assertEquals(List.of(SessionRecord.redact(laptop), SessionRecord.redact(phone)).stream().sorted().toList(),
      revoked.stream().map(e -> e.getString("session")).sorted().toList());
    for (JsonObject event : revoked) {
      assertEquals("alice", event.getString("principal"));
      assertEquals(storeType(), event.getString("store"));
      assertEquals(clock.instant(), Instant.parse(event.getString("at")));
    }
    assertEquals(revoked, adminEvents.events(), "nothing but the revocations");
    assertNothingSecretIn(adminEvents.events(), laptop, phone, bobs);
    adminEvents.close();
  }

  /** A session of {@code principal} written straight to the store, as a handler on another node would have. */
  private static String storeSessionOf(IndexedSessionStore store, TestClock clock, String principal)
    throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(id).data(Map.of("secret", SECRET_VALUE)).createdAt(now)
      .idleTimeout(1_800_000).owner(new SessionOwner(principal, null)).build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    return id;
  }

  @Test
  void aSessionRevokedByTheLimitPerUserIsLimitEvicted(VertxTestContext test) throws Exception {
    start(new SessionOptions().setMaxSessionsPerPrincipal(1)
      .setPrincipalLimitPolicy(PrincipalLimitPolicy.REVOKE_LEAST_RECENTLY_USED));
    events.expect(test, "limitEvicted", 1);
    events.expect(test, "revoked", 0);
    String first = app.post("/login/alice", null).json().getString("id");
    app.post("/login/alice", null);

    JsonObject evicted = theOne(test, "limitEvicted");

    assertEquals(SessionRecord.redact(first), evicted.getString("session"));
    assertEquals("alice", evicted.getString("principal"));
    assertTrue(events.ofType("revoked").isEmpty(), "the limit's revocations have their own type");
  }

  @Test
  void aConsumerThatThrowsDoesNotReachTheRequest(VertxTestContext test) throws Exception {
    start(new SessionOptions());
    events.expect(test, "created", 1);
    // where Vert.x reports what a handler threw (else it logs it): the audit log's failure goes there
    Checkpoint reported = test.checkpoint();
    app.vertx.exceptionHandler(failure -> test.verify(() -> {
      assertEquals("a broken audit log", failure.getMessage());
      reported.flag();
    }));
    app.vertx.eventBus().consumer(ADDRESS, message -> {
      throw new IllegalStateException("a broken audit log");
    }).completion().await(10, SECONDS);

    TestResponse response = app.get("/put/views/1", null);

    assertEquals(200, response.status());
    assertEquals("1", app.get("/read", response.sid()).data().getString("views"));
    // the other consumers still get the event, and the consumer's failure is reported to Vert.x
    theOne(test, "created");
  }

  @Test
  void aConsumerThatIsStuckDoesNotHoldRequestsUp(VertxTestContext test) throws Exception {
    start(new SessionOptions());
    events.expect(test, "created", 10);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger handled = new AtomicInteger();
    app.vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.eventBus().consumer(ADDRESS, message -> {
          awaitQuietly(release); // an audit log whose disk hangs
          handled.incrementAndGet();
        }).completion();
      }
    }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await(10, SECONDS);

    for (int i = 0; i < 10; i++) {
      assertEquals(200, app.get("/put/views/" + i, null).status());
    }

    assertEquals(0, handled.get(), "every request was answered while the consumer was stuck on the first event");
    release.countDown();
    awaitExpected(test);
    assertEquals(10, events.ofType("created").size());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
