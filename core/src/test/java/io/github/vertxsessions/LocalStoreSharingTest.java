package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.testkit.TestApp;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The normal deployment of the local store: several instances of one verticle, each creating the store and sharing
 * one port, so that Vert.x hands the connections to the instances in turn. A session must survive whichever instance
 * serves the next request.
 */
@ExtendWith(VertxExtension.class)
class LocalStoreSharingTest {

  private static final int INSTANCES = 4;
  private static final int REQUESTS = 20;
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  /** One instance: its own store handle, handler and router, on the shared port; answers which instance it is. */
  private static final class CounterVerticle extends VerticleBase {
    private final int port;

    CounterVerticle(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      LocalSessionStore store = LocalSessionStore.create(vertx);
      Router router = Router.router(vertx);
      router.route().handler(SessionHandler.create(vertx, store,
        new SessionOptions().setSecrets(List.of(TestApp.SECRET))));
      router.get("/count").handler(ctx -> {
        Session session = SessionHandler.session(ctx);
        Number count = session.get("count");
        session.put("count", count == null ? 1 : count.intValue() + 1);
        ctx.json(new JsonObject().put("count", session.<Number>get("count")).put("instance", hashCode()));
      });
      return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }
  }

  /** Port 0 would give every instance a port of its own: the shared port must be a fixed one. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void sessionSurvivesRequestsSpreadOverEveryInstance() throws Exception {
    int port = freePort();
    vertx.deployVerticle(() -> new CounterVerticle(port), new DeploymentOptions().setInstances(INSTANCES))
      .await(10, SECONDS);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false)
      .setDefaultHost("127.0.0.1").setDefaultPort(port));

    String cookie = null;
    Set<Integer> instances = new HashSet<>();
    for (int i = 1; i <= REQUESTS; i++) {
      HttpRequest<Buffer> request = client.get("/count");
      if (cookie != null) {
        request.putHeader(HttpHeaders.COOKIE.toString(), cookie);
      }
      HttpResponse<Buffer> response = request.send().await(10, SECONDS);
      for (String setCookie : response.headers().getAll(HttpHeaders.SET_COOKIE)) {
        cookie = setCookie.split(";", 2)[0];
      }
      JsonObject body = response.bodyAsJsonObject();
      instances.add(body.getInteger("instance"));
      assertEquals(i, body.getInteger("count"), "request " + i + " (instances so far: " + instances.size() + ")");
    }

    assertTrue(instances.size() > 1, "the requests reached several instances: " + instances);
  }
}
