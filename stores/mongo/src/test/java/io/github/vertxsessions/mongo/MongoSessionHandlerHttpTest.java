package io.github.vertxsessions.mongo;

import io.github.vertxsessions.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * The store behind the session handler, over real HTTP: two application servers sharing one database, each node on a
 * Vert.x of its own; the client on the injected one.
 */
@ExtendWith(VertxExtension.class)
class MongoSessionHandlerHttpTest {

  private static final String SECRET = "a-secret-of-at-least-32-characters-long!!";
  private static final Duration STORE_TIMEOUT = Duration.ofMillis(750);

  private MongoTestServer mongo;
  private final TestClock clock = new TestClock();
  private final List<Vertx> nodes = new ArrayList<>();
  private WebClient http;

  @BeforeEach
  void setUp(Vertx vertx) {
    mongo = MongoTestServer.startInProcess(MemoryBackend::new);
    http = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Vertx node : nodes) {
      node.close().await(10, SECONDS);
    }
    mongo.close();
  }

  @Test
  void sessionCreatedOnOneServerIsReadAndChangedOnTheOther() throws Exception {
    int a = startNode(mongo.clientConfig());
    int b = startNode(mongo.clientConfig());

    HttpResponse<Buffer> first = get(a, null);
    String cookie = sessionCookie(first);

    assertEquals("1", first.bodyAsString());
    assertEquals("2", get(b, cookie).bodyAsString());
    assertEquals("3", get(a, cookie).bodyAsString());
    assertEquals("4", get(b, cookie).bodyAsString());
  }

  @Test
  void unreachableMongoAnswers503WithinTheStoreTimeoutAndRecovers() throws Exception {
    // Server selection alone would take 10 s: only the handler's store timeout can answer sooner.
    int node = startNode(mongo.clientConfig().put("serverSelectionTimeoutMS", 10_000));
    String cookie = sessionCookie(get(node, null));
    assertEquals("2", get(node, cookie).bodyAsString());

    mongo.stop();

    try (LogCapture logs = LogCapture.of(SessionHandler.class)) {
      for (int i = 0; i < 2; i++) {
        long start = System.nanoTime();
        HttpResponse<Buffer> response = get(node, cookie);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(503, response.statusCode());
        assertTrue(took.compareTo(STORE_TIMEOUT.plusSeconds(1)) < 0, "503 after " + took);
      }
      logs.awaitLine(Level.WARN, "Session store unavailable", Duration.ofSeconds(10));
    }

    mongo.restart();

    // The restarted in-memory server is empty: the old cookie now gets a fresh session, from the same application.
    HttpResponse<Buffer> response = eventually(Duration.ofSeconds(30), "a 200 after MongoDB came back",
      () -> getNow(node, cookie), answer -> answer != null && answer.statusCode() == 200);
    assertEquals("1", response.bodyAsString());
  }

  /** An application node: its own Vert.x, client, store, handler and HTTP server on a free port. */
  private int startNode(JsonObject clientConfig) throws Exception {
    Vertx vertx = Vertx.vertx();
    nodes.add(vertx);
    MongoSessionStore store = MongoSessionStore.createAndInit(vertx, MongoClient.create(vertx, clientConfig),
      new MongoStoreOptions().setClock(clock)).await(10, SECONDS);
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions()
      .setSecrets(List.of(SECRET))
      .setStoreTimeout(STORE_TIMEOUT)));
    router.get("/count").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      Number n = session.get("n");
      session.put("n", n == null ? 1 : n.intValue() + 1);
      // the next request may land on the other node: answer once the store has the change (docs/guarantees.md)
      session.save().onComplete(saved -> ctx.response().setStatusCode(saved.succeeded() ? 200 : 500)
        .end(String.valueOf(session.<Number>get("n"))));
    });
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, SECONDS);
    return server.actualPort();
  }

  /** One poll: the response, or null while none comes. */
  private HttpResponse<Buffer> getNow(int port, String cookie) {
    try {
      return get(port, cookie);
    } catch (Exception noAnswer) {
      return null;
    }
  }

  private HttpResponse<Buffer> get(int port, String cookie) throws Exception {
    var request = http.get(port, "127.0.0.1", "/count");
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    return request.send().await(10, SECONDS);
  }

  private static String sessionCookie(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response::bodyAsString);
    String setCookie = response.cookies().stream().filter(c -> c.startsWith("sid=")).findFirst().orElse(null);
    assertNotNull(setCookie, "no session cookie in " + response.cookies());
    return setCookie.substring(0, setCookie.indexOf(';'));
  }
}
