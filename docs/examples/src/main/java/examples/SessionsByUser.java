package examples;

import io.github.vertxsessions.PrincipalLimitPolicy;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionLimitException;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.SessionRegistry;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.spi.SessionOwner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The page on sessions by user: log-in, "where am I signed in", signing out other devices, a limit per user. */
public final class SessionsByUser {

  private SessionsByUser() {
  }

  /**
   * Options that allow three sessions per user and refuse a fourth log-in.
   *
   * @param secrets the secrets that sign the cookies
   * @return the options
   */
  public static SessionOptions limited(List<String> secrets) {
    // tag::limit[]
    return new SessionOptions().setSecrets(secrets)
        .setMaxSessionsPerPrincipal(3)                             // three devices per user at most
        .setPrincipalLimitPolicy(PrincipalLimitPolicy.REFUSE);     // a fourth log-in fails: 429 below
    // end::limit[]
  }

  /**
   * A router with a session handler, a log-in and the routes of a user's sessions.
   *
   * @param vertx   the Vert.x instance
   * @param store   a store that finds sessions by user, as every bundled one does
   * @param options the handler's options
   * @return the router
   */
  public static Router router(Vertx vertx, IndexedSessionStore store, SessionOptions options) {
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, options));
    // tag::log-in[]
    router.post("/login/:user").handler(ctx -> {                // once the user's password is checked
      Session session = SessionHandler.session(ctx)
          .setPrincipal(ctx.pathParam("user"))
          .setDescription(deviceOf(ctx));                       // what the user's list of sessions shows
      session.regenerate()                                      // stored under a new ID before the answer
          .onSuccess(v -> ctx.response().setStatusCode(204).end())
          .onFailure(err -> ctx.response().setStatusCode(err instanceof SessionLimitException ? 429 : 503).end());
    });
    // end::log-in[]
    // tag::registry[]
    SessionRegistry registry = SessionRegistry.create(vertx, store, options);   // the handler's store and options

    router.route("/sessions/*").handler(ctx -> {
      if (SessionHandler.session(ctx).principal() == null) {
        ctx.response().setStatusCode(401).end();
      } else {
        ctx.next();
      }
    });
    router.get("/sessions").handler(ctx -> {                    // "where am I signed in?", newest first
      Session current = SessionHandler.session(ctx);
      String mine = registry.handleOf(current);                 // a handle, never the session's ID
      registry.list(current.principal()).onSuccess(sessions -> ctx.json(new JsonArray(sessions.stream()
          .map(info -> info.toJson().put("current", info.handle().equals(mine)))
          .toList())));
    });
    router.post("/sessions/:handle/revoke").handler(ctx ->      // sign out one device
        registry.revoke(SessionHandler.session(ctx).principal(), ctx.pathParam("handle"))
            .onSuccess(revoked -> ctx.response().setStatusCode(revoked ? 204 : 404).end()));
    router.post("/sessions/revoke-others").handler(ctx -> {     // sign out my other devices
      Session current = SessionHandler.session(ctx);
      registry.revokeOthers(current.principal(), current)
          .onSuccess(revoked -> ctx.json(new JsonObject().put("revoked", revoked)));
    });
    // end::registry[]
    return router;
  }

  /** The browser of the log-in, as its User-Agent says, cut to the length a description may have. */
  private static String deviceOf(RoutingContext ctx) {
    String agent = ctx.request().getHeader("User-Agent");
    return agent == null ? null : agent.substring(0, Math.min(agent.length(), SessionOwner.MAX_DESCRIPTION_LENGTH));
  }
}
