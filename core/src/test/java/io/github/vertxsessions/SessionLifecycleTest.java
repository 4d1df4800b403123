package io.github.vertxsessions;

import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What reaches the store and the cookie over a session's life, over real HTTP. */
@ExtendWith(VertxExtension.class)
class SessionLifecycleTest {

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private TestApp start(SessionOptions options) {
    app = new TestApp(vertx, options);
    return app;
  }

  private SessionRecord stored(String id) throws Exception {
    return app.store.delegate().load(id, Long.MAX_VALUE).await(10, SECONDS);
  }

  @Test
  void requestWithoutCookieCostsNoStoreCallAndSetsNoCookie() throws Exception {
    start(new SessionOptions());

    TestResponse response = app.get("/read", null);

    assertEquals(200, response.status());
    assertTrue(response.json().getBoolean("isNew"));
    assertEquals(List.of(), response.setCookies());
    assertEquals(List.of(), app.store.calls());
    assertEquals(0L, app.store.count().await(10, SECONDS));
  }

  @Test
  void saveUninitializedStoresAnEmptySessionAndSetsItsCookie() throws Exception {
    start(new SessionOptions().setSaveUninitialized(true));

    TestResponse response = app.get("/read", null);

    assertEquals(List.of("save"), app.store.calls());
    assertNotNull(stored(response.sessionId()));
    assertTrue(response.sid().startsWith("sid=" + response.sessionId() + "."));
  }

  @Test
  void firstChangeCreatesTheSessionAndTheCookie() throws Exception {
    start(new SessionOptions());

    TestResponse response = app.get("/put/user/alice", null);

    assertEquals(List.of("save"), app.store.calls());
    assertEquals(Map.of("user", "alice"), stored(response.sessionId()).data());
    assertEquals(43, response.sessionId().length(), "32 random bytes in base64url");
  }

  @Test
  void readOnlyRequestCostsOneLoadAndNoWrite() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.resetCalls();

    TestResponse response = app.get("/read", cookie);

