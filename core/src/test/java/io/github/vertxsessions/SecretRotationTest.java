package io.github.vertxsessions;

import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.github.vertxsessions.testkit.TestResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apps with different secret lists over one store: what one signs, which others accept. */
@ExtendWith(VertxExtension.class)
class SecretRotationTest {

  private static final String OLD = "old-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String NEW = "new-secret-bbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  private Vertx vertx;
  private TestClock clock;
  private SessionStore store;
  private final List<TestApp> apps = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    clock = new TestClock();
    store = LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }

  private TestApp app(String... secrets) {
    TestApp app = new TestApp(vertx, clock, new SessionOptions().setSecrets(List.of(secrets)), store, r -> { },
      new HttpServerOptions());
    apps.add(app);
    return app;
  }

  private static boolean accepted(TestApp app, String cookie) {
    TestResponse response = app.get("/read", cookie);
    return !response.json().getBoolean("isNew") && "alice".equals(response.data().getString("user"));
  }

  @Test
  void rotationKeepsOldCookiesAndSignsWithTheNewSecret() {
    String oldCookie = app(OLD).get("/put/user/alice", null).sid();
    TestApp rotated = app(NEW, OLD);

    assertTrue(accepted(rotated, oldCookie), "a cookie signed with the previous secret still works");
    String reissued = rotated.get("/incr/views", oldCookie).setCookie("sid");
    assertEquals(null, reissued, "the cookie is not reissued merely because an older secret signed it");
    String newCookie = rotated.get("/put/user/alice", null).sid();
    assertTrue(accepted(app(NEW), newCookie), "new cookies are signed with the first secret");
  }

  @Test
  void aRetiredSecretNoLongerVerifies() {
    String oldCookie = app(OLD).get("/put/user/alice", null).sid();

    assertFalse(accepted(app(NEW), oldCookie));
  }

  @Test
  void rollingBackAcceptsCookiesSignedWithTheNewerSecret() {
    String newCookie = app(NEW, OLD).get("/put/user/alice", null).sid();

    assertTrue(accepted(app(OLD, NEW), newCookie), "both ways: order decides signing, not verifying");
    assertFalse(accepted(app(OLD), newCookie));
  }
}
