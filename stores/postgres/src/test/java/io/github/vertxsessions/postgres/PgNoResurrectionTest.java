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

import static io.github.vertxsessions.testkit.Await.await;
import static io.github.vertxsessions.testkit.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Saves and ID changes never bring back a deleted or expired row, creations and ID changes never overwrite a live one;
 * the sweeper is bounded.
 */
class PgNoResurrectionTest extends PgStoreTestBase {

  private PgSessionStoreImpl store;

  @BeforeEach
  void setUp() {
    store = open(options().setSweepBatchSize(2));
  }

  @Test
  void aSaveAfterADeleteFailsAndWritesNoRow() {
    SessionRecord created = create(store, Map.of("user", "alice"));
    await(store.delete(created.id()));

    assertInstanceOf(SessionGoneException.class, awaitFailure(store.save(update(created, Map.of("n", 1), Set.of()))));
    assertNull(raw(created.id()));
  }

  @Test
  void aSaveAfterExpiryFailsAndLeavesTheExpiredRowAsItWas() {
    SessionRecord created = create(store, Map.of("user", "alice"));
    clock.advance(Duration.ofMillis(IDLE));

    assertInstanceOf(SessionGoneException.class, awaitFailure(store.save(update(created, Map.of("n", 1), Set.of()))));
    assertInstanceOf(SessionGoneException.class, awaitFailure(store.save(update(created, Map.of(), Set.of()))),
      "a change of timing alone neither");
    await(store.touch(created.id()));
    assertEquals(Instant.ofEpochMilli(created.createdAt() + IDLE), raw(created.id()).getOffsetDateTime("expires_at")
      .toInstant(), "neither save nor touch moved the expiry");
    assertEquals(1L, raw(created.id()).getLong("version"));
    assertNull(await(store.load(created.id(), 0)));
  }

  @Test
  void aCreationReplacesOnlyAnExpiredRow() {
    SessionRecord first = create(store, Map.of("owner", "first"));
    SessionRecord impostor = SessionRecord.builder(first.id()).data(Map.of("owner", "second")).createdAt(clock.millis())
      .idleTimeout(IDLE).build();

    assertInstanceOf(DuplicateSessionIdException.class, awaitFailure(store.save(SessionDelta.creationOf(impostor))));
    assertEquals(new JsonObject().put("owner", "first"), raw(first.id()).getJsonObject("attributes"));

    clock.advance(Duration.ofMillis(IDLE));
    SessionRecord again = SessionRecord.builder(first.id()).data(Map.of("owner", "third")).createdAt(clock.millis())
      .idleTimeout(IDLE).build();
    assertEquals(1L, await(store.save(SessionDelta.creationOf(again))));
    assertEquals(new JsonObject().put("owner", "third"), raw(first.id()).getJsonObject("attributes"));
    assertEquals(1L, rawCount());
  }

  @Test
  void anIdChangeTakesTheIdOfAnExpiredRowAndNeverOfALiveOne() {
    SessionRecord expired = create(store, Map.of("owner", "expired"));
    clock.advance(Duration.ofMinutes(20));
    SessionRecord moving = create(store, Map.of("owner", "moving"));
    SessionRecord live = create(store, Map.of("owner", "live"));
    clock.advance(Duration.ofMinutes(15));

    assertInstanceOf(DuplicateSessionIdException.class, awaitFailure(store.changeId(moving.id(), live.id())));
    assertEquals(2L, await(store.changeId(moving.id(), expired.id())));

    assertEquals(new JsonObject().put("owner", "moving"), raw(expired.id()).getJsonObject("attributes"));
    assertNull(raw(moving.id()));
    assertEquals(new JsonObject().put("owner", "live"), raw(live.id()).getJsonObject("attributes"));
    assertEquals(2L, rawCount());
  }

  @Test
  void anIdChangeOfAnExpiredRowLeavesItAsItWas() {
    SessionRecord created = create(store, Map.of("user", "alice"));
    clock.advance(Duration.ofMillis(IDLE));
    String newId = newId();

    assertInstanceOf(SessionGoneException.class, awaitFailure(store.changeId(created.id(), newId)));

    assertEquals(1L, raw(created.id()).getLong("version"));
    assertNull(raw(newId));
  }

  @Test
  void theSweeperDeletesExpiredRowsInBoundedBatchesAndNothingLive() {
    for (int i = 0; i < 5; i++) {
      create(store, Map.of("old", i));
    }
    clock.advance(Duration.ofMillis(IDLE));
    SessionRecord live = create(store, Map.of("live", true));

    assertEquals(2, await(store.sweep()));
    assertEquals(2, await(store.sweep()));
    assertEquals(1, await(store.sweep()));
    assertEquals(0, await(store.sweep()));

    assertEquals(5L, store.swept());
    assertEquals(1L, rawCount());
    assertEquals(Map.of("live", true), await(store.load(live.id(), 0)).data());
  }
}
