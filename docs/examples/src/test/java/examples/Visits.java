package examples;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** The route the stores' tests count visits with, behind the session handler a sample mounted. */
final class Visits {

  private Visits() {
  }

  /** Adds {@code POST /visits}, which counts the visits of a session and answers {@code {"visits": n}}. */
  static Router counted(Router router) {
    router.post("/visits").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      Integer visits = session.getInteger("visits");
      session.put("visits", visits == null ? 1 : visits + 1);
      ctx.json(new JsonObject().put("visits", session.getInteger("visits")));
    });
    return router;
  }

  /** The count an answer of {@code POST /visits} gives. */
  static int of(Browser.Answer answer) {
    return answer.json().getInteger("visits");
  }
}
