package examples;

import io.github.vertxsessions.postgres.PgSessionStore;
import io.github.vertxsessions.testservers.EmbeddedPostgres;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The PostgreSQL store's page, on an embedded PostgreSQL: the store makes its table, and sessions live in it. */
@ExtendWith(VertxExtension.class)
class PostgresStoreTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");

  @Test
  void keepsSessionsInItsTable(Vertx vertx) throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.start()) {
      Router router = Router.router(vertx);
      PgSessionStore store = PostgresStore.mount(vertx, router, server.uri(), SECRETS).await(10, SECONDS);
      Browser browser = new Browser(vertx, Browser.serve(vertx, Visits.counted(router)));

      assertEquals(1, Visits.of(browser.post("/visits")));
      assertEquals(2, Visits.of(browser.post("/visits")));
      Pool admin = server.newPool(vertx);
      String visits = admin.query("SELECT attributes->>'visits' AS visits FROM vertx_sessions").execute()
        .await(10, SECONDS).iterator().next().getString("visits");
      assertEquals("2", visits);

      store.close().await(10, SECONDS);
      admin.close().await(10, SECONDS);
    }
  }
}
