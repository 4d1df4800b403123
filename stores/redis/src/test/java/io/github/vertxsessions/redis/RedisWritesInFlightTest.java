package io.github.vertxsessions.redis;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testservers.FreePorts;
import io.github.vertxsessions.testkit.RecordingStore;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over real HTTP on a private redis-server: the registry of writes in flight belongs to one Vert.x instance, shared by
 * its verticles and by no other Vert.x instance.
 */
class RedisWritesInFlightTest extends RedisHttpTestBase {

  /**
   * Two Vert.x instances in one JVM are two nodes: while node A's save of a session is held 2 s, node B serves that
   * session at once (from what Redis holds), and A's own next request still waits for A's save.
   */
  @Test
  void aSlowWriteOnOneVertxInstanceDoesNotDelayTheSessionOnAnother() {
    Vertx other = Vertx.vertx();
    cleanUp.push(() -> other.close().await(10, SECONDS));
    SessionOptions options = new SessionOptions().setStoreTimeout(Duration.ofSeconds(5));
    TestApp nodeA = app(vertx, options, store(vertx, null), router -> { });
    TestApp nodeB = app(other, options, store(other, null), router -> { });
    String cookie = nodeA.get("/incr/n", null).sid();
    assertEquals(1, nodeA.get("/read", cookie).data().getInteger("n"), "node A waits for its own creation");
    assertEquals(1, nodeB.get("/read", cookie).data().getInteger("n"), "one session, seen by both nodes");

    long holdMillis = 2_000;
    nodeA.store.delaySaves(holdMillis);
    long saveStarted = System.nanoTime();
    assertEquals(2, nodeA.get("/incr/n", cookie).data().getInteger("n"));
    awaitCondition(() -> saves(nodeA.store) == 2, "node A's second save to start, held");
    nodeA.store.delaySaves(0);

    long started = System.nanoTime();
    TestResponse onB = nodeB.get("/read", cookie);
    long elapsed = millisSince(started);

    assertEquals(200, onB.status());
    assertTrue(elapsed < holdMillis / 2, "node B answered after " + elapsed + " ms");
    assertTrue(millisSince(saveStarted) < holdMillis, "node B must answer before A's save lands");
    assertEquals(1, onB.data().getInteger("n"), "node B read Redis before A's held save reached it");
    assertEquals(2, nodeA.get("/read", cookie).data().getInteger("n"), "node A waits for its own write");
  }

  /**
   * Four verticle instances of one Vert.x instance, each with its own Redis store (saves held 50 ms) and handler,
   * share one port: 20 requests of one session, each on a new connection and so on any instance, count to 20, since
   * the instances share their Vert.x instance's registry of writes in flight.
   */
  @Test
  void verticleInstancesOnOnePortSeeEachOthersWrites() throws Exception {
    int port = FreePorts.any();
    AtomicInteger instances = new AtomicInteger();
    (vertx.deployVerticle(() -> new CounterVerticle(instances.incrementAndGet(), port),
      new DeploymentOptions().setInstances(4))).await(10, SECONDS);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false)
      .setDefaultHost("127.0.0.1").setDefaultPort(port));
    cleanUp.push(client::close);

    String cookie = null;
    Set<String> servedBy = new TreeSet<>();
    for (int i = 1; i <= 20; i++) {
      var request = client.get("/count");
      if (cookie != null) {
        request.putHeader("Cookie", cookie);
      }
      HttpResponse<Buffer> response = request.send().await(10, SECONDS);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      assertEquals(String.valueOf(i), response.bodyAsString(), "request " + i);
      servedBy.add(response.getHeader("X-Instance"));
      if (cookie == null) {
        cookie = CounterApp.sessionCookie(response);
      }
    }
    assertTrue(servedBy.size() > 1, "every request was served by instance " + servedBy);
  }

  /** One instance: a Redis client, a store whose saves take 50 ms more, a handler, a server on the shared port. */
  private final class CounterVerticle extends VerticleBase {

    private final int number;
    private final int port;
    private Redis redis;
    private SessionStore store;

    CounterVerticle(int number, int port) {
      this.number = number;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      redis = Redis.createClient(vertx, server.connectionString());
      store = new RecordingStore(vertx, RedisSessionStore.create(vertx, redis,
        new RedisStoreOptions().setKeyPrefix(prefix))).delaySaves(50);
      Router router = Router.router(vertx);
      router.route().handler(SessionHandler.create(vertx, store,
        new SessionOptions().setSecrets(List.of(CounterApp.SECRET))));
      router.get("/count").handler(ctx -> {
        Session session = SessionHandler.session(ctx);
        Number n = session.get("n");
        session.put("n", n == null ? 1 : n.intValue() + 1);
        ctx.response().putHeader("X-Instance", Integer.toString(number)).end(String.valueOf(session.<Number>get("n")));
      });
      return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }

    @Override
    public Future<?> stop() {
      return store.close().onComplete(ar -> redis.close());
    }
  }
}
