package examples;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;

/**
 * The vertx-web page's samples: the one line that changes, and routes written against vertx-web's own
 * {@code ctx.session()} and {@code ctx.userContext()}, which run unchanged on either handler.
 */
public final class FromVertxWeb {

  private FromVertxWeb() {
  }

  /**
   * A router with vertx-web's own session handler, as before the move.
   *
   * @param vertx the Vert.x instance
   * @return the router
   */
  public static Router before(Vertx vertx) {
    Router router = Router.router(vertx);
    // tag::before[]
    router.route().handler(io.vertx.ext.web.handler.SessionHandler.create(
        io.vertx.ext.web.sstore.LocalSessionStore.create(vertx)));
    // end::before[]
    routes(router);
    return router;
  }

  /**
   * The same router with this library's handler.
   *
   * @param vertx the Vert.x instance
   * @param secrets the secrets that sign the session cookies
   * @return the router
   */
  public static Router after(Vertx vertx, List<String> secrets) {
    Router router = Router.router(vertx);
    // tag::after[]
    router.route().handler(SessionHandler.create(vertx, LocalSessionStore.create(vertx),
        new SessionOptions().setSecrets(secrets)));
    // end::after[]
    routes(router);
    return router;
  }

  private static void routes(Router router) {
    // tag::routes[]
    router.get("/visits").handler(ctx -> {
      Session session = ctx.session();                     // vertx-web's Session interface
      Integer visits = session.get("visits");
      session.put("visits", visits == null ? 1 : visits + 1);
      ctx.end("visits: " + session.get("visits"));
    });
    router.post("/login").handler(BodyHandler.create()).handler(ctx -> {
      ctx.session().regenerateId();                        // against session fixation: a new ID as the answer goes
      ctx.session().put("user", ctx.request().getFormAttribute("user"));
      ctx.end("welcome");
    });
    router.post("/logout").handler(ctx -> ctx.userContext().logout());  // destroys the session, redirects to /
    // end::routes[]
  }
}
