package io.github.vertxsessions.spi.support;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.testkit.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One batch in flight, the count of what was removed, and a failing server said once each way. */
class SweepBatchesTest {

  private static final String LOGGER = "sweep-batches-test";

  @Test
  void aBatchAskedForWhileOneIsInFlightJoinsIt() {
    SweepBatches batches = new SweepBatches(LoggerFactory.getLogger(LOGGER), "table 't'");
    Promise<Integer> first = Promise.promise();
    AtomicInteger started = new AtomicInteger();

    Future<Integer> a = batches.run(() -> {
      started.incrementAndGet();
      return first.future();
    });
    Future<Integer> b = batches.run(() -> {
      started.incrementAndGet();
      return Future.succeededFuture(99);
    });
    first.complete(7);

    assertSame(a, b);
    assertEquals(1, started.get());
    assertEquals(7, batches.swept());
    assertEquals(3, (int) batches.run(() -> Future.succeededFuture(3)).result(), "the next one runs");
    assertEquals(10, batches.swept());
  }

  @Test
  void aFailingServerIsLoggedWhenItStartsFailingAndWhenItWorksAgain() {
    try (LogCapture log = LogCapture.of(LOGGER)) {
      SweepBatches batches = new SweepBatches(LoggerFactory.getLogger(LOGGER), "collection 'c'");
      for (int i = 0; i < 5; i++) {
        batches.run(() -> Future.failedFuture(new VertxException("connection refused", true)));
      }
      batches.run(() -> Future.succeededFuture(2));
      batches.run(() -> Future.succeededFuture(1));

      assertEquals(2, log.events().size(), log.events().toString());
      assertEquals(Level.WARN, log.events().get(0).getLevel());
      assertTrue(log.events().get(0).getFormattedMessage().contains("collection 'c' failed")
        && log.events().get(0).getFormattedMessage().contains("connection refused"));
      assertEquals("Sweeping expired sessions from collection 'c' works again",
        log.events().get(1).getFormattedMessage());
      assertEquals(3, batches.swept());
    }
  }
}
