package examples;

// tag::imports[]
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.util.List;
// end::imports[]

/** The README's quick start: a router with sessions on the embedded store, counting visits. */
public final class QuickStart {

  private QuickStart() {
  }

  /**
   * Serves the quick start's router on port 8080.
   *
   * @param args unused; the secrets come from the environment variable {@code SESSION_SECRETS}
   */
  public static void main(String[] args) {
    // tag::main[]
    Vertx vertx = Vertx.vertx();
    List<String> secrets = List.of(System.getenv("SESSION_SECRETS").split(","));  // newest first
    vertx.createHttpServer().requestHandler(router(vertx, secrets)).listen(8080);
    // end::main[]
  }

  /**
   * Builds the quick start's router.
   *
   * @param vertx the Vert.x instance
   * @param secrets the secrets that sign the cookies, newest first: 32 random characters or more each
   * @return the router, with a session handler and a {@code /visits} route
   */
  public static Router router(Vertx vertx, List<String> secrets) {
    // tag::router[]
    LocalSessionStore store = LocalSessionStore.create(vertx);          // in memory, for one node
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions()
        .setSecrets(secrets)                                            // the first signs, every one verifies
        .setIdleTimeout(Duration.ofMinutes(30))));

    router.get("/visits").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      Integer visits = session.getInteger("visits");                    // null on the first visit
      session.put("visits", visits == null ? 1 : visits + 1);           // saved when the response is sent
      ctx.json(new JsonObject().put("visits", session.getInteger("visits")));
    });
    // end::router[]
    return router;
  }
}
