package io.github.vertxsessions.postgres;

import io.github.vertxsessions.postgres.impl.PgSessionStoreImpl;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Saves and ID changes never bring back a deleted or expired row, creations and ID changes never overwrite a live one;
 * the sweeper is bounded.
 */
class PgNoResurrectionTest extends PgStoreTestBase {

  private PgSessionStoreImpl store;

  @BeforeEach
  void setUp() throws Exception {
    store = open(options().setSweepBatchSize(2));
  }

  @Test
  void aSaveAfterADeleteFailsAndWritesNoRow() throws Exception {
    SessionRecord created = create(store, Map.of("user", "alice"));
    store.delete(created.id()).await(10, SECONDS);

    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.save(update(created, Map.of("n", 1), Set.of())).await(10, SECONDS)));
    assertNull(raw(created.id()));
  }

  @Test
  void aSaveAfterExpiryFailsAndLeavesTheExpiredRowAsItWas() throws Exception {
    SessionRecord created = create(store, Map.of("user", "alice"));
    clock.advance(Duration.ofMillis(IDLE));

    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.save(update(created, Map.of("n", 1), Set.of())).await(10, SECONDS)));
    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.save(update(created, Map.of(), Set.of())).await(10, SECONDS)),
      "a change of timing alone neither");
    store.touch(created.id()).await(10, SECONDS);
    assertEquals(Instant.ofEpochMilli(created.createdAt() + IDLE), raw(created.id()).getOffsetDateTime("expires_at")
      .toInstant(), "neither save nor touch moved the expiry");
    assertEquals(1L, raw(created.id()).getLong("version"));
    assertNull(store.load(created.id(), 0).await(10, SECONDS));
  }

  @Test
  void aCreationReplacesOnlyAnExpiredRow() throws Exception {
    SessionRecord first = create(store, Map.of("owner", "first"));
    SessionRecord impostor = SessionRecord.builder(first.id()).data(Map.of("owner", "second")).createdAt(clock.millis())
      .idleTimeout(IDLE).build();

    assertInstanceOf(DuplicateSessionIdException.class, assertThrows(Throwable.class, () -> store.save(SessionDelta.creationOf(impostor)).await(10, SECONDS)));
    assertEquals(new JsonObject().put("owner", "first"), raw(first.id()).getJsonObject("attributes"));

    clock.advance(Duration.ofMillis(IDLE));
    SessionRecord again = SessionRecord.builder(first.id()).data(Map.of("owner", "third")).createdAt(clock.millis())
      .idleTimeout(IDLE).build();
    assertEquals(1L, store.save(SessionDelta.creationOf(again)).await(10, SECONDS));
    assertEquals(new JsonObject().put("owner", "third"), raw(first.id()).getJsonObject("attributes"));
    assertEquals(1L, rawCount());
  }

  @Test
  void anIdChangeTakesTheIdOfAnExpiredRowAndNeverOfALiveOne() throws Exception {
    SessionRecord expired = create(store, Map.of("owner", "expired"));
    clock.advance(Duration.ofMinutes(20));
    SessionRecord moving = create(store, Map.of("owner", "moving"));
    SessionRecord live = create(store, Map.of("owner", "live"));
    clock.advance(Duration.ofMinutes(15));

    assertInstanceOf(DuplicateSessionIdException.class, assertThrows(Throwable.class, () -> store.changeId(moving.id(), live.id()).await(10, SECONDS)));
    assertEquals(2L, store.changeId(moving.id(), expired.id()).await(10, SECONDS));

    assertEquals(new JsonObject().put("owner", "moving"), raw(expired.id()).getJsonObject("attributes"));
    assertNull(raw(moving.id()));
    assertEquals(new JsonObject().put("owner", "live"), raw(live.id()).getJsonObject("attributes"));
    assertEquals(2L, rawCount());
  }

  @Test
  void anIdChangeOfAnExpiredRowLeavesItAsItWas() throws Exception {
    SessionRecord created = create(store, Map.of("user", "alice"));
    clock.advance(Duration.ofMillis(IDLE));
    String newId = newId();

    assertInstanceOf(SessionGoneException.class, assertThrows(Throwable.class, () -> store.changeId(created.id(), newId).await(10, SECONDS)));

    assertEquals(1L, raw(created.id()).getLong("version"));
    assertNull(raw(newId));
  }

  @Test
  void theSweeperDeletesExpiredRowsInBoundedBatchesAndNothingLive() throws Exception {
    for (int i = 0; i < 5; i++) {
      create(store, Map.of("old", i));
    }
    clock.advance(Duration.ofMillis(IDLE));
    SessionRecord live = create(store, Map.of("live", true));

    assertEquals(2, store.sweep().await(10, SECONDS));
    assertEquals(2, store.sweep().await(10, SECONDS));
    assertEquals(1, store.sweep().await(10, SECONDS));
    assertEquals(0, store.sweep().await(10, SECONDS));

    assertEquals(5L, store.swept());
    assertEquals(1L, rawCount());
    assertEquals(Map.of("live", true), store.load(live.id(), 0).await(10, SECONDS).data());
  }
}
