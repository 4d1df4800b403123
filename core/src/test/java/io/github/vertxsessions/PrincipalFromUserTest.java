package io.github.vertxsessions;

import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The principal the handler takes from vertx-web's {@code ctx.user()}, and a name no session can hold. */
@ExtendWith(VertxExtension.class)
class PrincipalFromUserTest {

  private TestApp app;
  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  private Vertx vertx;

  @BeforeEach
  void useVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private TestResponse logInAs(String name) {
    app = new TestApp(vertx, new SessionOptions(), null, (router, handler) -> {
      router.post("/auth").handler(SimpleAuthenticationHandler.create()
        .authenticate(ctx -> Future.succeededFuture(User.fromName(name))));
      router.post("/auth").handler(ctx -> ctx.end("in"));
      router.get("/who").handler(ctx -> ctx.end(String.valueOf(SessionHandler.session(ctx).principal())));
    });
    return app.post("/auth", null);
  }

  @Test
  void theUsersNameBecomesThePrincipal() {
    TestResponse in = logInAs("carol");

    assertEquals("carol", app.get("/who", in.sid()).body());
  }

  @Test
  void aNameTooLongForAPrincipalLeavesTheSessionWithoutOneAndSaysSo() {
    try (LogCapture log = LogCapture.of(SessionHandler.class.getPackageName())) {
      TestResponse in = logInAs("x".repeat(300));

      assertEquals(200, in.status());
      assertEquals("null", app.get("/who", in.sid()).body(), "the session is kept, without a principal");
      List<String> warnings = log.warnings();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("cannot be a principal"), warnings.get(0));
    }
  }
}
