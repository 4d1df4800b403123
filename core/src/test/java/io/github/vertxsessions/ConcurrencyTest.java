package io.github.vertxsessions;

import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Overlapping requests of one session, over real HTTP. */
class ConcurrencyTest {

  private TestApp app;

  @BeforeEach
  void start() {
    app = new TestApp(new SessionOptions());
  }

  @AfterEach
  void close() {
    app.close();
  }

  private Future<TestResponse> getAsync(String path, String cookie) {
    return app.sendAsync(HttpMethod.GET, path, cookie, Map.of(), null);
  }

  @Test
  void overlappingRequestsChangingDifferentAttributesKeepBoth() {
    for (int round = 0; round < 100; round++) {
      String cookie = app.get("/put/user/alice", null).sid();

      Future<TestResponse> a = getAsync("/slow-incr/a/5", cookie);
      Future<TestResponse> b = getAsync("/slow-incr/b/5", cookie);
      await(Future.all(a, b));

      TestResponse after = app.get("/read", cookie);
      assertEquals(1, after.data().getInteger("a"), "round " + round);
      assertEquals(1, after.data().getInteger("b"), "round " + round);
      assertEquals("alice", after.data().getString("user"), "round " + round);
    }
  }

  @Test
  void logoutRacingASlowRequestStaysLoggedOut() {
    TestResponse login = app.get("/put/user/alice", null);
    String cookie = login.sid();
    app.store.resetCalls();

    Future<TestResponse> slow = getAsync("/slow-incr/views/300", cookie);
    while (!app.store.calls().contains("load")) {
      Thread.onSpinWait();
    }
    TestResponse logout = app.post("/destroy", cookie);
    TestResponse slowResponse = await(slow);

    assertEquals(200, logout.status());
    assertEquals(200, slowResponse.status());
    assertNull(await(app.store.delegate().load(login.sessionId(), Long.MAX_VALUE)), "not resurrected by the save");
    assertTrue(app.get("/read", cookie).json().getBoolean("isNew"), "still logged out");
    assertEquals(0L, await(app.store.count()));
  }

  @Test
  void anotherVertxInstanceDoesNotWaitForThisOnesWrites() {
    Vertx otherVertx = Vertx.vertx();
    SessionStore shared = app.store.delegate();
    try (TestApp other = new TestApp(otherVertx, app.clock, new SessionOptions(), shared, r -> { },
      new HttpServerOptions())) {
      String cookie = app.get("/put/user/alice", null).sid();
      app.store.delaySaves(1_500);
      Future<TestResponse> slowSave = getAsync("/incr/views", cookie);
      await(slowSave);
      long start = System.nanoTime();

      TestResponse elsewhere = other.get("/read", cookie);

      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals("alice", elsewhere.data().getString("user"));
      assertTrue(millis < 1_000, "another node does not wait for this one's write: " + millis + " ms");
      assertNull(elsewhere.data().getValue("views"), "the write was still under way");
    }
  }

  @Test
  void aClientNeverSeesItsOwnChangeUndoneWhileTheSaveIsUnderWay() {
    app.store.delaySaves(300);

    String cookie = app.get("/put/user/alice", null).sid();
    TestResponse afterCreate = app.get("/read", cookie);
    app.get("/incr/views", cookie);
    TestResponse afterChange = app.get("/read", cookie);

    assertEquals("alice", afterCreate.data().getString("user"), "the next request waited for the creation");
    assertEquals(1, afterChange.data().getInteger("views"), "and for the change");
    SessionRecord stored = await(app.store.delegate().load(afterCreate.sessionId(), Long.MAX_VALUE));
    assertEquals(Map.of("user", "alice", "views", 1), stored.data());
  }
}
