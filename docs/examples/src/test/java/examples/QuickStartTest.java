package examples;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's quick start does what the README says: a browser's visits are counted in its session. */
@ExtendWith(VertxExtension.class)
class QuickStartTest {

  private static final List<String> SECRETS =
      List.of("a-secret-of-32-characters-or-more", "the-previous-secret-of-32-or-more");

  @Test
  void countsABrowsersVisitsInASignedHttpOnlyCookie(Vertx vertx) throws Exception {
    SampleServer browser = new SampleServer(vertx, QuickStart.router(vertx, SECRETS));
    SampleServer.Answer first = browser.get("/visits");
    assertEquals("{\"visits\":1}", first.body());
    String cookie = first.setCookie("sid");
    assertTrue(cookie.matches("sid=[\\w-]+\\.[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax"), cookie);
    SampleServer.Answer second = browser.get("/visits");
    assertEquals("{\"visits\":2}", second.body());
    assertNull(second.setCookie("sid"), "a browser-session cookie is sent only when it changes");
  }

  @Test
  void eachBrowserHasItsOwnCount(Vertx vertx) throws Exception {
    var router = QuickStart.router(vertx, SECRETS);
    SampleServer one = new SampleServer(vertx, router);
    SampleServer other = new SampleServer(vertx, router);
    one.get("/visits");
    one.get("/visits");
    assertEquals("{\"visits\":1}", other.get("/visits").body());
    assertEquals("{\"visits\":3}", one.get("/visits").body());
  }
}
