package io.github.vertxsessions.spi;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the SPI gives every store: whether a delta changes data, and the default clock. */
class SpiValuesTest {

  private static final SessionRecord RECORD = SessionRecord.builder("abcdefghijklmnopqrstuvwxyz").data(Map.of("a", 1))
    .version(2).createdAt(0).idleTimeout(1_000).build();

  @Test
  void aDeltaChangesDataWhenItSetsOrRemovesAnything() {
    assertTrue(SessionDelta.changesTo(RECORD, Map.of("b", 2), Set.of()).changesData());
    assertTrue(SessionDelta.changesTo(RECORD, Map.of(), Set.of("a")).changesData());
    assertFalse(SessionDelta.changesTo(RECORD, Map.of(), Set.of()).changesData(), "a change of timing alone");
  }

  @Test
  void aStoreWithoutAClockOfItsOwnUsesTheSystemClockInUtc() {
    SessionStore minimal = new SessionStore() {
      @Override
      public Future<SessionRecord> load(String id, long touchInterval) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Long> save(SessionDelta delta) {
        return Future.succeededFuture(1L);
      }

      @Override
      public Future<Void> touch(String id) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> delete(String id) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Long> count() {
        return Future.succeededFuture(0L);
      }

      @Override
      public Future<Void> clear() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };

    assertEquals(Clock.systemUTC(), minimal.clock());
  }
}
