package io.github.vertxsessions;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Session API off the happy path: a destroyed session, reload, a degraded session, failed and repeated saves, ID
 * collisions, and a Secure-only cookie over plain HTTP.
 */
@ExtendWith(VertxExtension.class)
class SessionEdgeCasesTest {

  /** How long a line logged after the response may take: it follows a store answer the test does not wait for. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private TestApp app;
  /** What the ID generator returns next, if set; else a random ID. */
  private final AtomicReference<String> forcedId = new AtomicReference<>();
  private boolean forcedOnce = true;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private void start(SessionOptions options) {
    app = new TestApp(vertx, options.setIdGenerator(this::nextId), null, (Consumer<Router>) this::routes);
  }

  private String nextId() {
    String forced = forcedOnce ? forcedId.getAndSet(null) : forcedId.get();
    return forced != null ? forced : SessionIds.random();
  }

  private SessionRecord stored(String id) throws Exception {
    return app.store.delegate().load(id, Long.MAX_VALUE).await(10, SECONDS);
  }

  private static Session session(RoutingContext ctx) {
    return SessionHandler.session(ctx);
  }

  private static void answer(RoutingContext ctx, Future<?> outcome) {
    outcome.onComplete(ar -> ctx.end(ar.succeeded() ? "succeeded" : "failed: " + ar.cause().getClass().getSimpleName()));
  }

  private void routes(Router router) {
    router.post("/destroy-then/:op").handler(ctx -> {
      Session session = session(ctx);
      session.destroy().onComplete(destroyed -> {
        try {
          switch (ctx.pathParam("op")) {
            case "put" -> session.put("after", 1);
            case "max-age" -> session.setMaxAge(Duration.ofDays(1));
            case "regenerate" -> session.regenerate();
            case "view-regenerate" -> ctx.session().regenerateId();
            case "save" -> {
              answer(ctx, session.save());
              return;
            }
            default -> throw new AssertionError(ctx.pathParam("op"));
          }
          ctx.end("accepted");
        } catch (IllegalStateException e) {
          ctx.end("refused: " + e.getMessage());
        }
      });
    });
    router.post("/change-then-reload").handler(ctx -> {
      Session session = session(ctx).put("user", "bob").put("extra", 1).setMaxAge(Duration.ofDays(1));
      session.reload().onComplete(ar -> TestApp.reply(ctx, session));
    });
    router.post("/delete-then-reload").handler(ctx -> {
      Session session = session(ctx);
      answer(ctx, app.store.delegate().delete(session.id()).compose(v -> session.reload()));
    });
    router.post("/break-a-container-then-save").handler(ctx -> {
      Session session = session(ctx).put("o", new io.vertx.core.json.JsonObject());
      session.<io.vertx.core.json.JsonObject>get("o").put("thread", new Object());
      answer(ctx, session.save());
    });
    router.post("/log-in-despite-a-lost-answer").handler(ctx -> session(ctx).put("user", "alice").regenerate()
      .onComplete(ar -> {
        app.store.loseAnswersWith(null);
        answer(ctx, ar.succeeded() ? Future.succeededFuture() : Future.failedFuture(ar.cause()));
      }));
    router.get("/empty").handler(ctx -> ctx.end(String.valueOf(session(ctx).isEmpty())));
    router.get("/last-access").handler(ctx -> ctx.end(String.valueOf(session(ctx).lastAccessedAt().toEpochMilli())));
    router.post("/save-while-the-store-fails").handler(ctx -> {
      Session session = session(ctx).put("n", ctx.queryParam("n").get(0));
      app.store.failWith(new VertxException("down", true), "save");
      session.save().onComplete(ar -> {
        app.store.failWith(null);
        ctx.end(ar.succeeded() ? "succeeded" : "failed");
      });
    });
    router.post("/save-when-deleted-meanwhile").handler(ctx -> {
      Session session = session(ctx);
      app.store.delegate().delete(session.id())
        .compose(v -> session.put("n", "late").save())
        .onComplete(ar -> ctx.end(ar.succeeded() ? "succeeded" : "failed: " + ar.cause().getClass().getSimpleName()));
    });
    router.post("/failed-touch-then-save").handler(ctx -> {
      Session session = session(ctx);
      app.store.failWith(new VertxException("down", true), "touch");
      session.touch();
      app.store.failWith(null);
      answer(ctx, session.save());
    });
  }

