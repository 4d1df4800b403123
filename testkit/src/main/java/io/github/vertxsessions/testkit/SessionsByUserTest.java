package io.github.vertxsessions.testkit;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.PrincipalLimitPolicy;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionInfo;
import io.github.vertxsessions.SessionLimitException;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.SessionRegistry;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's sessions over real HTTP, with several clients (cookie jars) logged in as one user: listing, revoking one,
 * the others or all, the limit per user with each policy. Every store's tests extend it.
 */
@ExtendWith(VertxExtension.class)
public abstract class SessionsByUserTest {

  private Vertx vertx;
  private TestApp app;
  private SessionRegistry registry;

  /** A store of the kind under test on {@code vertx}, its time from {@code clock}, holding no session yet. */
  protected abstract IndexedSessionStore newStore(Vertx vertx, TestClock clock) throws Exception;

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
      app.close();
    }
    closeServers();
  }

  private void start(SessionOptions options) throws Exception {
    TestClock clock = new TestClock();
    IndexedSessionStore store = newStore(vertx, clock);
    SessionOptions effective = new SessionOptions(options).setSecrets(List.of(TestApp.SECRET));
    registry = SessionRegistry.create(vertx, store, effective);
    app = new TestApp(vertx, clock, effective, store, this::routes, new HttpServerOptions());
  }

  private void routes(Router router, SessionHandler handler) {
    router.post("/login/:user").handler(ctx -> {
      Session session = SessionHandler.session(ctx).setPrincipal(ctx.pathParam("user"))
        .setDescription(ctx.request().getHeader("User-Agent"));
      answer(ctx, session.regenerate().map(v -> new JsonObject().put("handle", registry.handleOf(session))));
    });
    router.post("/auth/:user").handler(SimpleAuthenticationHandler.create()
      .authenticate(ctx -> Future.succeededFuture(User.fromName(ctx.pathParam("user")))));
    router.post("/auth/:user").handler(ctx -> ctx.json(new JsonObject()));
    router.get("/me").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      ctx.json(new JsonObject().put("principal", session.principal()).put("isNew", session.isNew()));
    });
    router.get("/sessions").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      answer(ctx, registry.list(session.principal()).map(list -> new JsonObject()
        .put("current", registry.handleOf(session))
        .put("sessions", new JsonArray(list.stream().map(SessionInfo::toJson).toList()))));
    });
    router.post("/revoke/:handle").handler(ctx -> answer(ctx, registry
      .revoke(SessionHandler.session(ctx).principal(), ctx.pathParam("handle"))
      .map(revoked -> new JsonObject().put("revoked", revoked))));
    router.post("/revoke-others").handler(ctx -> answer(ctx, registry
      .revokeOthers(SessionHandler.session(ctx).principal(), SessionHandler.session(ctx))
      .map(n -> new JsonObject().put("revoked", n))));
    router.post("/revoke-all/:user").handler(ctx -> answer(ctx, registry.revokeAll(ctx.pathParam("user"))
      .map(n -> new JsonObject().put("revoked", n))));
  }

  private static void answer(RoutingContext ctx, Future<JsonObject> result) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.json(ar.result());
      } else {
        ctx.response().setStatusCode(ar.cause() instanceof SessionLimitException ? 429 : 500)
          .end(ar.cause().getClass().getSimpleName());
      }
    });
  }

  /** Logs in as {@code user} from a new client; the cookie to send back. */
  private String logIn(String user, String userAgent) throws Exception {
    TestResponse response = app.sendAsync(HttpMethod.POST, "/login/" + user, null,
      Map.of("User-Agent", userAgent), null).await(10, SECONDS);
    assertEquals(200, response.status(), response.body());
    return response.sid();
  }

  private String principalOf(String cookie) {
    return app.get("/me", cookie).json().getString("principal");
  }

  private JsonArray sessionsSeenBy(String cookie) {
    return app.get("/sessions", cookie).json().getJsonArray("sessions");
  }

  @Test
  void aUserSeesTheirSessionsNewestFirstWithTheCurrentOneMarked() throws Exception {
    start(new SessionOptions());
    String laptop = logIn("alice", "Firefox on Linux");
    app.clock.advance(java.time.Duration.ofSeconds(5));
    String phone = logIn("alice", "Safari on iOS");
    logIn("bob", "curl");

    JsonObject seen = app.get("/sessions", phone).json();

    JsonArray sessions = seen.getJsonArray("sessions");
    assertEquals(2, sessions.size(), sessions.encode());
    assertEquals("Safari on iOS", sessions.getJsonObject(0).getString("description"));
    assertEquals("Firefox on Linux", sessions.getJsonObject(1).getString("description"));
    assertEquals(seen.getString("current"), sessions.getJsonObject(0).getString("handle"));
    assertFalse(sessions.encode().contains(phone.substring(4, 30)), "no session ID is shown");
    assertEquals(2, registry.count("alice").await(10, SECONDS));
    assertEquals("alice", principalOf(laptop));
  }

  @Test
  void revokingTheOtherClientSignsItOutAtItsNextRequest() throws Exception {
    start(new SessionOptions());
    String laptop = logIn("alice", "laptop");
    String phone = logIn("alice", "phone");
    String phoneHandle = sessionsSeenBy(laptop).stream().map(JsonObject.class::cast)
      .filter(s -> s.getString("description").equals("phone")).findFirst().orElseThrow().getString("handle");

    assertTrue(app.post("/revoke/" + phoneHandle, laptop).json().getBoolean("revoked"));

    JsonObject phoneNow = app.get("/me", phone).json();
    assertNull(phoneNow.getString("principal"), "signed out");
    assertTrue(phoneNow.getBoolean("isNew"), "a fresh, anonymous session");
    assertEquals("alice", principalOf(laptop));
    assertFalse(app.post("/revoke/" + phoneHandle, laptop).json().getBoolean("revoked"), "gone already");
  }

  @Test
  void aUserCannotRevokeAnotherUsersSessionByItsHandle() throws Exception {
    start(new SessionOptions());
    String alice = logIn("alice", "laptop");
    String bob = logIn("bob", "laptop");
    String bobHandle = app.get("/sessions", bob).json().getString("current");

    assertFalse(app.post("/revoke/" + bobHandle, alice).json().getBoolean("revoked"));

    assertEquals("bob", principalOf(bob));
  }

  @Test
  void signingOutTheOthersKeepsThisOne() throws Exception {
    start(new SessionOptions());
    String one = logIn("alice", "one");
    String two = logIn("alice", "two");
    String three = logIn("alice", "three");

    assertEquals(2, app.post("/revoke-others", two).json().getInteger("revoked"));

    assertNull(principalOf(one));
    assertNull(principalOf(three));
    assertEquals("alice", principalOf(two));
  }

  @Test
  void loggingOutEverywhereEndsEverySession() throws Exception {
    start(new SessionOptions());
    String one = logIn("alice", "one");
    String two = logIn("alice", "two");

    assertEquals(2, app.post("/revoke-all/alice", null).json().getInteger("revoked"));

    assertNull(principalOf(one));
    assertNull(principalOf(two));
    assertEquals(0, registry.count("alice").await(10, SECONDS));
  }

  @Test
  void theLimitRevokesTheLeastRecentlyUsedSession() throws Exception {
    start(new SessionOptions().setMaxSessionsPerPrincipal(2).setTouchInterval(java.time.Duration.ZERO));
    String first = logIn("alice", "first");
    app.clock.advance(java.time.Duration.ofSeconds(1));
    String second = logIn("alice", "second");
    app.clock.advance(java.time.Duration.ofSeconds(1));
    app.get("/me", first); // now the second is the least recently used
    app.clock.advance(java.time.Duration.ofSeconds(1));

    String third = logIn("alice", "third");

    assertEquals("alice", principalOf(third));
    assertEquals("alice", principalOf(first));
    assertNull(principalOf(second), "the least recently used went");
    assertEquals(2, registry.count("alice").await(10, SECONDS));
  }

  @Test
  void theRefusingLimitFailsTheLogInAndKeepsTheOthers() throws Exception {
    start(new SessionOptions().setMaxSessionsPerPrincipal(1).setPrincipalLimitPolicy(PrincipalLimitPolicy.REFUSE));
    String first = logIn("alice", "first");

    TestResponse refused;
    try (LogCapture log = LogCapture.of(SessionHandler.class)) {
      refused = app.post("/login/alice", null);

      // the refused session itself is not saved either: it would be one too many
      String warning = log.awaitLine(Level.WARN, "SessionLimitException", Duration.ofSeconds(10));
      assertTrue(warning.startsWith("Automatic session saves failed"), warning);
    }

    assertEquals(429, refused.status());
    assertEquals("SessionLimitException", refused.body());
    assertEquals("alice", principalOf(first));
    assertEquals(1, registry.count("alice").await(10, SECONDS));
    logIn("bob", "another user is not limited by alice's sessions");
  }

  @Test
  void concurrentLogInsOfOneUserEndWithinTheLimit() throws Exception {
    start(new SessionOptions().setMaxSessionsPerPrincipal(3));
    List<Future<TestResponse>> logIns = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      logIns.add(app.sendAsync(HttpMethod.POST, "/login/alice", null, Map.of("User-Agent", "device " + i), null));
    }
    Future.all(logIns).await(10, SECONDS);

    int left = registry.count("alice").await(10, SECONDS);
    assertTrue(left >= 1 && left <= 3, left + " sessions left");
  }

  @Test
  void thePrincipalSurvivesRegenerateUnderANewHandle() throws Exception {
    start(new SessionOptions());
    String cookie = logIn("alice", "laptop");
    String before = app.get("/sessions", cookie).json().getString("current");

    TestResponse regenerated = app.post("/regenerate", cookie);

    String after = app.get("/sessions", regenerated.sid()).json().getString("current");
    assertEquals("alice", principalOf(regenerated.sid()));
    assertNotEquals(before, after);
    assertEquals(1, sessionsSeenBy(regenerated.sid()).size(), "the old ID is gone from the index");
  }

  @Test
  void aVertxWebAuthenticationHandlerSetsThePrincipal() throws Exception {
    start(new SessionOptions());
    TestResponse authenticated = app.post("/auth/carol", null);

    assertEquals("carol", principalOf(authenticated.sid()));
    assertEquals(1, registry.count("carol").await(10, SECONDS));
  }

  @Test
  void aRevokedSessionIsNotWrittenBackByItsSlowRequest() throws Exception {
    start(new SessionOptions());
    String laptop = logIn("alice", "laptop");
    String phone = logIn("alice", "phone");
    Future<TestResponse> slow = app.sendAsync(HttpMethod.GET, "/slow-incr/views/400", phone, Map.of(), null);
    eventually(Duration.ofSeconds(10), "the slow request's load", () -> app.store.calls().contains("load"));

    assertEquals(1, app.post("/revoke-others", laptop).json().getInteger("revoked"));
    assertEquals(200, slow.await(10, SECONDS).status());

    assertNull(principalOf(phone), "not resurrected by the slow request's save");
    assertEquals(1, registry.count("alice").await(10, SECONDS));
  }
}
