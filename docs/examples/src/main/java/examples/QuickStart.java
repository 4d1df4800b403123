package examples;

// tag::imports[]
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.spi.SessionStore;
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
   * Builds the quick start's router.
   *
   * @param vertx the Vert.x instance
   * @param secret the secret that signs the cookies: 32 random characters or more, kept out of the code
   * @param previousSecret the secret before it, still accepted while its cookies are in use
   * @return the router, with a session handler and a {@code /visits} route
   */
  public static Router router(Vertx vertx, String secret, String previousSecret) {
    // tag::router[]
    SessionStore store = LocalSessionStore.create(vertx);                // embedded default
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions()
        .setSecrets(List.of(secret, previousSecret))                      // first signs, all verify
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
