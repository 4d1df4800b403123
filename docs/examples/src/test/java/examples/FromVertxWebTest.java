package examples;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The vertx-web page's routes answer alike on vertx-web's session handler and on ours. */
@ExtendWith(VertxExtension.class)
class FromVertxWebTest {

  @Test
  void theRoutesRunOnVertxWebsHandler(Vertx vertx) throws Exception {
    visitLogInAndLogOut(new SampleServer(vertx, FromVertxWeb.before(vertx)), "vertx-web.session");
  }

  @Test
  void theSameRoutesRunUnchangedOnOurs(Vertx vertx) throws Exception {
    Router after = FromVertxWeb.after(vertx, List.of("a-secret-of-32-characters-or-more"));
    SampleServer browser = new SampleServer(vertx, after);
    visitLogInAndLogOut(browser, "sid");
  }

  private static void visitLogInAndLogOut(SampleServer browser, String cookieName) throws Exception {
    assertEquals("visits: 1", browser.get("/visits").body());
    assertEquals("visits: 2", browser.get("/visits").body());
    String before = browser.cookie(cookieName);

    assertEquals("welcome", browser.postForm("/login", "user=alice").body());
    assertNotEquals(before, browser.cookie(cookieName), "a new ID at log-in");
    assertEquals("visits: 3", browser.get("/visits").body(), "the same data under the new ID");

    SampleServer.Answer logout = browser.post("/logout");
    assertEquals(302, logout.status());
    assertNotNull(logout.setCookie(cookieName), "the cookie is cleared");
    assertNull(browser.cookie(cookieName));
    assertEquals("visits: 1", browser.get("/visits").body(), "a new session after the log-out");
  }
}
