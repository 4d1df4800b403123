package io.github.vertxsessions.impl;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionObserver;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.LogCapture;
import io.github.vertxsessions.testkit.RecordingStore;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store side of a session, without HTTP: a session of a handler's runtime over a recording local store, driven on
 * an event loop as a route drives it, while the test changes the store under it as another request or node would.
 * Each test pins down what the application and the store see when a write meets a session that is gone, a failed or
 * uncertain change of ID, or a creation that failed.
 */
@ExtendWith(VertxExtension.class)
class SessionWriterTest {

  /**
   * The write timeout of these sessions. No test waits for it unless it says so: a write that never answers (a
   * defect) fails after it, as a timeout, which the tests tell from the outcomes they expect.
   */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
  /** How long a test waits for what a write set off; many write timeouts. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private Vertx vertx;
  private Context context;
  private RecordingStore store;
  private HandlerRuntime runtime;
  private final List<String> lateSavesRefused = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    context = vertx.getOrCreateContext();
    TestClock clock = new TestClock();
    store = new RecordingStore(vertx, LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock)));
    runtime = runtimeWithWriteTimeout(WRITE_TIMEOUT);
    SessionObserver.add(vertx, new SessionObserver() {
      @Override
      public void onLateSaveRefused(String store) {
        lateSavesRefused.add(store);
      }
    });
  }

  private HandlerRuntime runtimeWithWriteTimeout(Duration writeTimeout) {
    return HandlerRuntime.of(vertx, store, new SessionOptions().setWriteTimeout(writeTimeout));
  }

  /**
   * Runs {@code operation} on the sessions' event loop, as a route does; the outcome is awaited on the test thread. An
   * operation that throws, or returns no future, fails it at once.
   */
  private <T> Future<T> on(Supplier<Future<T>> operation) {
    Promise<T> outcome = Promise.promise();
    context.runOnContext(v -> {
      try {
        operation.get().onComplete(outcome);
      } catch (RuntimeException e) {
        outcome.fail(e);
      }
    });
    return outcome.future();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(10, SECONDS);
  }

  /** The failure {@code future} ends with; fails the test if it succeeds. */
  private static Throwable failureOf(Future<?> future) throws Exception {
    AsyncResult<?> outcome = future.<AsyncResult<?>>transform(Future::succeededFuture).await(10, SECONDS);
    assertTrue(outcome.failed(), "expected a failure, got " + outcome.result());
    return outcome.cause();
  }

  /** A session stored with {@code name = value}, as the next request of its client loads it. */
  private SessionImpl storedSession(HandlerRuntime runtime, String name, Object value) throws Exception {
    String id = await(on(() -> {
      SessionImpl created = SessionImpl.fresh(runtime);
      created.put(name, value);
      return created.save().map(v -> created.id());
    }));
    SessionRecord record = stored(id);
    return await(on(() -> Future.succeededFuture(SessionImpl.loaded(runtime, record))));
  }

  private SessionImpl storedSession(String name, Object value) throws Exception {
    return storedSession(runtime, name, value);
  }

  /** What the store holds under {@code id} now; null when nothing. */
  private SessionRecord stored(String id) throws Exception {
    return await(store.delegate().load(id, Long.MAX_VALUE));
  }

  private String idOf(Session session) throws Exception {
    return await(on(() -> Future.succeededFuture(session.id())));
  }

  private boolean isDestroyed(Session session) throws Exception {
    return await(on(() -> Future.succeededFuture(session.isDestroyed())));
  }

  @Test
  void aSessionMadeOffAnyEventLoopWritesThroughAContextOfItsOwn() throws Exception {
    SessionImpl session = SessionImpl.fresh(runtime);
    session.put("user", "alice");

    await(session.save());

    assertEquals("alice", stored(session.id()).data().get("user"));
  }

