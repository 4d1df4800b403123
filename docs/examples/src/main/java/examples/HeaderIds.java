package examples;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionIdTransport;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;

import java.util.List;

/** The page on session IDs in a header: an API that a single-page app on another origin calls with a token. */
public final class HeaderIds {

  private HeaderIds() {
  }

  /**
   * A router whose sessions travel in the {@code X-Session-Token} header, for scripts of one other origin.
   *
   * @param vertx     the Vert.x instance
   * @param store     the store
   * @param secrets   the secrets that sign the tokens
   * @param appOrigin the origin of the scripts that call the API, such as {@code https://app.example.com}
   * @return the router, with a log-in, {@code /me} and a log-out
   */
  public static Router router(Vertx vertx, SessionStore store, List<String> secrets, String appOrigin) {
    Router router = Router.router(vertx);
    // tag::header[]
    router.route().handler(CorsHandler.create().addOrigin(appOrigin)   // first: a preflight needs no session
        .allowedMethod(HttpMethod.GET).allowedMethod(HttpMethod.POST)
        .allowedHeader("X-Session-Token")                                // the script may send it
        .exposedHeader("X-Session-Token"));                              // and read it on the response
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions().setSecrets(secrets)
        .setIdTransport(SessionIdTransport.HEADER)      // or COOKIE_OR_HEADER for browsers and API clients alike
        .setIdHeaderName("X-Session-Token")));          // the default
    // end::header[]
    router.post("/login").handler(ctx -> {
      Session session = SessionHandler.session(ctx).put("user", "alice");
      session.regenerate().onSuccess(v -> ctx.json(new JsonObject().put("user", "alice"))).onFailure(ctx::fail);
    });
    router.get("/me").handler(ctx -> ctx.json(new JsonObject()
        .put("user", SessionHandler.session(ctx).getString("user"))));
    router.post("/logout").handler(ctx -> SessionHandler.session(ctx).destroy()
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    return router;
  }
}
