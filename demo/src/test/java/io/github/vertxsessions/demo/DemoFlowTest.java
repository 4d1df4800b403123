package io.github.vertxsessions.demo;

import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's API over real HTTP, the same for every store: each store's subclass says how to reach its server and,
 * where it can, which session IDs the server holds.
 */
@ExtendWith(VertxExtension.class)
abstract class DemoFlowTest {

  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
  static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  static final String SAFARI_ON_IOS = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
  static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  protected DemoApp app;

  /** The config keys that select and reach the store under test. */
  protected abstract JsonObject storeConfig();

  protected abstract String storeName();

  /** Whether the store holds a live session with this ID, read behind the demo's back where the store allows. */
  protected abstract boolean isStored(String sessionId) throws Exception;

  /** How many sessions the store holds. */
  protected abstract long storedSessions() throws Exception;

  @BeforeEach
  void startDemo(Vertx vertx) {
    app = new DemoApp(vertx, storeConfig().put("idleTimeout", "10m"));
  }

  /** Removes what the test stored, once the demo's writes are done (the demo still runs); nothing by default. */
  protected void removeStoredSessions() throws Exception {
  }

  /** The demo's automatic saves finish first: one that came after the clean-up would find its table gone. */
  @AfterEach
  void stopDemo() throws Exception {
    try {
      app.settle();
      removeStoredSessions();
    } finally {
      app.close();
    }
  }

  @Test
  void logInCountVisitsAndLogOut() throws Exception {
    TestResponse anonymous = app.post("/api/visits", null);
    assertEquals(200, anonymous.status());
    assertEquals(1, anonymous.json().getInteger("views"), "an anonymous visitor has a session too");
    String beforeLogin = anonymous.sid();
    assertAnonymous(app.get("/api/me", beforeLogin), false, "a live session without a user");

    TestResponse login = app.login(beforeLogin, "alice", "wonderland");
    assertEquals(200, login.status());
    assertEquals(new JsonObject().put("user", "alice"), login.json());
    String afterLogin = login.sid();
    assertNotEquals(DemoApp.sessionId(beforeLogin), DemoApp.sessionId(afterLogin), "log-in gives a new session ID");
    assertTrue(login.setCookie("sid").contains("; HttpOnly"), login.setCookie("sid"));
    assertTrue(login.setCookie("sid").contains("; SameSite=Lax"), login.setCookie("sid"));
    assertTrue(isStored(DemoApp.sessionId(afterLogin)));
    assertFalse(isStored(DemoApp.sessionId(beforeLogin)), "the old ID is deleted from the store");

    assertEquals(2, app.post("/api/visits", afterLogin).json().getInteger("views"), "kept through the log-in");
    assertEquals(3, app.post("/api/visits", afterLogin).json().getInteger("views"));
    TestResponse me = app.get("/api/me", afterLogin);
    assertEquals(200, me.status());
    assertEquals("alice", me.json().getString("user"));
    assertEquals(3, me.json().getInteger("views"));
    assertEquals(app.clock.instant(), Instant.parse(me.json().getString("createdAt")));
    assertEquals(app.clock.instant().plus(IDLE_TIMEOUT), Instant.parse(me.json().getString("expiresAt")));

    assertAnonymous(app.get("/api/me", beforeLogin), true, "the pre-login session ID is dead");
    assertEquals(1, app.post("/api/visits", beforeLogin).json().getInteger("views"),
      "the pre-login cookie only starts an empty session");

    TestResponse logout = app.post("/api/logout", afterLogin);
    assertEquals(204, logout.status());
    assertTrue(logout.setCookie("sid").startsWith("sid=;"), logout.setCookie("sid"));
    assertTrue(logout.setCookie("sid").contains("Max-Age=0"), logout.setCookie("sid"));
    assertFalse(isStored(DemoApp.sessionId(afterLogin)), "the session is deleted from the store");
    assertAnonymous(app.get("/api/me", afterLogin), true,
      "logged out, by a client that sends the cleared cookie all the same");
    assertEquals(1, app.post("/api/visits", afterLogin).json().getInteger("views"), "the counter went with it");
  }

