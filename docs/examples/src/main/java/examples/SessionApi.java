package examples;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.List;

/** The Session API page's samples: a cart, a log-in with "remember me", a preference, a keep-alive, a log-out. */
public final class SessionApi {

  private SessionApi() {
  }

  /**
   * The routes of the Session API page.
   *
   * @param vertx the Vert.x instance
   * @param store where the sessions live
   * @param secrets the secrets that sign the session cookies
   * @return the router
   */
  public static Router router(Vertx vertx, SessionStore store, List<String> secrets) {
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions().setSecrets(secrets)));
    router.route().handler(BodyHandler.create());

    // tag::attributes[]
    router.post("/cart").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      JsonArray items = session.getJsonArray("items");
      if (items == null) {
        items = new JsonArray();
        session.put("items", items);
      }
      items.add(ctx.request().getFormAttribute("item"));  // changed in place: saved too
      ctx.json(new JsonObject().put("items", items));
    });
    // end::attributes[]

    // tag::login[]
    router.post("/login").handler(ctx -> {
      String user = ctx.request().getFormAttribute("user");   // check the password before this, of course
      Session session = SessionHandler.session(ctx);
      session.put("user", user)
          .setPrincipal(user)                                  // whose session it is: SessionRegistry finds it
          .setDescription(browserOf(ctx.request()));           // what "where you are signed in" shows
      if ("on".equals(ctx.request().getFormAttribute("remember"))) {
        session.setMaxAge(Duration.ofDays(30));               // outlives the browser; 30 days idle at most
      }
      session.regenerate()                                     // a new ID, the same data, stored before we answer
          .onSuccess(v -> ctx.redirect("/me"))
          .onFailure(ctx::fail);                               // the old ID and cookie stay as they were
    });
    // end::login[]

    // tag::me[]
    router.get("/me").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      ctx.json(new JsonObject()
          .put("user", session.getString("user"))
          .put("items", session.getJsonArray("items"))
          .put("theme", session.getString("theme"))
          .put("new", session.isNew())
          .put("expiresAt", session.expiresAt().toString()));
    });
    // end::me[]

    // tag::save[]
    router.post("/theme").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      session.put("theme", ctx.request().getFormAttribute("theme"));
      session.save()                                           // acknowledged by the store before the redirect,
          .onSuccess(v -> ctx.redirect("/me"))                 // so the next request sees it on any node
          .onFailure(ctx::fail);
    });
    // end::save[]

    // tag::touch[]
    router.post("/still-here").handler(ctx -> SessionHandler.session(ctx).touch()  // a page open for long
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail));
    // end::touch[]

    // tag::logout[]
    router.post("/logout").handler(ctx -> SessionHandler.session(ctx).destroy()  // deleted, cookie cleared
        .onSuccess(v -> ctx.redirect("/"))
        .onFailure(ctx::fail));
    // end::logout[]
    return router;
  }

  /** A short description of the browser a request came from, within the 256 characters a description may have. */
  private static String browserOf(HttpServerRequest request) {
    String agent = request.getHeader("User-Agent");
    return agent == null ? "an unknown browser" : agent.substring(0, Math.min(agent.length(), 100));
  }
}
