package io.github.vertxsessions.postgres;

import io.github.vertxsessions.spi.SessionRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schema creation off, for migrations: the store sends no DDL, and the README's DDL is what it needs. */
class PgSchemaTest extends PgStoreTestBase {

  @Test
  void withSchemaCreationOffAMissingTableFailsTheStart() {
    Throwable failure = awaitFailure(PgSessionStore.createAndInit(vertx, pool, options().setCreateSchema(false)));

    assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
    assertEquals(0L, await(pool.preparedQuery("SELECT count(*) FROM pg_tables WHERE tablename = $1")
      .execute(io.vertx.sqlclient.Tuple.of(table))).iterator().next().getLong(0), "no table was created");
  }

  @Test
  void theReadmesDdlMakesATableTheStoreWorksWith() throws IOException {
    await(pool.query(readmeDdl().replace("vertx_sessions", table)).execute());
    PgSessionStore store = open(options().setCreateSchema(false));

    SessionRecord created = create(store, Map.of("n", 1));

    assertNotNull(await(store.load(created.id(), 0)));
    assertEquals(1L, rawCount());
  }

  /** The SQL block of the README's PostgreSQL section, as an operator would copy it. */
  private static String readmeDdl() throws IOException {
    String readme = Files.readString(Path.of("../../README.md"));
    int section = readme.indexOf("### PostgreSQL");
    int start = readme.indexOf("```sql", section) + "```sql".length();
    return readme.substring(start, readme.indexOf("```", start));
  }
}
