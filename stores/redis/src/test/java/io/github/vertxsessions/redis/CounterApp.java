package io.github.vertxsessions.redis;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * A real HTTP server with the session handler in front of three routes: {@code /count} changes the session (adds one
 * to "n"), {@code /peek} only reads it, {@code /login/<user>} gives it to a user. Requests carry the session cookie by hand, so that one cookie can be taken
 * from one server to another.
 */
final class CounterApp {

  static final String SECRET = "a-secret-of-at-least-32-characters-long!!";

  private final HttpServer server;
  private final WebClient client;

  CounterApp(Vertx vertx, SessionStore store, Duration storeTimeout) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions()
      .setSecrets(List.of(SECRET)).setStoreTimeout(storeTimeout)));
    router.get("/count").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      Number n = session.get("n");
      session.put("n", n == null ? 1 : n.intValue() + 1);
      ctx.response().end(String.valueOf(session.<Number>get("n")));
    });
    router.get("/peek").handler(ctx -> ctx.response().end(String.valueOf(SessionHandler.session(ctx).<Number>get("n"))));
    // Gives the session to a user, in place (no new ID): a save that changes the owner and nothing else.
    router.get("/login/:user").handler(ctx -> {
      SessionHandler.session(ctx).setPrincipal(ctx.pathParam("user"));
      ctx.response().end(ctx.pathParam("user"));
    });
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, SECONDS);
    client = WebClient.create(vertx);
  }

  /** GET {@code path} with the session cookie {@code cookie} ("sid=..."), or none when null. */
  HttpResponse<Buffer> get(String path, String cookie) {
    var request = client.get(server.actualPort(), "127.0.0.1", path);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    try {
      return request.send().await(10, SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer to GET " + path + " within 10 s", e);
    }
  }

  /** The "sid=..." pair the response sets, or null. */
  static String sessionCookie(HttpResponse<Buffer> response) {
    return response.cookies().stream().filter(c -> c.startsWith("sid=")).map(c -> c.split(";", 2)[0]).findFirst()
      .orElse(null);
  }

  void close() throws Exception {
    client.close();
    server.close().await(10, SECONDS);
  }
}
