package io.github.vertxsessions.postgres;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.spi.SessionRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Schema creation off, for migrations: the store sends no DDL, and the manual's DDL (docs/store-postgres.md) is what it needs. */
class PgSchemaTest extends PgStoreTestBase {

  @Test
  void withSchemaCreationOffAMissingTableFailsTheStart() throws Exception {
    Throwable failure;
    try (LogCapture logs = LogCapture.of(PgSessionStore.class)) {
      failure = assertThrows(Throwable.class,
        () -> PgSessionStore.createAndInit(vertx, pool, options().setCreateSchema(false)).await(10, SECONDS));
      logs.awaitLine(Level.WARN, "is not in place yet", Duration.ofSeconds(10));
    }

    assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
    assertEquals(0L, pool.preparedQuery("SELECT count(*) FROM pg_tables WHERE tablename = $1")
      .execute(io.vertx.sqlclient.Tuple.of(table)).await(10, SECONDS).iterator().next().getLong(0), "no table was created");
  }

  @Test
  void theReadmesDdlMakesATableTheStoreWorksWith() throws Exception {
    pool.query(readmeDdl().replace("vertx_sessions", table)).execute().await(10, SECONDS);
    PgSessionStore store = open(options().setCreateSchema(false));

    SessionRecord created = create(store, Map.of("n", 1));

    assertNotNull(store.load(created.id(), 0).await(10, SECONDS));
    assertEquals(1L, rawCount());
  }

  /** The first SQL block of the manual's PostgreSQL page, as an operator would copy it. */
  private static String readmeDdl() throws Exception {
    String page = Files.readString(Path.of("../../docs/store-postgres.md"));
    int start = page.indexOf("```sql") + "```sql".length();
    return page.substring(start, page.indexOf("```", start));
  }
}
