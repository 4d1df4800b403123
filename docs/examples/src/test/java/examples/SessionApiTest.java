package examples;

import io.github.vertxsessions.local.LocalSessionStore;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Session API page's routes, one visitor's way through them: a cart, a log-in, a preference, a log-out. */
@ExtendWith(VertxExtension.class)
class SessionApiTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");

  @Test
  void aVisitorFillsACartLogsInRememberedSetsAThemeAndLogsOut(Vertx vertx) throws Exception {
    SampleServer browser = new SampleServer(vertx, SessionApi.router(vertx, LocalSessionStore.create(vertx), SECRETS));
    JsonObject anonymous = new JsonObject(browser.get("/me").body());
    assertTrue(anonymous.getBoolean("new"));
    assertNull(browser.cookie("sid"), "nothing stored, no cookie, for a session nobody used");

    browser.postForm("/cart", "item=apple");
    assertEquals("{\"items\":[\"apple\",\"pear\"]}", browser.postForm("/cart", "item=pear").body());
    String anonymousCookie = browser.cookie("sid");

    SampleServer.Answer login = browser.send(HttpMethod.POST, "/login", MultiMap.caseInsensitiveMultiMap()
        .set("Content-Type", "application/x-www-form-urlencoded").set("User-Agent", "Firefox on Linux"),
        "user=alice&remember=on");
    assertEquals(302, login.status());
    assertEquals("/me", login.headers().get("Location"));
    assertTrue(login.setCookie("sid").contains("; Max-Age=2592000;"), login.setCookie("sid"));
    assertNotEquals(anonymousCookie, browser.cookie("sid"), "a new ID at log-in");

    assertEquals(302, browser.postForm("/theme", "theme=dark").status());
    JsonObject me = new JsonObject(browser.get("/me").body());
    assertEquals("alice", me.getString("user"));
    assertEquals("dark", me.getString("theme"));
    assertEquals(List.of("apple", "pear"), me.getJsonArray("items").getList(), "the cart came along");
    assertFalse(me.getBoolean("new"));

    assertEquals(204, browser.post("/still-here").status());

    SampleServer.Answer logout = browser.post("/logout");
    assertEquals(302, logout.status());
    assertTrue(logout.setCookie("sid").startsWith("sid=; Max-Age=0"), logout.setCookie("sid"));
    JsonObject after = new JsonObject(browser.get("/me").body());
    assertNull(after.getString("user"));
    assertTrue(after.getBoolean("new"));
  }

  @Test
  void theOldIdIsWorthlessAfterTheLogIn(Vertx vertx) throws Exception {
    var router = SessionApi.router(vertx, LocalSessionStore.create(vertx), SECRETS);
    SampleServer browser = new SampleServer(vertx, router);
    browser.postForm("/cart", "item=apple");
    String before = browser.cookie("sid");
    browser.postForm("/login", "user=alice");
    assertNotNull(browser.cookie("sid"));

    SampleServer attacker = new SampleServer(vertx, router);
    SampleServer.Answer fixed = attacker.send(HttpMethod.GET, "/me",
        MultiMap.caseInsensitiveMultiMap().set("Cookie", "sid=" + before), null);
    assertNull(new JsonObject(fixed.body()).getString("user"), "the ID from before the log-in leads nowhere");
  }
}