    assertEquals(List.of("load"), app.store.calls());
    assertEquals("alice", response.data().getString("user"));
    assertFalse(response.json().getBoolean("isNew"));
    assertEquals(List.of(), response.setCookies(), "a browser-session cookie is not re-sent when nothing changed");
  }

  @Test
  void changingRequestCostsOneLoadAndOneSaveOfTheDeltaOnly() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    TestResponse first = app.get("/incr/views", cookie);
    app.store.resetCalls();

    app.get("/incr/views", cookie);

    assertEquals(List.of("load", "save"), app.store.calls());
    SessionRecord record = stored(first.sessionId());
    assertEquals(Map.of("user", "alice", "views", 2), record.data());
    assertEquals(3, record.version());
  }

  @Test
  void jsonContainerChangedInPlaceIsSaved() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/edit-in-place/cart/apple/1", null).sid();

    app.get("/edit-in-place/cart/pear/2", cookie);

    JsonObject cart = (JsonObject) stored(app.get("/read", cookie).sessionId()).data().get("cart");
    assertEquals(new JsonObject().put("apple", "1").put("pear", "2"), cart);
  }

  @Test
  void readingAJsonContainerWithoutChangingItWritesNothing() {
    start(new SessionOptions());
    String cookie = app.get("/edit-in-place/cart/apple/1", null).sid();
    app.store.resetCalls();

    app.get("/read", cookie);

    assertEquals(List.of("load"), app.store.calls());
  }

  @Test
  void nothingIsWrittenWhenTheResponseIsA5xx() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.resetCalls();

    TestResponse response = app.get("/fail", cookie);

    assertEquals(500, response.status());
    assertEquals(List.of("load"), app.store.calls());
    assertFalse(stored(app.get("/read", cookie).sessionId()).data().containsKey("during-failure"));
  }

  @Test
  void newSessionChangedBy5xxIsNotCreated() {
    start(new SessionOptions());

    TestResponse response = app.get("/fail", null);

    assertEquals(500, response.status());
    assertEquals(List.of(), app.store.calls());
    assertEquals(List.of(), response.setCookies());
  }

  @Test
  void regenerateKeepsDataAndMovesToANewIdInOneStoreOperation() throws Exception {
    start(new SessionOptions());
    TestResponse before = app.get("/put/user/alice", null);
    app.store.resetCalls();

    TestResponse after = app.post("/regenerate", before.sid());

    assertNotEquals(before.sessionId(), after.sessionId());
    assertEquals(List.of("load", "changeId"), app.store.calls(), "acknowledged before the response");
    assertNull(stored(before.sessionId()));
    assertEquals(Map.of("user", "alice"), stored(after.sessionId()).data());
    assertTrue(after.sid().startsWith("sid=" + after.sessionId() + "."));
    assertTrue(app.get("/read", before.sid()).json().getBoolean("isNew"), "the old cookie is dead");
    assertEquals("alice", app.get("/read", after.sid()).data().getString("user"));
  }

  @Test
  void destroyDeletesTheSessionAndClearsTheCookieWithTheSameAttributes() throws Exception {
    start(new SessionOptions().setCookiePath("/app").setCookieDomain("example.test")
      .setCookieSameSite(io.vertx.core.http.CookieSameSite.STRICT));
    TestResponse before = app.get("/put/user/alice", null);
    app.store.resetCalls();

    TestResponse after = app.post("/destroy", before.sid());

    assertEquals(List.of("load", "delete"), app.store.calls());
    assertNull(stored(before.sessionId()));
    assertEquals("sid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/app; Domain=example.test; HttpOnly; "
      + "SameSite=Strict", after.setCookie("sid"));
    assertTrue(app.get("/read", before.sid()).json().getBoolean("isNew"));
  }

  @Test
  void explicitSaveIsAcknowledgedBeforeTheResponse() throws Exception {
    start(new SessionOptions());
    app.store.delaySaves(100);

    TestResponse response = app.post("/save", null);

    assertEquals(Map.of("saved", true), stored(response.sessionId()).data());
    assertEquals(List.of("save"), app.store.calls(), "nothing left to save automatically");
  }

  @Test
  void reloadReadsWhatTheStoreHoldsNow() {
    start(new SessionOptions());
    TestResponse created = app.get("/put/user/alice", null);

    TestResponse reloaded = app.post("/reload", created.sid());

    assertEquals(200, reloaded.status());
    assertEquals("alice", reloaded.data().getString("user"));
  }

  @Test
  void touchMovesTheExpiryWithoutChangingData() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    String id = app.get("/read", cookie).sessionId();
    app.clock.advance(Duration.ofMinutes(20));
    app.store.resetCalls();

    app.post("/touch", cookie);
    app.clock.advance(Duration.ofMinutes(20));

    assertTrue(app.store.calls().contains("touch"));
    assertNotNull(stored(id), "alive 40 minutes after creation thanks to the touch at 20");
  }

  @Test
  void rememberMeGivesTheCookieAMaxAgeAndTheSessionALongerLife() {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();

    TestResponse remembered = app.get("/remember", cookie);
    app.clock.advance(Duration.ofDays(2));

    assertTrue(remembered.setCookie("sid").contains("; Max-Age=2592000"), remembered.setCookie("sid"));
    TestResponse later = app.get("/read", cookie);
    assertFalse(later.json().getBoolean("isNew"), "a 30-day session outlives the 30-minute default");
    assertTrue(later.setCookie("sid").contains("; Max-Age=2592000"), "rolling re-sends the remembered Max-Age");
  }

  @Test
  void rollingResendsACookieWithMaxAgeOnEveryResponse() {
    start(new SessionOptions().setCookieMaxAge(Duration.ofHours(1)));
    String cookie = app.get("/put/user/alice", null).sid();

    TestResponse readOnly = app.get("/read", cookie);

    assertEquals(cookie, readOnly.sid());
    assertTrue(readOnly.setCookie("sid").contains("; Max-Age=3600"));
  }

  @Test
  void withoutRollingTheCookieIsSentOnlyWhenItChanges() {
    start(new SessionOptions().setCookieMaxAge(Duration.ofHours(1)).setRolling(false));
    String cookie = app.get("/put/user/alice", null).sid();

    assertEquals(List.of(), app.get("/read", cookie).setCookies());
    assertEquals(List.of(), app.get("/incr/views", cookie).setCookies());
  }

  @Test
  void resaveRewritesAnUnmodifiedSession() {
    start(new SessionOptions().setResave(true));
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.resetCalls();

    app.get("/read", cookie);

    assertEquals(List.of("load", "save"), app.store.calls());
  }

  @Test
  void putOfANonJsonValueFailsAtOnceWithAClearMessage() {
    start(new SessionOptions());

    TestResponse response = app.get("/put-object", null);

    assertEquals(400, response.status());
    assertTrue(response.body().contains("'thread' must be a JSON value"), response.body());
    assertTrue(response.body().contains("java.lang.Object"), response.body());
  }

  @Test
  void bodyIsKeptForABodyHandlerWhileTheStoreLoads() throws Exception {
    start(new SessionOptions());
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.delayLoads(200);

    TestResponse response = app.sendAsync(HttpMethod.POST, "/body", cookie, Map.of(), "x".repeat(100_000))
      .await(10, SECONDS);

    assertEquals(200, response.status());
    assertEquals(100_000, response.data().getString("body").length());
    assertEquals("alice", response.data().getString("user"));
  }

  @Test
  void unknownButWellSignedIdIsNeverAdopted() throws Exception {
    start(new SessionOptions());
    TestResponse created = app.get("/put/user/alice", null);
    app.post("/destroy", created.sid());
    app.store.resetCalls();

    TestResponse response = app.get("/put/user/mallory", created.sid());

    assertEquals(List.of("load", "save"), app.store.calls());
    assertNotEquals(created.sessionId(), response.sessionId());
    assertNull(stored(created.sessionId()));
  }
}
