package io.github.vertxsessions.demo;

import io.github.vertxsessions.testing.TestResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
  protected abstract boolean isStored(String sessionId);

  /** How many sessions the store holds. */
  protected abstract long storedSessions();

  @BeforeEach
  void startDemo() {
    app = new DemoApp(storeConfig().put("idleTimeout", "10m"));
  }

  @AfterEach
  void stopDemo() {
    app.close();
  }

  @Test
  void logInCountVisitsAndLogOut() {
    TestResponse anonymous = app.post("/api/visits", null);
    assertEquals(200, anonymous.status());
    assertEquals(1, anonymous.json().getInteger("views"), "an anonymous visitor has a session too");
    String beforeLogin = anonymous.sid();

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

    TestResponse replayed = app.get("/api/me", beforeLogin);
    assertEquals(401, replayed.status(), "the pre-login session ID is dead");
    assertEquals(1, app.post("/api/visits", beforeLogin).json().getInteger("views"),
      "the pre-login cookie only starts an empty session");

    TestResponse logout = app.post("/api/logout", afterLogin);
    assertEquals(204, logout.status());
    assertTrue(logout.setCookie("sid").startsWith("sid=;"), logout.setCookie("sid"));
    assertTrue(logout.setCookie("sid").contains("Max-Age=0"), logout.setCookie("sid"));
    assertFalse(isStored(DemoApp.sessionId(afterLogin)), "the session is deleted from the store");
    assertEquals(401, app.get("/api/me", afterLogin).status());
    assertEquals(1, app.post("/api/visits", afterLogin).json().getInteger("views"), "the counter went with it");
  }

  @Test
  void badRequestsGetClearErrors() {
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
    assertError(401, app.get("/api/me", null));
    assertEquals(0, storedSessions(), "no request above created a session");
  }

  @Test
  void healthSaysWhichStoreAnswers() {
    TestResponse health = app.get("/api/health", null);

    assertEquals(200, health.status());
    assertEquals(new JsonObject().put("store", storeName()).put("ok", true), health.json());
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

    assertEquals(401, app.get("/api/me", cookie).status(), "idle for longer than the idle timeout");
  }

  @Test
  void undeployingStopsTheServer() {
    String cookie = app.login(null, "alice", "wonderland").sid();
    assertNotNull(cookie);

    app.undeploy();

    assertThrows(RuntimeException.class, () -> app.get("/api/me", cookie), "nothing listens any more");
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
    assertEquals(401, app.get("/api/me", cookie).status());
    assertEquals("alice", app.get("/api/me", again.sid()).json().getString("user"));
  }

  private static void assertError(int status, TestResponse response) {
    assertEquals(status, response.status(), response.body());
    String error = response.json().getString("error");
    assertTrue(error != null && !error.isBlank(), response.body());
  }
}