  @Test
  void badRequestsGetClearErrors() throws Exception {
    assertError(400, app.postJson("/api/login", null, "{\"username\": \"alice\", "));
    assertError(400, app.postJson("/api/login", null, "[\"alice\", \"wonderland\"]"));
    assertError(400, app.postJson("/api/login", null, ""));
    assertError(400, app.postJson("/api/login", null, "{\"username\": \"alice\"}"));
    assertError(400, app.postJson("/api/login", null, "{\"username\": \"alice\", \"password\": 42}"));
    assertError(400, app.postJson("/api/login", null, "{\"username\": \"\", \"password\": \"wonderland\"}"));
    assertError(415, app.send(HttpMethod.POST, "/api/login", null, "text/plain",
      "{\"username\": \"alice\", \"password\": \"wonderland\"}"));
    assertError(413, app.postJson("/api/login", null, "{\"username\": \"" + "a".repeat(DemoApi.BODY_LIMIT_BYTES)
      + "\", \"password\": \"x\"}"));
    assertError(404, app.get("/api/nothing-here", null));

    TestResponse wrongPassword = app.login(null, "alice", "builder");
    assertError(401, wrongPassword);
    assertEquals(List.of(), wrongPassword.setCookies(), "a failed log-in creates no session");
    assertError(401, app.login(null, "mallory", "wonderland"));
    assertError(401, app.login(null, "Alice", "wonderland"));
    assertAnonymous(app.get("/api/me", null), false, "nobody logged in is an answer, not an error");
    assertError(401, app.get("/api/sessions", null));
    assertError(401, app.postJson("/api/sessions/revoke", null, "{\"handle\": \"abc\"}"));
    assertError(401, app.postJson("/api/sessions/revoke-others", null, "{}"));
    assertEquals(0, storedSessions(), "no request above created a session");
  }

  @Test
  void healthSaysWhichStoreAnswers() throws Exception {
    TestResponse health = app.get("/api/health", null);

    assertEquals(200, health.status());
    assertEquals("UP", health.json().getString("status"));
    JsonArray checks = health.json().getJsonArray("checks");
    assertEquals(1, checks.size(), health.body());
    JsonObject check = checks.getJsonObject(0);
    assertEquals("session-store", check.getString("id"));
    assertEquals("UP", check.getString("status"));
    assertEquals(storeName(), check.getJsonObject("data").getString("store"));
    assertTrue(check.getJsonObject("data").getLong("latencyMillis") >= 0, health.body());
    assertEquals(0, storedSessions(), "the probe stores nothing");
  }