  @Test
  void aSaveThatFindsTheSessionGoneDestroysItAndTellsTheObservers() throws Exception {
    SessionImpl session = storedSession("cart", "3");
    await(store.delegate().delete(idOf(session))); // a log-out in another tab, or a revocation

    Throwable failure = failureOf(on(() -> session.put("cart", "4").save()));

    assertInstanceOf(SessionGoneException.class, failure);
    assertTrue(isDestroyed(session), "the session is not written back");
    assertEquals(List.of(store.type()), lateSavesRefused);
  }

  @Test
  void anIdChangeThatFindsTheSessionGoneDestroysIt() throws Exception {
    SessionImpl session = storedSession("cart", "3");
    String oldId = idOf(session);
    await(store.delegate().delete(oldId));

    Throwable failure = failureOf(on(() -> session.put("user", "alice").regenerate()));

    assertInstanceOf(SessionGoneException.class, failure);
    assertTrue(isDestroyed(session), "no session comes back through regenerate()");
    Throwable next = failureOf(on(session::save));
    assertTrue(next.getMessage().contains("destroyed or revoked"), next.getMessage());
    assertNull(stored(oldId));
    assertNull(stored(idOf(session)));
  }

  @Test
  void theChangesOfAnIdChangeThatFindTheSessionGoneUnderItsNewIdDestroyIt() throws Exception {
    SessionImpl session = storedSession("cart", "3");
    store.resetCalls();
    Promise<Void> changesHeld = store.gate("save");
    Future<Void> login = on(() -> session.put("user", "alice").regenerate());
    eventually(PATIENCE, "the move done, and the save of the changes under way",
      () -> store.calls().contains("save"));
    String newId = idOf(session);
    await(store.delegate().delete(newId)); // revoked between the two writes

    context.runOnContext(v -> changesHeld.complete());

    assertInstanceOf(SessionGoneException.class, failureOf(login));
    assertTrue(isDestroyed(session), "the session is not written back under its new ID");
    assertEquals(List.of(store.type()), lateSavesRefused);
    assertNull(stored(newId));
  }

  @Test
  void anIdChangeWhoseAnswerWasLostStaysWhereTheStoreMovedItAndItsChangesAreSavedNextTime() throws Exception {
    SessionImpl session = storedSession("cart", "3");
    String oldId = idOf(session);
    store.loseAnswersWith(new IllegalStateException("the reply was lost"), "changeId");

    Throwable failure = failureOf(on(() -> session.put("user", "alice").regenerate()));
    store.loseAnswersWith(null);

    assertEquals("the reply was lost", failure.getMessage(), "the caller learns the store's own failure at once");
    String newId = idOf(session);
    assertNotEquals(oldId, newId, "the session follows the move the store made");
    assertNull(stored(oldId));
    assertEquals("3", stored(newId).data().get("cart"));
    assertNull(stored(newId).data().get("user"), "the changes meant for the new ID are not saved yet");

    await(on(session::save));

    assertEquals("alice", stored(newId).data().get("user"), "a later save writes the changes the failure kept");
  }

  @Test
  void anIdChangeAppliedAfterTheWriteTimeoutIsMovedBackAndHoldsTheSessionNoLonger() throws Exception {
    moveAppliedAfterTheWriteTimeout(false);
  }

  @Test
  void anIdChangeAppliedAfterTheWriteTimeoutWithItsAnswerLostIsMovedBackToo() throws Exception {
    moveAppliedAfterTheWriteTimeout(true);
  }

