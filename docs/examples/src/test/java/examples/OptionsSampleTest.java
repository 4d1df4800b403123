package examples;

import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler page's options do what the page says. */
@ExtendWith(VertxExtension.class)
class OptionsSampleTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");

  @Test
  void behindATlsProxyTheCookieIsSecureAndNeverSentOverPlainHttp(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, LocalSessionStore.create(vertx),
        OptionsSample.behindTlsProxy(SECRETS)));
    router.get("/sign-in").handler(ctx -> {
      SessionHandler.session(ctx).put("user", "alice");
      ctx.end("ok");
    });

    SampleServer viaProxy = new SampleServer(vertx, router).always("X-Forwarded-Proto", "https");
    String cookie = viaProxy.get("/sign-in").setCookie("sid");
    assertTrue(cookie.endsWith("; Path=/; HttpOnly; SameSite=Strict; Secure"), cookie);

    SampleServer plainHttp = new SampleServer(vertx, router);
    SampleServer.Answer answer = plainHttp.get("/sign-in");
    assertEquals(200, answer.status());
    assertNull(answer.setCookie("sid"), "no session ID over plain HTTP");
  }

  @Test
  void optionsReadFromJsonKeepTheirSecretsOutOfTheirJson() {
    JsonObject config = new JsonObject().put("sessions", new JsonObject()
        .put("cookieName", "app_sid").put("idleTimeout", "PT20M").put("storeTimeout", 1500)
        .put("secrets", new JsonArray(SECRETS)));
    SessionOptions options = OptionsSample.fromConfig(config);
    assertEquals("app_sid", options.getCookieName());
    assertEquals(Duration.ofMinutes(20), options.getIdleTimeout());
    assertEquals(Duration.ofMillis(1500), options.getStoreTimeout());
    assertEquals(SECRETS, options.getSecrets());
    assertFalse(options.toJson().containsKey("secrets"));
    options.validate();
  }
}
