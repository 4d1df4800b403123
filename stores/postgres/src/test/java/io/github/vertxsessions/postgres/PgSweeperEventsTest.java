package io.github.vertxsessions.postgres;

import io.github.vertxsessions.postgres.impl.PgSessionStoreImpl;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.SessionMonitor;
import io.github.vertxsessions.testkit.EventRecorder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.concurrent.TimeUnit.SECONDS;

/** The sweeper publishes each row it deletes as expired, once, with its principal, even with two sweepers at once. */
class PgSweeperEventsTest extends PgStoreTestBase {

  private static final String ADDRESS = "sessions.events";

  @Test
  void twoSweepersPublishEachExpiredSessionOnce(VertxTestContext test) throws Exception {
    SessionMonitor.of(vertx).publishTo(ADDRESS);
    EventRecorder events = EventRecorder.on(vertx, ADDRESS);
    events.expect(test, "expired", 20);
    PgSessionStoreImpl first = open(options().setSweepBatchSize(50));
    PgSessionStoreImpl second = open(options().setSweepBatchSize(50));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long now = clock.millis();
      String id = newId();
      first.save(SessionDelta.creationOf(SessionRecord.builder(id).data(Map.of("secret", "value")).version(1)
        .createdAt(now).idleTimeout(IDLE).owner(new SessionOwner(i % 2 == 0 ? "alice" : null, null)).build())).await(10, SECONDS);
      ids.add(id);
    }
    clock.advance(Duration.ofMillis(IDLE));

    int removed = Future.all(first.sweep(), second.sweep())
      .map(both -> both.<Integer>resultAt(0) + both.<Integer>resultAt(1)).await(10, SECONDS);

    assertEquals(20, removed, "each row deleted by one of the two");
    assertTrue(test.awaitCompletion(10, SECONDS), "20 'expired' events, received: " + events.ofType("expired").size());
    List<JsonObject> expired = events.ofType("expired");
    assertEquals(ids.stream().map(SessionRecord::redact).sorted().toList(),
      expired.stream().map(e -> e.getString("session")).sorted().toList());
    assertEquals(10, expired.stream().filter(e -> "alice".equals(e.getString("principal"))).count());
    assertTrue(expired.stream().allMatch(e -> "postgres".equals(e.getString("store"))));
    assertTrue(expired.stream().noneMatch(e -> e.encode().contains("value")));
    events.close();
  }
}
