package io.github.vertxsessions;

import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Overlapping requests of one session, over real HTTP. */
@ExtendWith(VertxExtension.class)
class ConcurrencyTest {

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  private TestApp app;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = new TestApp(vertx, new SessionOptions());
  }

  private Future<TestResponse> getAsync(String path, String cookie) {
    return app.sendAsync(HttpMethod.GET, path, cookie, Map.of(), null);
  }

  @Test
  void overlappingRequestsChangingDifferentAttributesKeepBoth() throws Exception {
    for (int round = 0; round < 100; round++) {
      String cookie = app.get("/put/user/alice", null).sid();

      Future<TestResponse> a = getAsync("/slow-incr/a/5", cookie);
      Future<TestResponse> b = getAsync("/slow-incr/b/5", cookie);
      Future.all(a, b).await(10, SECONDS);

      TestResponse after = app.get("/read", cookie);
      assertEquals(1, after.data().getInteger("a"), "round " + round);
      assertEquals(1, after.data().getInteger("b"), "round " + round);
      assertEquals("alice", after.data().getString("user"), "round " + round);
    }
  }

  @Test
  void logoutRacingASlowRequestStaysLoggedOut() throws Exception {
    TestResponse login = app.get("/put/user/alice", null);
    String cookie = login.sid();
    app.store.resetCalls();

    Future<TestResponse> slow = getAsync("/slow-incr/views/300", cookie);
    eventually(Duration.ofSeconds(10), "the slow request's load", () -> app.store.calls().contains("load"));
    TestResponse logout = app.post("/destroy", cookie);
    TestResponse slowResponse = slow.await(10, SECONDS);

    assertEquals(200, logout.status());
    assertEquals(200, slowResponse.status());
    assertNull(app.store.delegate().load(login.sessionId(), Long.MAX_VALUE)
      .await(10, SECONDS), "not resurrected by the save");
    assertTrue(app.get("/read", cookie).json().getBoolean("isNew"), "still logged out");
    assertEquals(0L, app.store.count().await(10, SECONDS));
  }

  @Test
  void anotherVertxInstanceDoesNotWaitForThisOnesWrites() throws Exception {
    Vertx otherVertx = Vertx.vertx(); // another node: a Vert.x of its own beside the injected one
    SessionStore shared = app.store.delegate();
    try (TestApp other = new TestApp(otherVertx, app.clock, new SessionOptions(), shared, r -> { },
      new HttpServerOptions())) {
      String cookie = app.get("/put/user/alice", null).sid();
      Promise<Void> write = app.store.gate("save");
      getAsync("/incr/views", cookie).await(10, SECONDS); // answered before its automatic save, which is held

      TestResponse elsewhere = other.get("/read", cookie);
      write.complete();

      // answered while this node's write is held: it did not wait for it
      assertEquals(200, elsewhere.status(), elsewhere.body());
      assertEquals("alice", elsewhere.data().getString("user"));
      assertNull(elsewhere.data().getValue("views"), "the write was still under way");
    }
  }

  @Test
  void aClientNeverSeesItsOwnChangeUndoneWhileTheSaveIsUnderWay() throws Exception {
    app.store.delaySaves(300);

    String cookie = app.get("/put/user/alice", null).sid();
    TestResponse afterCreate = app.get("/read", cookie);
    app.get("/incr/views", cookie);
    TestResponse afterChange = app.get("/read", cookie);

    assertEquals("alice", afterCreate.data().getString("user"), "the next request waited for the creation");
    assertEquals(1, afterChange.data().getInteger("views"), "and for the change");
    SessionRecord stored = app.store.delegate().load(afterCreate.sessionId(), Long.MAX_VALUE).await(10, SECONDS);
    assertEquals(Map.of("user", "alice", "views", 1), stored.data());
  }
}
