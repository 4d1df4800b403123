package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.LogCapture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loads one context asks for in one turn of its event loop go to Redis together, and each still gets its own
 * answer, on its own context, in the order its context asked.
 */
class RedisCoalescedReadsTest extends OneRedisPerClass {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();
  /** No load below is due a touch, so each is a plain HGETALL. */
  private static final long NEVER_DUE = Long.MAX_VALUE;

  private Vertx vertx;
  private SessionStore store;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    store = RedisSessionStore.create(vertx, Redis.createClient(vertx, server.connectionString()));
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close().await(10, SECONDS);
  }

  /**
   * 200 loads asked for in one turn reach Redis in a few reads of its socket: one per batch of at most 64, where
   * one command per write made 200 reads likely on a quiet machine and dozens on a busy one.
   */
  @Test
  void theLoadsOfOneTurnReachRedisInAFewReads() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(create(Map.of("n", i)));
    }
    long readsBefore = redisReads();

    List<SessionRecord> loaded = inOneTurn(vertx.getOrCreateContext(), () -> loadAll(ids));

    long reads = redisReads() - readsBefore;
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(Map.of("n", i), loaded.get(i).data(), "each load gets its own session");
    }
    assertTrue(reads <= 20, "Redis read its socket " + reads + " times for 200 loads");
  }

  /** A key of another type among them fails the client's batch as a whole: every other load is still answered. */
  @Test
  void aKeyOfAnotherTypeAmongTheLoadsSpoilsOnlyItsOwn() throws Exception {
    List<String> ids = List.of(create(Map.of("n", 1)), newId(), create(Map.of("n", 3)));
    admin.call("SET", RedisStoreOptions.DEFAULT_KEY_PREFIX + ids.get(1), "not a hash");

    try (LogCapture log = LogCapture.of(RedisSessionStore.class)) {
      List<SessionRecord> loaded = inOneTurn(vertx.getOrCreateContext(), () -> loadAll(ids));

      assertEquals(Map.of("n", 1), loaded.get(0).data());
      assertNull(loaded.get(1), "unreadable, so missing");
      assertEquals(Map.of("n", 3), loaded.get(2).data());
      log.assertEveryWarningIs(Level.WARN, "not a hash");
      assertEquals(1, log.warnings().size(), log.warnings().toString());
    }
  }

  /** A load asked for before a delete, in the same turn, reads the session: it is sent first. */
  @Test
  void aLoadAskedForBeforeADeleteOfTheSameTurnReadsTheSession() throws Exception {
    String id = create(Map.of("n", 1));

    SessionRecord loaded = inOneTurn(vertx.getOrCreateContext(), () -> {
      Future<SessionRecord> load = store.load(id, NEVER_DUE);
      return store.delete(id, true).compose(v -> load);
    });

    assertNotNull(loaded, "sent before the delete");
    assertNull(store.load(id, NEVER_DUE).await(10, SECONDS), "and deleted after it");
  }

  /**
   * Two requests' loads in one turn share a batch, yet each answer comes on the context that asked: the duplicated
   * context Vert.x gives each HTTP request.
   */
  @Test
  void eachLoadIsAnsweredOnTheContextThatAskedForIt() throws Exception {
    String first = create(Map.of("n", 1));
    String second = create(Map.of("n", 2));
    ContextInternal eventLoop = (ContextInternal) vertx.getOrCreateContext();
    ContextInternal requestA = eventLoop.duplicate();
    ContextInternal requestB = eventLoop.duplicate();
    List<Context> answeredOn = new ArrayList<>(List.of(eventLoop, eventLoop));

    inOneTurn(eventLoop, () -> {
      Promise<Void> a = Promise.promise();
      Promise<Void> b = Promise.promise();
      requestA.emit(v -> store.load(first, NEVER_DUE).onComplete(ar -> {
        answeredOn.set(0, Vertx.currentContext());
        a.handle(ar.mapEmpty());
      }));
      requestB.emit(v -> store.load(second, NEVER_DUE).onComplete(ar -> {
        answeredOn.set(1, Vertx.currentContext());
        b.handle(ar.mapEmpty());
      }));
      return Future.all(a.future(), b.future());
    });

    assertSame(requestA, answeredOn.get(0));
    assertSame(requestB, answeredOn.get(1));
  }

  private Future<List<SessionRecord>> loadAll(List<String> ids) {
    List<Future<SessionRecord>> loads = ids.stream().map(id -> store.load(id, NEVER_DUE)).toList();
    return Future.join(loads).map(all -> loads.stream().map(Future::result).toList());
  }

  /** Runs {@code work} in one task of {@code context}, so everything it asks for is asked in one turn. */
  private static <T> T inOneTurn(Context context, Supplier<Future<T>> work) throws Exception {
    Promise<T> outcome = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(outcome));
    return outcome.future().await(10, SECONDS);
  }

  private long redisReads() {
    String stats = admin.call("INFO", "stats").toString();
    for (String line : stats.split("\r\n")) {
      if (line.startsWith("total_reads_processed:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new AssertionError("no total_reads_processed in INFO stats");
  }

  private String create(Map<String, Object> data) throws Exception {
    String id = newId();
    store.save(SessionDelta.creationOf(SessionRecord.builder(id).data(data).createdAt(System.currentTimeMillis())
      .idleTimeout(IDLE).build())).await(10, SECONDS);
    return id;
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
