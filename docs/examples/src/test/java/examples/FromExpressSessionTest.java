package examples;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testservers.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The express-session page's samples run as the tutorials' application does: behind a TLS proxy, a visitor counts
 * views, logs in (a new ID, the views kept) and logs out (the session gone, the cookie cleared), on the memory store,
 * Redis and MongoDB.
 */
@ExtendWith(VertxExtension.class)
class FromExpressSessionTest {

  private static final String NEW_SECRET = "the-newest-secret-of-32-characters";
  private static final String OLD_SECRET = "the-previous-secret-of-32-or-more";

  @Test
  void theTutorialsFlowOnTheMemoryStore(Vertx vertx) throws Exception {
    viewsLogInAndLogOut(vertx, FromExpressSession.memoryStore(vertx));
  }

  @Test
  void theTutorialsFlowOnRedis(Vertx vertx) throws Exception {
    SessionStore store = FromExpressSession.redisStore(vertx, TestRedis.connectionString(), TestRedis.uniquePrefix());
    try {
      viewsLogInAndLogOut(vertx, store);
    } finally {
      store.clear().await(10, SECONDS);
    }
  }

  @Test
  void theTutorialsFlowOnMongo(Vertx vertx) throws Exception {
    try (MongoTestServer mongo = MongoTestServer.start()) {
      SessionStore store =
          FromExpressSession.mongoStore(vertx, mongo.connectionString(), mongo.uniqueCollection("sessions"));
      // the TTL index in place first: mongo-java-server can fail a write that runs while it builds an index (a
      // ConcurrentModificationException inside findAndModify, seen once in .ci/run), which a real mongod does not
      ((MongoSessionStore) store).ready().await(10, SECONDS);
      viewsLogInAndLogOut(vertx, store);
    }
  }

  @Test
  void withoutTheProxysWordNoSecureCookieIsSentOverPlainHttp(Vertx vertx) throws Exception {
    SampleServer browser = new SampleServer(vertx, FromExpressSession.router(vertx,
        FromExpressSession.memoryStore(vertx), FromExpressSession.options(NEW_SECRET, OLD_SECRET)));
    SampleServer.Answer answer = browser.get("/");
    assertEquals("views: 1", answer.body());
    assertNull(answer.setCookie("sid"), "cookie.secure: true keeps the ID off plain HTTP");
  }

  private static void viewsLogInAndLogOut(Vertx vertx, SessionStore store) throws Exception {
    SessionOptions options = FromExpressSession.behindProxy(FromExpressSession.options(NEW_SECRET, OLD_SECRET));
    SampleServer browser = new SampleServer(vertx, FromExpressSession.router(vertx, store, options))
        .always("X-Forwarded-Proto", "https");

    SampleServer.Answer first = browser.get("/");
    assertEquals("views: 1", first.body());
    assertTrue(first.setCookie("sid").endsWith("; Max-Age=1800; Path=/; HttpOnly; SameSite=Lax; Secure"),
        first.setCookie("sid"));
    assertEquals("views: 2", browser.get("/").body());
    String anonymous = browser.cookie("sid");

    SampleServer.Answer login = browser.postForm("/login", "user=alice");
    assertEquals(302, login.status());
    assertNotEquals(anonymous, browser.cookie("sid"), "a new ID at log-in");
    assertEquals("views: 3", browser.get("/").body(), "the data came along");

    SampleServer.Answer logout = browser.post("/logout");
    assertEquals(302, logout.status());
    assertTrue(logout.setCookie("sid").startsWith("sid=; Max-Age=0"), logout.setCookie("sid"));
    assertEquals("views: 1", browser.get("/").body(), "a new session after the log-out");
    // a request that changes nothing waits for this node's writes of its session: the last save is done when the
    // store (and its server) goes away
    assertEquals(404, browser.get("/settled").status());
  }
}
