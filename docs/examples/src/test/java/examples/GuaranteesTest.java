package examples;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guarantees page, on a real Redis that stops: the log-in's redirect finds the session, and while Redis is down
 * the catalog goes on without it and the account page answers the application's 503.
 */
@ExtendWith(VertxExtension.class)
class GuaranteesTest {

  @Test
  void theCatalogGoesOnWithoutTheStoreAndTheAccountWaitsForIt(Vertx vertx) throws Exception {
    try (EmbeddedRedis server = EmbeddedRedis.start()) {
      RedisSessionStore store = RedisSessionStore.create(vertx, Redis.createClient(vertx, server.connectionString()));
      Browser browser = new Browser(vertx, Browser.serve(vertx, Guarantees.router(vertx, store,
        new SessionOptions().setSecrets(List.of("a-secret-of-32-characters-or-more")))));

      Browser.Answer login = browser.post("/login");
      assertEquals(302, login.status());
      assertEquals("/account", login.header("Location"));
      assertEquals("signed in as alice", browser.get("/account").body());

      try (LogCapture log = LogCapture.of("io.github.vertxsessions")) {
        server.stop();

        assertEquals("the catalog, without your session", browser.get("/catalog").body());
        Browser.Answer account = browser.get("/account");
        assertEquals(503, account.status());
        assertEquals("5", account.header("Retry-After"));
        assertTrue(log.awaitLine(Level.WARN, "loading sessions failed", Duration.ofSeconds(10))
          .startsWith("Session store unavailable"));

        server.startAgain();
        // the restarted server kept nothing (it ran in memory only): a fresh, anonymous session
        assertEquals("the catalog, for a visitor", browser.get("/catalog").body());
        assertTrue(log.awaitLine(Level.INFO, "the store answers again", Duration.ofSeconds(10))
          .startsWith("Session store unavailable"));
      }
      store.close().await(10, SECONDS);
    }
  }
}
