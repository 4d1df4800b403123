package io.github.vertxsessions;

import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A change made after a streamed response's headers went out: said once, and saved only by an explicit save(). */
@ExtendWith(VertxExtension.class)
class LateChangeTest {

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  private LogCapture log;
  private TestApp app;
  private String cookie;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = new TestApp(vertx, new SessionOptions(), null, (router, handler) -> {
      router.get("/stream").handler(ctx -> {
        HttpServerResponse response = ctx.response().setChunked(true);
        response.write("first part; ");
        Session session = SessionHandler.session(ctx);
        session.put("late", 1).put("later", 2);
        response.end("done");
      });
      router.post("/auth").handler(SimpleAuthenticationHandler.create()
        .authenticate(ctx -> Future.succeededFuture(User.fromName("bob"))));
      router.post("/auth").handler(ctx -> ctx.end("in"));
      router.get("/principal").handler(ctx -> ctx.end(String.valueOf(SessionHandler.session(ctx).principal())));
      router.get("/stream-and-save").handler(ctx -> {
        HttpServerResponse response = ctx.response().setChunked(true);
        response.write("first part; ");
        SessionHandler.session(ctx).put("late", 1).save().onComplete(ar -> response.end(ar.succeeded() ? "saved" : "not"));
      });
    });
    cookie = app.get("/put/user/alice", null).sid();
    log = LogCapture.of(Session.class);
  }

  @AfterEach
  void close() {
    log.close();
  }

  private List<String> warnings() {
    return log.warnings();
  }

  @Test
  void aChangeAfterTheHeadersIsLoggedOnceWithItsNameAndNotSaved() {
    assertEquals(200, app.get("/stream", cookie).status());

    assertEquals(1, warnings().size(), warnings().toString());
    assertTrue(warnings().get(0).contains("'late'") && warnings().get(0).contains("save()"), warnings().get(0));
    assertTrue(!warnings().get(0).contains(cookie.substring(4, 20)), "the session ID is not logged whole");
    assertNull(app.get("/read", cookie).data().getValue("late"));
  }

  /** The handler records the user an authentication handler set as the headers go out: its own change, not late. */
  @Test
  void aLogInByAnAuthenticationHandlerIsNoLateChange() {
    String loggedIn = app.post("/auth", null).sid();

    assertEquals(List.of(), warnings());
    assertEquals("bob", app.get("/principal", loggedIn).body());
  }

  @Test
  void anExplicitSaveKeepsIt() {
    assertEquals("first part; saved", app.get("/stream-and-save", cookie).body());

    assertEquals(1, app.get("/read", cookie).data().getInteger("late"));
  }
}