  // --- a destroyed session ---

  @Test
  void destroyEmptiesTheSessionAtOnce() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();

    TestResponse destroyed = app.post("/destroy", cookie);

    assertEquals(200, destroyed.status());
    assertTrue(destroyed.json().getBoolean("destroyed"));
    assertEquals(Map.of(), destroyed.data().getMap(), "no data left in the destroyed session");
  }

  @Test
  void aDestroyedSessionRefusesEveryChange() {
    start(new SessionOptions());
    for (String op : List.of("put", "max-age", "regenerate", "view-regenerate")) {
      String cookie = app.get("/put/user/alice", null).sid();
      app.store.resetCalls();

      TestResponse response = app.post("/destroy-then/" + op, cookie);

      assertTrue(response.body().startsWith("refused: The session was destroyed"), op + ": " + response.body());
      assertEquals(List.of("load", "delete"), app.store.calls(), op + ": nothing written after the delete");
      assertTrue(response.setCookie("sid").contains("Max-Age=0"), op + ": the cookie is cleared");
    }
  }

  @Test
  void anExplicitSaveOfADestroyedSessionFails() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    String id = app.get("/read", cookie).sessionId();

    assertEquals("failed: IllegalStateException", app.post("/destroy-then/save", cookie).body());
    assertNull(stored(id));
  }

  // --- reload ---

  @Test
  void reloadDiscardsUnsavedChangesAndTheirTiming() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.resetCalls();

    TestResponse reloaded = app.post("/change-then-reload", cookie);

    assertEquals(Map.of("user", "alice"), reloaded.data().getMap(), "what the store holds, not the local changes");
    assertEquals(List.of("load", "load"), app.store.calls(), "nothing left to save after the reload");
    assertNull(reloaded.setCookie("sid"), "the discarded max age does not reach the cookie");
    assertEquals("alice", app.get("/read", cookie).data().getString("user"));
  }

  @Test
  void aNewSessionCannotBeReloaded() {
    start(new SessionOptions());

    TestResponse response = app.post("/reload", null);

    assertEquals(409, response.status());
    assertEquals("IllegalStateException", response.body());
  }

  @Test
  void reloadingASessionDeletedMeanwhileFailsAsGone() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();

    assertEquals("failed: SessionGoneException", app.post("/delete-then-reload", cookie).body());
  }

  // --- a degraded session ---

  @Test
  void aDegradedSessionCannotBeDestroyedReloadedOrTouched() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    String id = app.get("/read", cookie).sessionId();
    app.handler.storeFailureHandler(RoutingContext::next);
    app.store.failWith(new VertxException("down", true), "load");
    app.store.resetCalls();

    try (LogCapture log = LogCapture.of(SessionHandler.class)) {
      for (String path : List.of("/destroy", "/reload", "/touch")) {
        TestResponse response = app.post(path, cookie);
        assertEquals(409, response.status(), path);
        assertEquals("IllegalStateException", response.body(), path);
      }
      assertEquals(1, log.warnings().size(), "one line for the outage: " + log.warnings());
      assertTrue(log.warnings().get(0).contains("loading sessions failed"), log.warnings().get(0));
    }

    assertEquals(List.of("load", "load", "load"), app.store.calls(), "nothing but the failed loads");
    app.store.failWith(null);
    assertEquals("alice", stored(id).data().get("user"), "still there once the store is back");
  }

  // --- reading ---

  @Test
  void isEmptyTellsWhetherTheSessionHoldsAnything() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();

    assertEquals("true", app.get("/empty", null).body());
    assertEquals("false", app.get("/empty", cookie).body());
  }

  @Test
  void lastAccessIsTheTouchOfThisRequestsLoad() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.clock.advance(Duration.ofMinutes(10));

    assertEquals(String.valueOf(app.clock.millis()), app.get("/last-access", cookie).body());
  }

  @Test
  void touchingAStoredSessionSucceeds() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.resetCalls();

    assertEquals(200, app.post("/touch", cookie).status());
    assertEquals(200, app.post("/touch", null).status(), "a new session has nothing to touch");
    assertEquals(List.of("load", "touch"), app.store.calls());
  }

  // --- failed and repeated saves ---

  @Test
  void aNewSessionWhoseExplicitSaveFailedIsCreatedByTheAutomaticSave() {
    start(new SessionOptions());

    TestResponse response = app.post("/save-while-the-store-fails?n=1", null);

    assertEquals("failed", response.body());
    assertEquals("1", app.get("/read", response.sid()).data().getString("n"), "created at the end of the request");
  }

  @Test
  void aChangeWhoseExplicitSaveFailedIsSavedByTheAutomaticSave() {
    start(new SessionOptions());
    String cookie = app.get("/put/n/0", null).sid();
    app.store.resetCalls();

    assertEquals("failed", app.post("/save-while-the-store-fails?n=2", cookie).body());

    assertEquals(List.of("load", "save", "save"), app.store.calls(), "tried again at the end of the request");
    assertEquals("2", app.get("/read", cookie).data().getString("n"));
  }

  @Test
  void aChangeToASessionThatIsGoneIsNotTriedAgain() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/n/0", null).sid();
    String id = app.get("/read", cookie).sessionId();
    app.store.resetCalls();

    assertEquals("failed: SessionGoneException", app.post("/save-when-deleted-meanwhile", cookie).body());

    assertEquals(List.of("load", "save"), app.store.calls(), "no automatic save resurrecting it");
    assertNull(stored(id));
  }

  @Test
  void anExplicitSaveIsNotRepeatedByTheAutomaticSave() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.resetCalls();

    assertEquals(200, app.post("/save", cookie).status());

    assertEquals(List.of("load", "save"), app.store.calls());
  }

  @Test
  void anExplicitSaveWithNothingToWriteReportsTheWriteBeforeIt() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.resetCalls();

    assertEquals("failed: VertxException", app.post("/failed-touch-then-save", cookie).body());
    assertEquals(List.of("load", "touch"), app.store.calls());
  }

  // --- ID collisions ---

  @Test
  void aCreationThatHitsALiveIdRetriesWithAFreshOne() throws Exception {
    start(new SessionOptions());
    String alice = app.get("/put/user/alice", null).sid();
    String aliceId = app.get("/read", alice).sessionId();
    forcedId.set(aliceId);
    app.store.resetCalls();

    TestResponse bob = app.get("/put/user/bob", null);

    assertEquals(List.of("save", "save"), app.store.calls(), "one collision, one retry");
    assertNotEquals(alice, bob.sid(), "bob's cookie is not alice's");
    assertEquals("bob", app.get("/read", bob.sid()).data().getString("user"));
    assertEquals("alice", stored(aliceId).data().get("user"), "alice's session is untouched");
  }

  @Test
  void aCreationGivesUpAfterThreeCollisionsAndSetsNoCookie() throws Exception {
    start(new SessionOptions());
    String alice = app.get("/put/user/alice", null).sid();
    String aliceId = app.get("/read", alice).sessionId();
    forcedOnce = false;
    forcedId.set(aliceId);
    app.store.resetCalls();

    TestResponse bob;
    try (LogCapture log = LogCapture.of(SessionHandler.class)) {
      bob = app.get("/put/user/bob", null);
      assertSaveFailure(log, "DuplicateSessionIdException");
    }

    assertEquals(200, bob.status());
    assertEquals(List.of("save", "save", "save"), app.store.calls());
    assertNull(bob.setCookie("sid"), "no cookie for a session that could not be stored");
    assertEquals("alice", stored(aliceId).data().get("user"));
  }

  @Test
  void aCollisionAnsweredAfterTheCookieWasSentNeverHandsOverTheLiveSession() throws Exception {
    start(new SessionOptions());
    String alice = app.get("/put/user/alice", null).sid();
    String aliceId = app.get("/read", alice).sessionId();
    app.store.delaySaves(50); // the store answers after the response headers, as Redis or MongoDB do
    forcedId.set(aliceId);

    String bobsCookie;
    try (LogCapture log = LogCapture.of(Session.class.getPackageName())) {
      bobsCookie = app.get("/put/user/bob", null).sid();

      String revocation = log.awaitLines(Level.ERROR, 1, PATIENCE).get(0);
      assertTrue(revocation.contains("the idGenerator repeated the ID of a live session"), revocation);
      assertSaveFailure(log, "DuplicateSessionIdException");
    }

    // the next load of that ID waits for the writes of bob's request, so what follows sees their outcome
    assertNull(app.get("/read", bobsCookie).data().getString("user"), "bob's cookie reaches no session");
    assertNull(stored(aliceId), "the live session whose ID reached another client is revoked");
    assertNull(app.get("/read", alice).data().getString("user"), "alice starts again");
  }

  @Test
  void aCreationWhoseAnswerWasLostIsStoredAgainUnderAFreshIdNotRevokedAsACollision() {
    start(new SessionOptions());
    // the log-in's regenerate() is written but its answer is lost; the route answers all the same
    app.store.loseAnswersWith(new java.util.concurrent.TimeoutException("the reply was lost"), "save");
    app.store.delaySaves(20); // and the automatic save answers after the cookie went out

    TestResponse loggedIn = app.post("/log-in-despite-a-lost-answer", null);

    assertEquals("failed: TimeoutException", loggedIn.body());
    app.store.delaySaves(0);
    assertEquals("alice", app.get("/read", loggedIn.sid()).data().getString("user"),
      "the automatic save stored the session again under a fresh ID: the client's session, not revoked");
  }

  @Test
  void aCreationThatFailsOtherwiseIsNotRetried() {
    start(new SessionOptions());
    app.store.failWith(new VertxException("down", true), "save");

    TestResponse response;
    try (LogCapture log = LogCapture.of(SessionHandler.class)) {
      response = app.get("/put/user/bob", null);
      assertSaveFailure(log, "down");
    }

    assertEquals(200, response.status());
    assertEquals(List.of("save"), app.store.calls());
    assertNull(response.setCookie("sid"));
  }

  // --- a Secure-only cookie over plain HTTP ---

  @Test
  void overPlainHttpAnAlwaysSecureSessionMayChangeButNotMoveToANewId() throws Exception {
    start(new SessionOptions().setCookieSecure(CookieSecure.ALWAYS).setTrustProxy(true));
    TestResponse created = app.sendAsync(HttpMethod.GET, "/put/user/alice", null,
      Map.of("X-Forwarded-Proto", "https"), null).await(10, SECONDS);
    String cookie = created.sid();
    String id = created.sessionId();

    TestResponse changed = app.get("/put/user/bob", cookie);
    TestResponse regenerated = app.post("/regenerate", cookie);

    assertEquals(200, changed.status());
    assertEquals("bob", stored(id).data().get("user"), "the stored ID is the one the client has: saved");
    assertEquals(409, regenerated.status(), "a new ID could not reach the client");
    assertNotNull(stored(id), "the session stays under the ID the client has");
    assertEquals(List.of(), regenerated.setCookies());
  }

  @Test
  void aSaveOfAContainerEditedInPlaceToHoldWhatJsonCannotFails() {
    start(new SessionOptions());

    TestResponse response;
    try (LogCapture log = LogCapture.of(SessionHandler.class)) {
      response = app.post("/break-a-container-then-save", null);
      assertSaveFailure(log, "IllegalArgumentException");
    }

    assertEquals("failed: IllegalArgumentException", response.body());
    assertEquals(List.of(), app.store.calls(), "nothing reached the store");
  }

  /** Waits for the one line of a failed automatic save, logged once the response went out, naming its cause. */
  private static void assertSaveFailure(LogCapture log, String cause) {
    List<String> warnings = log.awaitLines(Level.WARN, 1, PATIENCE);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("Automatic session saves failed") && warnings.get(0).contains(cause),
      warnings.get(0));
  }
}
