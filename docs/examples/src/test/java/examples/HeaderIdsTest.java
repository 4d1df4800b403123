package examples;

import io.github.vertxsessions.local.LocalSessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page on session IDs in a header: a script of another origin logs in, uses its token, and logs out. */
@ExtendWith(VertxExtension.class)
class HeaderIdsTest {

  private static final String APP = "https://app.example.test";

  @Test
  void aScriptOfAnotherOriginKeepsItsSessionInTheHeader(Vertx vertx) throws Exception {
    int port = Browser.serve(vertx, HeaderIds.router(vertx, LocalSessionStore.create(vertx),
      List.of("a-secret-of-32-characters-or-more"), APP));
    Browser preflight = new Browser(vertx, port).withHeader("Origin", APP)
      .withHeader("Access-Control-Request-Method", "GET").withHeader("Access-Control-Request-Headers", "x-session-token");
    Browser.Answer allowed = preflight.send(HttpMethod.OPTIONS, "/me", null);
    assertEquals(204, allowed.status());
    assertTrue(allowed.header("Access-Control-Allow-Headers").contains("X-Session-Token"));

    Browser script = new Browser(vertx, port).withHeader("Origin", APP).keepingToken("X-Session-Token");
    Browser.Answer login = script.post("/login");

    assertEquals("alice", login.json().getString("user"));
    assertTrue(login.header("Access-Control-Expose-Headers").contains("X-Session-Token"));
    assertTrue(script.token() != null && script.token().contains("."), "id.signature: " + script.token());
    assertEquals(List.of(), login.setCookies(), "no cookie with HEADER");
    assertEquals("alice", script.get("/me").json().getString("user"));

    Browser.Answer logout = script.post("/logout");

    assertEquals("", logout.header("X-Session-Token"), "the header empty: drop the token");
    assertNull(script.token());
    assertNull(script.get("/me").json().getString("user"));
  }
}
