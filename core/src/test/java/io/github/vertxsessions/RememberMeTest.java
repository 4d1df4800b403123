package io.github.vertxsessions;

import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A change of a session's cookie lifetime reaches the browser, whatever {@code rolling} says. */
@ExtendWith(VertxExtension.class)
class RememberMeTest {

  private static final long THIRTY_DAYS = Duration.ofDays(30).toSeconds();

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  void rememberingAnExistingSessionResendsItsCookieWithoutRolling() {
    app = new TestApp(vertx, new SessionOptions().setRolling(false));
    String cookie = app.get("/put/user/alice", null).sid();

    TestResponse remembered = app.get("/remember", cookie);

    String setCookie = remembered.setCookie("sid");
    assertTrue(setCookie != null && setCookie.contains("; Max-Age=" + THIRTY_DAYS), String.valueOf(setCookie));
    assertEquals(cookie, remembered.sid(), "the same session, with a longer-lived cookie");
    assertNull(app.get("/read", cookie).setCookie("sid"), "nothing changed: nothing to send without rolling");
  }

  @Test
  void forgettingAnExistingSessionMakesItsCookieABrowserSessionCookieAgain() {
    app = new TestApp(vertx, new SessionOptions());
    String cookie = app.get("/remember", null).sid();
    assertTrue(app.get("/read", cookie).setCookie("sid").contains("Max-Age=" + THIRTY_DAYS), "rolling re-sends it");

    TestResponse forgotten = app.get("/forget", cookie);

    String setCookie = forgotten.setCookie("sid");
    assertTrue(setCookie != null && !setCookie.contains("Max-Age"), String.valueOf(setCookie));
    assertNull(app.get("/read", cookie).setCookie("sid"), "a browser-session cookie is not re-sent");
    assertEquals(Duration.ofMinutes(30).toMillis(), app.get("/read", cookie).json().getLong("expiresAt")
      - app.clock.millis(), "the store keeps it for the idle timeout again");
  }

  @Test
  void forgettingGoesBackToTheOptionsCookieMaxAge() {
    app = new TestApp(vertx, new SessionOptions().setCookieMaxAge(Duration.ofDays(7)).setRolling(false));
    String cookie = app.get("/remember", null).sid();

    String setCookie = app.get("/forget", cookie).setCookie("sid");

    assertTrue(setCookie != null && setCookie.contains("; Max-Age=" + Duration.ofDays(7).toSeconds()),
      String.valueOf(setCookie));
  }
}