  @Test
  void metricsCountTheSessionsInPrometheusFormat() {
    String cookie = app.login(null, "alice", "wonderland").sid();
    app.post("/api/logout", cookie);
    String created = "vertx_sessions_events_total{store=\"" + storeName() + "\",type=\"created\"} 1.0";
    String destroyed = "vertx_sessions_events_total{store=\"" + storeName() + "\",type=\"destroyed\"} 1.0";

    TestResponse metrics = app.get("/metrics", null);
    for (long deadline = System.nanoTime() + 10_000_000_000L;
         !(metrics.body().contains(created) && metrics.body().contains(destroyed)) && System.nanoTime() < deadline; ) {
      metrics = app.get("/metrics", null); // a store may report its save just after the response
    }

    assertEquals(200, metrics.status());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().get("Content-Type"));
    assertTrue(metrics.body().contains(created), metrics.body());
    assertTrue(metrics.body().contains(destroyed), metrics.body());
    assertTrue(metrics.body().contains("vertx_sessions_store_calls_seconds_count{operation=\"save\",outcome=\"success\","
      + "store=\"" + storeName() + "\"}"), metrics.body());
    assertTrue(metrics.headers().getAll("Set-Cookie").isEmpty(), "a scrape gets no session");
  }

  @Test
  void aSessionLivesWhileUsedAndExpiresWhenIdle() {
    String cookie = app.login(null, "bob", "builder").sid();

    app.clock.advance(IDLE_TIMEOUT.minusMinutes(1));
    assertEquals(200, app.get("/api/me", cookie).status(), "used before its expiry, which moves it forward");
    app.clock.advance(IDLE_TIMEOUT.minusMinutes(1));
    TestResponse stillThere = app.get("/api/me", cookie);
    assertEquals(200, stillThere.status(), "18 minutes after log-in, with a 10-minute idle timeout");
    assertEquals(app.clock.instant().plus(IDLE_TIMEOUT), Instant.parse(stillThere.json().getString("expiresAt")));
    app.clock.advance(IDLE_TIMEOUT.plusSeconds(1));

    assertAnonymous(app.get("/api/me", cookie), true, "idle for longer than the idle timeout");
  }

  @Test
  void undeployingStopsTheServer() {
    // its next request waits for the log-in's save, which undeploying would otherwise cut off (logged as a WARN)
    String cookie = logInFrom(FIREFOX_ON_LINUX, "alice", "wonderland");
    assertNotNull(cookie);

    app.undeploy();

    assertThrows(ConnectException.class, () -> app.get("/api/me", cookie), "nothing listens any more");
  }

  @Test
  void aLogInAlwaysChecksTheCredentials() {
    String cookie = app.login(null, "alice", "wonderland").sid();

    assertError(401, app.login(cookie, "alice", "builder"));
    assertEquals("alice", app.get("/api/me", cookie).json().getString("user"), "a wrong password changes nothing");
    TestResponse otherUser = app.login(cookie, "bob", "builder");
    assertError(409, otherUser);
    assertEquals("already logged in as alice: log out first", otherUser.json().getString("error"));
    assertEquals("alice", app.get("/api/me", cookie).json().getString("user"));

    TestResponse again = app.login(cookie, "alice", "wonderland");
    assertEquals(200, again.status(), again.body());
    assertNotEquals(DemoApp.sessionId(cookie), DemoApp.sessionId(again.sid()), "a new session ID all the same");
    assertAnonymous(app.get("/api/me", cookie), true, "the session of before the second log-in is gone");
    assertEquals("alice", app.get("/api/me", again.sid()).json().getString("user"));
  }

  @Test
  void aUserSeesTheirSessionsAndSignsOneOut() throws Exception {
    String laptop = logInFrom(FIREFOX_ON_LINUX, "alice", "wonderland");
    Instant laptopLogIn = app.clock.instant();
    app.clock.advance(Duration.ofSeconds(5));
    String phone = logInFrom(SAFARI_ON_IOS, "alice", "wonderland");
    String bob = logInFrom(CHROME_ON_WINDOWS, "bob", "builder");

    JsonArray seen = sessionsOf(laptop);
    assertEquals(2, seen.size(), "alice's two sessions, not bob's: " + seen.encode());
    JsonObject newest = seen.getJsonObject(0);
    JsonObject oldest = seen.getJsonObject(1);
    assertEquals("Safari on iOS", newest.getString("description"));
    assertFalse(newest.getBoolean("current"));
    assertEquals(app.clock.instant(), Instant.parse(newest.getString("createdAt")));
    assertEquals("Firefox on Linux", oldest.getString("description"));
    assertTrue(oldest.getBoolean("current"), "the laptop asked");
    assertEquals(laptopLogIn, Instant.parse(oldest.getString("createdAt")));
    for (JsonObject session : List.of(newest, oldest)) {
      assertEquals(Set.of("handle", "createdAt", "lastAccessedAt", "expiresAt", "description", "current"),
        session.fieldNames());
      assertEquals(Instant.parse(session.getString("lastAccessedAt")).plus(IDLE_TIMEOUT),
        Instant.parse(session.getString("expiresAt")));
    }
    for (String cookie : List.of(laptop, phone, bob)) {
      assertFalse(seen.encode().contains(DemoApp.sessionId(cookie)), "no session ID is ever shown");
    }
    JsonArray seenByPhone = sessionsOf(phone);
    assertTrue(seenByPhone.getJsonObject(0).getBoolean("current"));
    assertFalse(seenByPhone.getJsonObject(1).getBoolean("current"));
    assertEquals(newest.getString("handle"), seenByPhone.getJsonObject(0).getString("handle"), "handles are stable");

    TestResponse revoked = app.postJson("/api/sessions/revoke", laptop, handle(newest.getString("handle")));
    assertEquals(200, revoked.status(), revoked.body());
    assertEquals(new JsonObject().put("revoked", true), revoked.json());

    assertAnonymous(app.get("/api/me", phone), true, "the phone is signed out");
    assertFalse(isStored(DemoApp.sessionId(phone)), "the phone's session is deleted from the store");
    JsonArray left = sessionsOf(laptop);
    assertEquals(1, left.size(), left.encode());
    assertEquals(oldest.getString("handle"), left.getJsonObject(0).getString("handle"));
    assertTrue(left.getJsonObject(0).getBoolean("current"));
    assertEquals("alice", app.get("/api/me", laptop).json().getString("user"), "the laptop is still signed in");

    assertError(404, app.postJson("/api/sessions/revoke", laptop, handle(newest.getString("handle"))));
    String bobsHandle = sessionsOf(bob).getJsonObject(0).getString("handle");
    assertError(404, app.postJson("/api/sessions/revoke", laptop, handle(bobsHandle)));
    assertEquals("bob", app.get("/api/me", bob).json().getString("user"), "alice cannot sign bob out");
  }

  @Test
  void signingOutTheOtherSessionsKeepsThisOne() throws Exception {
    String laptop = logInFrom(FIREFOX_ON_LINUX, "alice", "wonderland");
    String phone = logInFrom(SAFARI_ON_IOS, "alice", "wonderland");
    String desktop = logInFrom(CHROME_ON_WINDOWS, "alice", "wonderland");
    String bob = logInFrom(CHROME_ON_WINDOWS, "bob", "builder");
    assertEquals(3, sessionsOf(laptop).size());

    TestResponse revoked = app.postJson("/api/sessions/revoke-others", laptop, "{}");

    assertEquals(200, revoked.status(), revoked.body());
    assertEquals(new JsonObject().put("revoked", 2), revoked.json());
    assertAnonymous(app.get("/api/me", phone), true, "the phone is signed out");
    assertAnonymous(app.get("/api/me", desktop), true, "the desktop is signed out");
    assertEquals("alice", app.get("/api/me", laptop).json().getString("user"));
    assertEquals("bob", app.get("/api/me", bob).json().getString("user"));
    JsonArray left = sessionsOf(laptop);
    assertEquals(1, left.size(), left.encode());
    assertTrue(left.getJsonObject(0).getBoolean("current"));
    assertEquals(new JsonObject().put("revoked", 0),
      app.postJson("/api/sessions/revoke-others", laptop, "{}").json(), "none left");

    TestResponse self = app.postJson("/api/sessions/revoke", laptop, handle(left.getJsonObject(0).getString("handle")));
    assertEquals(200, self.status(), self.body());
    assertTrue(self.setCookie("sid").contains("Max-Age=0"), "signing this session out is a log-out: "
      + self.setCookie("sid"));
    assertFalse(isStored(DemoApp.sessionId(laptop)));
    assertAnonymous(app.get("/api/me", laptop), true, "the laptop signed itself out");
  }

  @Test
  void theSessionsRoutesWantJsonAndAHandle() {
    String cookie = logInFrom(FIREFOX_ON_LINUX, "alice", "wonderland");

    assertError(415, app.send(HttpMethod.POST, "/api/sessions/revoke", cookie, "text/plain", handle("abc")));
    assertError(415, app.post("/api/sessions/revoke-others", cookie));
    assertError(400, app.postJson("/api/sessions/revoke", cookie, "{}"));
    assertError(400, app.postJson("/api/sessions/revoke", cookie, "{\"handle\": 42}"));
    assertError(400, app.postJson("/api/sessions/revoke", cookie, "{\"handle\": \"\"}"));
    assertError(400, app.postJson("/api/sessions/revoke", cookie, "[\"abc\"]"));
    assertError(400, app.postJson("/api/sessions/revoke", cookie, "{\"handle\": "));
    assertError(413, app.postJson("/api/sessions/revoke", cookie, handle("a".repeat(DemoApi.BODY_LIMIT_BYTES))));
    assertError(404, app.postJson("/api/sessions/revoke", cookie, handle("not-a-handle")));
    assertError(404, app.get("/api/sessions/nothing-here", cookie));

    assertEquals(1, sessionsOf(cookie).size(), "nothing was revoked");
    assertEquals("alice", app.get("/api/me", cookie).json().getString("user"));
  }

  /**
   * Logs in as {@code user} from a new client (a cookie jar of its own) and returns its cookie. The session handler
   * stores the session's principal with the save that ends the log-in, which a remote store may still be writing when
   * the answer arrives; the client's next request waits for it, as the page's own call of /api/me does.
   */
  private String logInFrom(String userAgent, String user, String password) {
    TestResponse login = app.login(null, user, password, userAgent);
    assertEquals(200, login.status(), login.body());
    String cookie = login.sid();
    assertEquals(user, app.get("/api/me", cookie).json().getString("user"));
    return cookie;
  }

  private JsonArray sessionsOf(String cookie) {
    TestResponse response = app.get("/api/sessions", cookie);
    assertEquals(200, response.status(), response.body());
    return response.json().getJsonArray("sessions");
  }

  private static String handle(String handle) {
    return new JsonObject().put("handle", handle).encode();
  }

  /**
   * The answer of /api/me when nobody is logged in: a 200 without a user, saying whether the cookie sent names a
   * session that is gone, with the store's time. Asking creates no session; the cookie of a session that is gone is
   * cleared, so that the browser is told once.
   */
  private void assertAnonymous(TestResponse me, boolean sessionGone, String why) {
    assertEquals(200, me.status(), why + ": " + me.body());
    assertEquals(new JsonObject().putNull("user").put("sessionGone", sessionGone)
      .put("now", app.clock.instant().toString()), me.json(), why);
    if (sessionGone) {
      assertTrue(me.setCookie("sid").startsWith("sid=;") && me.setCookie("sid").contains("Max-Age=0"),
        why + ": " + me.setCookies());
    } else {
      assertEquals(List.of(), me.setCookies(), why);
    }
  }

  private static void assertError(int status, TestResponse response) {
    assertEquals(status, response.status(), response.body());
    String error = response.json().getString("error");
    assertTrue(error != null && !error.isBlank(), response.body());
  }
}
