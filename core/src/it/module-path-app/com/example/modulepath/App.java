package com.example.modulepath;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.Session;

import java.util.List;

/**
 * Counts visits in {@code ctx.session()}, vertx-web's view of the session, which is what needs vertx-web's internals.
 * Prints {@code listening <port>} once it serves; exits with status 1 if it cannot start.
 */
public final class App {

  private App() {
  }

  /**
   * Starts the server on a free port.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      router.route().handler(SessionHandler.create(vertx, LocalSessionStore.create(vertx), new SessionOptions()
        .setSecrets(List.of("a module-path test secret of 32+ chars"))));
      router.get("/visits").handler(ctx -> {
        Session session = ctx.session();
        Integer visits = session.get("visits");
        session.put("visits", visits == null ? 1 : visits + 1);
        ctx.end("visits=" + session.get("visits"));
      });
      vertx.createHttpServer().requestHandler(router).listen(0)
        .onSuccess(server -> System.out.println("listening " + server.actualPort()))
        .onFailure(App::exit);
    } catch (RuntimeException e) {
      // Vert.x's threads would keep the JVM alive after main ends: the launcher must see the failure as an exit.
      exit(e);
    }
  }

  private static void exit(Throwable failure) {
    failure.printStackTrace();
    System.exit(1);
  }
}
