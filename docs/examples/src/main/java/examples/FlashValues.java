package examples;

import io.github.vertxsessions.SessionHandler;
import io.vertx.ext.web.Router;

/** The manual's flash values: a notice set before a redirect and shown once by the page it leads to. */
public final class FlashValues {

  private FlashValues() {
  }

  /**
   * Adds a form that saves a profile and redirects, and the profile page that shows the notice once.
   *
   * @param router a router with a session handler mounted
   */
  public static void routes(Router router) {
    // tag::flash[]
    router.post("/profile").handler(ctx -> {
      // ... save the profile, then:
      SessionHandler.session(ctx).flash("notice", "Profile saved");
      ctx.redirect("/profile");
    });

    router.get("/profile").handler(ctx -> {
      String notice = SessionHandler.session(ctx).takeFlash("notice"); // null when there is none
      ctx.end(notice == null ? "Your profile" : notice + " - your profile");
    });
    // end::flash[]
  }
}
