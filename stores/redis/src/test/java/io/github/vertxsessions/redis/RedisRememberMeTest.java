package io.github.vertxsessions.redis;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remember-me over real HTTP on a private redis-server: a change of the cookie's lifetime re-sends the cookie and
 * stores the idle timeout that goes with it.
 */
class RedisRememberMeTest extends RedisHttpTestBase {

  private static final long WEEK_MILLIS = Duration.ofDays(7).toMillis();
  private static final long DEFAULT_IDLE_MILLIS = SessionOptions.DEFAULT_IDLE_TIMEOUT.toMillis();

  /** With rolling off, setMaxAge(7 days) on an existing session re-sends its cookie with Max-Age and stores 7 days. */
  @Test
  void rememberMeWithRollingOffSendsAWeekLongCookieAndStoresAWeek() {
    TestApp app = app(vertx, new SessionOptions().setRolling(false), store(vertx, null), this::rememberRoutes);
    TestResponse created = app.get("/put/user/alice", null);
    String cookie = created.sid();
    assertFalse(created.setCookie("sid").contains("Max-Age"), created.setCookie("sid"));
    String id = created.sessionId();
    assertNull(app.get("/read", cookie).setCookie("sid"), "rolling is off and nothing changed");

    TestResponse remembered = app.get("/remember-week", cookie);

    assertEquals(200, remembered.status());
    String setCookie = remembered.setCookie("sid");
    assertNotNull(setCookie, "a new lifetime must reach the browser even with rolling off");
    assertTrue(setCookie.contains("; Max-Age=604800"), setCookie);
    assertEquals(cookie, remembered.sid(), "the same session, only a longer-lived cookie");
    awaitField(id, "cookieMaxAge", Long.toString(WEEK_MILLIS));
    assertEquals(Long.toString(WEEK_MILLIS), field(id, "idleTimeout"));
    assertTtlAbout(WEEK_MILLIS, id);

    TestResponse later = app.get("/read", cookie);
    assertEquals("alice", later.data().getString("user"));
    assertNull(later.setCookie("sid"), "the lifetime is what the cookie has already: nothing to re-send");
  }

  /** With default options, setMaxAge(null) turns a remembered session's cookie into a browser-session cookie. */
  @Test
  void forgettingTheLifetimeSendsABrowserSessionCookieAndStoresTheIdleTimeout() {
    TestApp app = app(vertx, new SessionOptions(), store(vertx, null), this::rememberRoutes);
    TestResponse remembered = app.get("/remember-week", null);
    String cookie = remembered.sid();
    String id = remembered.sessionId();
    assertTrue(remembered.setCookie("sid").contains("; Max-Age=604800"), remembered.setCookie("sid"));
    awaitField(id, "cookieMaxAge", Long.toString(WEEK_MILLIS));

    TestResponse forgotten = app.get("/forget-me", cookie);

    assertEquals(200, forgotten.status());
    String setCookie = forgotten.setCookie("sid");
    assertNotNull(setCookie, "the browser must drop the week-long lifetime");
    assertFalse(setCookie.contains("Max-Age") || setCookie.contains("Expires"), setCookie);
    assertEquals(cookie, forgotten.sid());
    awaitField(id, "cookieMaxAge", "-1");
    assertEquals(Long.toString(DEFAULT_IDLE_MILLIS), field(id, "idleTimeout"));
    assertTtlAbout(DEFAULT_IDLE_MILLIS, id);
    assertNull(app.get("/read", cookie).setCookie("sid"), "a browser-session cookie is not rolled");
  }

  private void rememberRoutes(Router router) {
    router.get("/remember-week").handler(ctx ->
      TestApp.reply(ctx, SessionHandler.session(ctx).setMaxAge(Duration.ofDays(7))));
    router.get("/forget-me").handler(ctx -> TestApp.reply(ctx, SessionHandler.session(ctx).setMaxAge(null)));
  }

  private void assertTtlAbout(long expected, String id) {
    long ttl = admin.call("PTTL", prefix + id).toLong();
    assertTrue(ttl > expected - 60_000 && ttl <= expected, "PTTL " + ttl + ", expected about " + expected);
  }
}
