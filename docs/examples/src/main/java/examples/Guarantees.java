package examples;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.Objects;

/**
 * The guarantees page: a log-in whose next request may land on any node, and pages that go on without their session
 * while the store is down.
 */
public final class Guarantees {

  private Guarantees() {
  }

  /**
   * A router with a log-in that redirects once the store has the session, an account page that needs the session,
   * and a catalog that does without it when the store fails.
   *
   * @param vertx   the Vert.x instance
   * @param store   the store
   * @param options the handler's options
   * @return the router
   */
  public static Router router(Vertx vertx, SessionStore store, SessionOptions options) {
    Router router = Router.router(vertx);
    // tag::store-failure[]
    SessionHandler sessions = SessionHandler.create(vertx, store, options)
        .storeFailureHandler(ctx -> {                          // the session could not be loaded in time
          if (ctx.request().path().startsWith("/catalog")) {
            ctx.next();                                        // go on with a degraded session: empty, never saved
          } else {
            ctx.response().setStatusCode(503).putHeader("Retry-After", "5").end("Please try again shortly");
          }
        });
    router.route().handler(sessions);
    // end::store-failure[]
    // tag::log-in[]
    router.post("/login").handler(ctx -> {                     // once the user's password is checked
      Session session = SessionHandler.session(ctx).setPrincipal("alice");
      session.regenerate()                                     // completes once the store has acknowledged it
          .onSuccess(v -> ctx.redirect("/account"))            // so the next request finds it on any node
          .onFailure(err -> ctx.response().setStatusCode(503).end());
    });
    // end::log-in[]
    router.get("/account").handler(ctx -> ctx.end("signed in as " + SessionHandler.session(ctx).principal()));
    router.get("/catalog").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      ctx.end(session.isDegraded() ? "the catalog, without your session"
          : "the catalog, for " + Objects.requireNonNullElse(session.principal(), "a visitor"));
    });
    return router;
  }
}