  /**
   * A change of ID that the store applies only after the caller was told it timed out goes back to the old ID, which
   * the cookie kept; once it is back, the session's next request does not wait for that write any longer.
   *
   * @param answerLost whether the store's answer to the late move is lost too, so that only a load finds it
   */
  private void moveAppliedAfterTheWriteTimeout(boolean answerLost) throws Exception {
    Duration writeTimeout = Duration.ofMillis(500);
    SessionImpl session = storedSession(runtimeWithWriteTimeout(writeTimeout), "cart", "3");
    String oldId = idOf(session);
    store.resetCalls();
    try (LogCapture log = LogCapture.of(Session.class.getPackageName())) {
      Promise<Void> slowMove = store.gate("changeId");
      if (answerLost) {
        store.loseAnswersWith(new IllegalStateException("the reply was lost"), "changeId");
        // the load that looks for the session answers later, as a store across a network does
        store.delay(50, "load");
      }
      Future<Void> login = on(() -> session.put("user", "alice").regenerate());
      eventually(PATIENCE, "the move under way", () -> store.calls().contains("changeId"));
      store.loseAnswersWith(null); // the move back is answered

      assertInstanceOf(TimeoutException.class, failureOf(login));
      assertEquals(oldId, idOf(session), "the session keeps its old ID, and the cookie with it");
      context.runOnContext(v -> slowMove.complete());

      String moveBack = log.awaitLine(Level.WARN, "applied after the write timeout", PATIENCE);
      assertTrue(moveBack.contains("moving it back"), moveBack);
      eventually(PATIENCE, "the session back under its old ID", () -> storedOrNull(oldId) != null);
      assertEquals("3", stored(oldId).data().get("cart"));
      assertNull(stored(oldId).data().get("user"));
      // a write is given up on after 10 write timeouts at the latest: this one ended with its move back
      runtime.writes().settled(oldId, context).await(5 * writeTimeout.toMillis(), MILLISECONDS);
      assertEquals(List.of(), log.lines(Level.ERROR), "the move back succeeded");
    }
  }

  private SessionRecord storedOrNull(String id) {
    try {
      return stored(id);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void destroyingASessionNeverSavedSucceedsWithoutAStoreCall() throws Exception {
    SessionImpl session = await(on(() -> Future.succeededFuture(SessionImpl.fresh(runtime))));

    await(on(() -> session.put("cart", "3").destroy()));

    assertTrue(isDestroyed(session));
    assertEquals(List.of(), store.calls());
  }

  @Test
  void aDestroyQueuedBehindAFailedIdChangeDeletesTheSessionWhereItStayed() throws Exception {
    SessionImpl session = storedSession("cart", "3");
    String oldId = idOf(session);
    // the store refuses the move, after the route has already asked for the destroy
    store.delay(100, "changeId").failWith(new IllegalStateException("store down"), "changeId");

    List<Future<Void>> writes = await(on(() -> Future.succeededFuture(List.of(
      session.put("user", "alice").regenerate(), session.destroy()))));

    assertEquals("store down", failureOf(writes.get(0)).getMessage());
    await(writes.get(1));
    assertNull(stored(oldId), "the destroy deleted the session under the ID it kept");
    assertTrue(isDestroyed(session));
  }

  /** The creation of a new session fails after the writes behind it were asked for: those fail, saying why. */
  @Test
  void writesQueuedBehindAFailedCreationFailSayingItIsNotStored() throws Exception {
    store.delay(100, "save").failWith(new IllegalStateException("store down"), "save");
    SessionImpl session = await(on(() -> Future.succeededFuture(SessionImpl.fresh(runtime))));

    // asked for at once, as one route does, so that all of them are queued before the store answers
    List<Future<Void>> writes = await(on(() -> Future.succeededFuture(List.of(session.put("cart", "3").save(),
      session.put("cart", "4").save(), session.reload(), session.put("user", "alice").regenerate()))));

    assertEquals("store down", failureOf(writes.get(0)).getMessage());
    Throwable changeFailure = failureOf(writes.get(1));
    assertInstanceOf(IllegalStateException.class, changeFailure);
    assertTrue(changeFailure.getMessage().contains("creation failed"), changeFailure.getMessage());
    Throwable reloadFailure = failureOf(writes.get(2));
    assertInstanceOf(IllegalStateException.class, reloadFailure);
    assertTrue(reloadFailure.getMessage().contains("Only a stored session can be reloaded"),
      reloadFailure.getMessage());
    Throwable loginFailure = failureOf(writes.get(3));
    assertInstanceOf(IllegalStateException.class, loginFailure);
    assertTrue(loginFailure.getMessage().contains("creation failed"), loginFailure.getMessage());
    assertEquals(List.of("save"), store.calls(), "only the creation reached the store");
    assertFalse(isDestroyed(session), "a later save may still create it");
  }
}
