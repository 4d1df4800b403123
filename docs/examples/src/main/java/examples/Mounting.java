package examples;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;

import java.util.List;

/**
 * The handler page's mounting: the session handler first on a route, before vertx-web's body and CSRF handlers, and a
 * store failure handler that serves pages without their session while the store is down.
 */
public final class Mounting {

  private Mounting() {
  }

  /**
   * A router whose forms are protected by vertx-web's CSRF handler, keeping a note per session.
   *
   * @param vertx the Vert.x instance
   * @param store where the sessions live
   * @param secrets the secrets that sign the session cookies
   * @param csrfSecret the CSRF handler's own secret
   * @return the router: {@code GET /note} reads the note, {@code POST /note} (a form with {@code note}) sets it
   */
  public static Router router(Vertx vertx, SessionStore store, List<String> secrets, String csrfSecret) {
    Router router = Router.router(vertx);
    // tag::chain[]
    SessionHandler sessions = SessionHandler.create(vertx, store, new SessionOptions().setSecrets(secrets));
    router.route()
        .handler(sessions)                                  // first: loads the session, holding the body meanwhile
        .handler(BodyHandler.create())
        .handler(CSRFHandler.create(vertx, csrfSecret));   // keeps its token in the session
    // end::chain[]

    // tag::failure[]
    sessions.storeFailureHandler(ctx -> {
      if (ctx.request().method() == HttpMethod.GET) {
        ctx.next();                                         // serve the page, with a degraded session
      } else {
        ctx.response().setStatusCode(503).putHeader("Retry-After", "5").end("Please try again in a moment");
      }
    });
    // end::failure[]

    // tag::routes[]
    router.get("/note").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      ctx.end(session.isDegraded() ? "(your note is out of reach just now)" : "note: " + session.getString("note"));
    });
    router.post("/note").handler(ctx -> {
      SessionHandler.session(ctx).put("note", ctx.request().getFormAttribute("note"));
      ctx.end("saved");
    });
    // end::routes[]
    return router;
  }
}
