package io.github.vertxsessions.demo;

import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The DemoVerticle deployed on the test's Vert.x (which {@link #close()} closes), on a free port of 127.0.0.1, with
 * a clock the test moves, and a client that sends exactly the Cookie header it is given, as a browser would send back
 * the last Set-Cookie.
 */
final class DemoApp implements AutoCloseable {

  static final String SECRET = "demo-test-secret-0123456789-abcdefghijklmnop";

  final Vertx vertx;
  /** Starts at the real time, so that a real MongoDB's TTL monitor does not see test sessions as long expired. */
  final TestClock clock = new TestClock(Instant.now());
  final DemoVerticle verticle = new DemoVerticle().setClock(clock);
  private final String deploymentId;
  private final WebClient client;
  /** The session cookies sent or set so far, each as a Cookie header: what {@link #settle()} waits for. */
  private final Set<String> sessionCookies = ConcurrentHashMap.newKeySet();
  private volatile boolean deployed = true;

  /**
   * @param vertx  where the demo and the client run, such as the one {@code VertxExtension} injects; closed by
   *               {@link #close()}, or at once if the demo fails to start
   * @param config the verticle's config; port 0 and a test secret unless it says otherwise (a null "secrets" asks
   *               for the random one)
   */
  DemoApp(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    JsonObject full = config.copy();
    if (!full.containsKey("port")) {
      full.put("port", 0);
    }
    if (!full.containsKey("secrets")) {
      full.put("secrets", new JsonArray().add(SECRET));
    }
    try {
      deploymentId = within(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(full)));
    } catch (RuntimeException | AssertionError e) {
      within(vertx.close());
      throw e;
    }
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(verticle.actualPort()));
  }

  int port() {
    return verticle.actualPort();
  }

  TestResponse get(String path, String cookie) {
    return send(HttpMethod.GET, path, cookie, null, null);
  }

  TestResponse post(String path, String cookie) {
    return send(HttpMethod.POST, path, cookie, null, null);
  }

  TestResponse postJson(String path, String cookie, String json) {
    return send(HttpMethod.POST, path, cookie, "application/json", json);
  }

  TestResponse login(String cookie, String username, String password) {
    return postJson("/api/login", cookie, new JsonObject().put("username", username).put("password", password)
      .encode());
  }

  /** A log-in from a browser that says it is {@code userAgent}, as the list of the user's sessions will show. */
  TestResponse login(String cookie, String username, String password, String userAgent) {
    return send(HttpMethod.POST, "/api/login", cookie, "application/json", new JsonObject().put("username", username)
      .put("password", password).encode(), Map.of(HttpHeaders.USER_AGENT.toString(), userAgent));
  }

  TestResponse send(HttpMethod method, String path, String cookie, String contentType, String body) {
    return send(method, path, cookie, contentType, body, Map.of());
  }

  TestResponse send(HttpMethod method, String path, String cookie, String contentType, String body,
                    Map<String, String> headers) {
    HttpRequest<Buffer> request = client.request(method, path);
    headers.forEach(request::putHeader);
    if (cookie != null) {
      request.putHeader(HttpHeaders.COOKIE.toString(), cookie);
    }
    if (contentType != null) {
      request.putHeader(HttpHeaders.CONTENT_TYPE.toString(), contentType);
    }
    Future<TestResponse> response = (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
      .map(r -> new TestResponse(r.statusCode(), r.headers().getAll(HttpHeaders.SET_COOKIE),
        r.bodyAsString() == null ? "" : r.bodyAsString(), r.headers()));
    TestResponse answered = within(response);
    if (cookie != null) {
      sessionCookies.add(cookie);
    }
    String set = answered.setCookie("sid");
    if (set != null && !set.contains("Max-Age=0")) {
      sessionCookies.add(answered.sid());
    }
    return answered;
  }

  /**
   * Returns once no automatic save of the demo is under way. The demo answers a request while its session's save is
   * still running, and makes that session's next request wait for it: one request per session seen so far, to a path
   * that changes nothing, comes back once every save of theirs is done.
   */
  void settle() {
    if (!deployed) {
      return; // undeployed: its saves ended with it
    }
    for (String cookie : List.copyOf(sessionCookies)) {
      get("/api/settled", cookie);
    }
  }

  /** Undeploys the demo once its automatic saves are done (see {@link #settle()}): one cut off would be a warning. */
  void undeploy() {
    settle();
    within(vertx.undeploy(deploymentId));
    deployed = false;
  }

  @Override
  public void close() {
    within(vertx.close());
  }

  /** The session ID a {@code sid=ID.SIGNATURE} cookie carries. */
  static String sessionId(String cookie) {
    return cookie.substring(cookie.indexOf('=') + 1, cookie.lastIndexOf('.'));
  }

  /**
   * The result of a future the test thread needs now, within 10 s: these methods stand for blocking calls, often
   * inside lambdas, where a checked {@link TimeoutException} could not go; a timeout fails the test as an assertion.
   */
  private static <T> T within(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Not within 10 s", e);
    }
  }
}
