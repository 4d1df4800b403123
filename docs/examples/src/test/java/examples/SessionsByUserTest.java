package examples;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page on sessions by user: a user sees where they are signed in and signs their other devices out. */
@ExtendWith(VertxExtension.class)
class SessionsByUserTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");

  /** Moved between log-ins, so that the newest session is the one logged in last. */
  private final TestClock clock = new TestClock();

  @Test
  void aUserListsTheirSessionsAndSignsTheOthersOut(Vertx vertx) throws Exception {
    int port = Browser.serve(vertx, SessionsByUser.router(vertx, store(vertx),
      new SessionOptions().setSecrets(SECRETS)));
    Browser laptop = new Browser(vertx, port).withHeader("User-Agent", "Firefox on Linux");
    Browser phone = new Browser(vertx, port).withHeader("User-Agent", "Safari on iOS");
    assertEquals(204, laptop.post("/login/alice").status());
    clock.advance(Duration.ofSeconds(5));
    assertEquals(204, phone.post("/login/alice").status());

    JsonArray seen = new JsonArray(laptop.get("/sessions").body());

    assertEquals(2, seen.size(), seen.encode());
    JsonObject newest = seen.getJsonObject(0);
    assertEquals("Safari on iOS", newest.getString("description"));
    assertEquals(false, newest.getBoolean("current"));
    assertEquals(true, seen.getJsonObject(1).getBoolean("current"));
    assertTrue(!seen.encode().contains(laptop.cookie().substring(4, 20)), "no session ID in the list");

    assertEquals(1, laptop.post("/sessions/revoke-others").json().getInteger("revoked"));
    assertEquals(401, phone.get("/sessions").status(), "the phone's next request is anonymous");
    assertEquals(1, new JsonArray(laptop.get("/sessions").body()).size());
  }

  @Test
  void aUserSignsOneDeviceOutByItsHandle(Vertx vertx) throws Exception {
    int port = Browser.serve(vertx, SessionsByUser.router(vertx, store(vertx),
      new SessionOptions().setSecrets(SECRETS)));
    Browser laptop = new Browser(vertx, port);
    Browser phone = new Browser(vertx, port);
    laptop.post("/login/alice");
    clock.advance(Duration.ofSeconds(5));
    phone.post("/login/alice");
    String phoneHandle = new JsonArray(laptop.get("/sessions").body()).getJsonObject(0).getString("handle");

    assertEquals(204, laptop.post("/sessions/" + phoneHandle + "/revoke").status());
    assertEquals(404, laptop.post("/sessions/" + phoneHandle + "/revoke").status(), "gone already");
    assertEquals(401, phone.get("/sessions").status());
  }

  @Test
  void aFourthLogInIsRefused(Vertx vertx) throws Exception {
    int port = Browser.serve(vertx, SessionsByUser.router(vertx, store(vertx),
      SessionsByUser.limited(SECRETS)));
    for (int device = 1; device <= 3; device++) {
      assertEquals(204, new Browser(vertx, port).post("/login/alice").status());
    }

    try (LogCapture log = LogCapture.of(SessionHandler.class)) {
      Browser fourth = new Browser(vertx, port);
      assertEquals(429, fourth.post("/login/alice").status());
      // the end of the request tries to store the refused session too, and is refused again
      assertTrue(log.awaitLine(Level.WARN, "SessionLimitException", Duration.ofSeconds(10)).contains("saves failed"));
      assertEquals(401, fourth.get("/sessions").status(), "not signed in");
    }
    assertEquals(204, new Browser(vertx, port).post("/login/bob").status(), "another user has a limit of their own");
  }

  private LocalSessionStore store(Vertx vertx) {
    return LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }
}
