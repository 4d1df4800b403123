package examples;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The manual's flash sample: the notice is shown by the first page after the redirect, and only there. */
@ExtendWith(VertxExtension.class)
class FlashValuesTest {

  @Test
  void theNoticeIsShownOnce(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, LocalSessionStore.create(vertx),
        new SessionOptions().setSecrets(List.of("a-secret-of-32-characters-or-more"))));
    FlashValues.routes(router);
    SampleServer browser = new SampleServer(vertx, router);

    assertEquals(302, browser.post("/profile").status());
    assertEquals("Profile saved - your profile", browser.get("/profile").body());
    assertEquals("Your profile", browser.get("/profile").body());
  }
}
