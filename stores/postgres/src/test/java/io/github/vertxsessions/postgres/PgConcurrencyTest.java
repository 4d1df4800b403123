package io.github.vertxsessions.postgres;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.vertx.core.http.HttpMethod.GET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static java.util.concurrent.TimeUnit.SECONDS;

/** Overlapping requests of one session over HTTP: each save applies only its own changes, so none is lost. */
class PgConcurrencyTest extends PgStoreTestBase {

  private static final int ROUNDS = 200;

  @Test
  void twoOverlappingRequestsChangingDifferentKeysAreBothKept() throws Exception {
    PgSessionStore store = open(options());
    // on the test's Vert.x, which the extension closes after the table is dropped
    TestApp app = new TestApp(vertx, clock, new SessionOptions(), store, router -> { }, new HttpServerOptions());
    String cookie = app.get("/put/base/0", null).sid();
    for (int round = 0; round < ROUNDS; round++) {
      Future<TestResponse> left = app.sendAsync(GET, "/put/a/" + round, cookie, Map.of(), null);
      Future<TestResponse> right = app.sendAsync(GET, "/put/b/" + round, cookie, Map.of(), null);
      Future.all(left, right).await(10, SECONDS);
      assertEquals(200, left.result().status());
      assertEquals(200, right.result().status());

      JsonObject data = app.get("/read", cookie).data();
      String value = Integer.toString(round);
      assertEquals(new JsonObject().put("base", "0").put("a", value).put("b", value), data, "round " + round);
    }
    assertEquals(1L + 2L * ROUNDS, raw(app.get("/read", cookie).sessionId()).getLong("version"),
      "every save counted once");
  }
}
