package examples;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.RecordingStore;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler page's mounting: the session, body and CSRF handlers on one route, and the store failure handler. */
@ExtendWith(VertxExtension.class)
class MountingTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");
  private static final String CSRF_SECRET = "a-csrf-secret-of-32-characters-or-more";

  @Test
  void formsCarryTheCsrfTokenKeptInTheSession(Vertx vertx) throws Exception {
    SampleServer browser = new SampleServer(vertx,
        Mounting.router(vertx, LocalSessionStore.create(vertx), SECRETS, CSRF_SECRET));
    assertEquals("note: null", browser.get("/note").body());
    String token = browser.cookie("XSRF-TOKEN");
    assertNotNull(token, "the CSRF handler hands out its token");

    try (LogCapture log = LogCapture.of("io.vertx.ext.web.RoutingContext")) {
      assertEquals(403, browser.postForm("/note", "note=forged").status(), "no token, no change");
      assertTrue(log.events().stream().anyMatch(e -> e.getThrowableProxy() != null
          && e.getThrowableProxy().getMessage().contains("Token provided via HTTP Header/Form is absent")),
          "vertx-web logs the refusal");
    }
    SampleServer.Answer saved = browser.send(HttpMethod.POST, "/note", MultiMap.caseInsensitiveMultiMap()
        .set("Content-Type", "application/x-www-form-urlencoded").set("X-XSRF-TOKEN", token), "note=hello");
    assertEquals("saved", saved.body());
    assertEquals("note: hello", browser.get("/note").body());
  }

  @Test
  void whileTheStoreIsDownPagesAreServedDegradedAndFormsAnswered503(Vertx vertx) throws Exception {
    RecordingStore store = new RecordingStore(vertx, LocalSessionStore.create(vertx));
    SampleServer browser = new SampleServer(vertx, Mounting.router(vertx, store, SECRETS, CSRF_SECRET));
    browser.get("/note");
    assertNotNull(browser.cookie("sid"), "a session to load");

    try (LogCapture log = LogCapture.of(SessionHandler.class)) {
      store.failWith(new VertxException("store down", true), "load");
      assertEquals("(your note is out of reach just now)", browser.get("/note").body());
      SampleServer.Answer refused = browser.postForm("/note", "note=later");
      assertEquals(503, refused.status());
      assertEquals("5", refused.headers().get("Retry-After"));
      assertTrue(log.warnings().stream().anyMatch(line -> line.contains("store down")), log.warnings().toString());

      store.failWith(null);
      assertEquals("note: null", browser.get("/note").body(), "the session is back with the store");
      assertTrue(log.lines(Level.INFO).stream().anyMatch(line -> line.contains("answers again")),
          log.lines(Level.INFO).toString());
    }
  }
}
