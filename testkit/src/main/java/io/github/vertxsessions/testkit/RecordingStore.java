package io.github.vertxsessions.testkit;

import io.github.vertxsessions.spi.IndexedSessionStore;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real store with a recorder in front: it lists the calls the handler makes, and can delay, fail or hold them,
 * so tests see exactly what reaches the store.
 */
public class RecordingStore implements IndexedSessionStore {

  private final Vertx vertx;
  private final SessionStore delegate;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<String> writeKinds = new CopyOnWriteArrayList<>();
  private volatile long loadDelayMillis;
  private volatile long saveDelayMillis;
  private volatile Function<String, Throwable> failure = op -> null;
  private volatile Predicate<String> hanging = op -> false;
  private volatile Function<String, Throwable> lostAnswer = op -> null;

  public RecordingStore(Vertx vertx, SessionStore delegate) {
    this.vertx = vertx;
    this.delegate = delegate;
  }

  /** Operation names in order: load, save, touch, delete, count, clear. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /**
   * Each save and delete in order, as {@code save} or {@code delete} when the application asked for it
   * ({@link SessionDelta#explicit()}, {@link SessionStore#delete(String, boolean)}) and {@code auto save} or
   * {@code auto delete} otherwise.
   */
  public List<String> writeKinds() {
    return List.copyOf(writeKinds);
  }

  public void resetCalls() {
    calls.clear();
    writeKinds.clear();
  }

  public RecordingStore delayLoads(long millis) {
    loadDelayMillis = millis;
    return this;
  }

  public RecordingStore delaySaves(long millis) {
    saveDelayMillis = millis;
    return this;
  }

  /** Fails the named operations (all of them if none is named) with {@code error}; null stops failing. */
  public RecordingStore failWith(Throwable error, String... operations) {
    List<String> failing = List.of(operations);
    failure = op -> failing.isEmpty() || failing.contains(op) ? error : null;
    return this;
  }

  /**
   * Runs the named operations on the real store, then reports {@code error} instead of their outcome, as when a reply
   * is lost on its way back (a timeout, a closed connection) or replicas did not confirm; null stops that.
   */
  public RecordingStore loseAnswersWith(Throwable error, String... operations) {
    List<String> losing = List.of(operations);
    lostAnswer = op -> error != null && (losing.isEmpty() || losing.contains(op)) ? error : null;
    return this;
  }

  /** Never completes any call from now on (true), or stops that (false). */
  public RecordingStore hang(boolean hang) {
    hanging = op -> hang;
    return this;
  }

  /** Never completes the named operations from now on; the others go through. */
  public RecordingStore hangOnly(String... operations) {
    List<String> hung = List.of(operations);
    hanging = hung::contains;
    return this;
  }

  public SessionStore delegate() {
    return delegate;
  }

  @Override
  public Future<SessionRecord> load(String id, long touchInterval) {
    return call("load", loadDelayMillis, () -> delegate.load(id, touchInterval));
  }

  /** The delegate's, recorded as {@code save}, and in {@link #writeKinds()} when the delta is explicit. */
  @Override
  public Future<Long> save(SessionDelta delta) {
    recordExplicit("save", delta.explicit());
    return call("save", saveDelayMillis, () -> delegate.save(delta));
  }

  @Override
  public Future<Void> touch(String id) {
    return call("touch", 0, () -> delegate.touch(id));
  }

  @Override
  public Future<Void> delete(String id) {
    recordExplicit("delete", false);
    return call("delete", 0, () -> delegate.delete(id));
  }

  /** The delegate's, recorded as {@code delete}, and in {@link #writeKinds()} when explicit. */
  @Override
  public Future<Void> delete(String id, boolean explicit) {
    recordExplicit("delete", explicit);
    return call("delete", 0, () -> delegate.delete(id, explicit));
  }

  /** The delegate's, recorded as {@code findByPrincipal}; fails when the delegate has no index. */
  @Override
  public Future<List<SessionRecord>> findByPrincipal(String principal) {
    if (!(delegate instanceof IndexedSessionStore indexed)) {
      return Future.failedFuture(new IllegalStateException(delegate.getClass().getName() + " has no index"));
    }
    return call("findByPrincipal", 0, () -> indexed.findByPrincipal(principal));
  }

  @Override
  public Future<Long> count() {
    return delegate.count();
  }

  @Override
  public Future<Void> clear() {
    return delegate.clear();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  @Override
  public Clock clock() {
    return delegate.clock();
  }

  @Override
  public String type() {
    return delegate.type();
  }

  private void recordExplicit(String op, boolean explicit) {
    writeKinds.add(explicit ? op : "auto " + op);
  }

  private <T> Future<T> call(String op, long delayMillis, java.util.function.Supplier<Future<T>> real) {
    calls.add(op);
    if (hanging.test(op)) {
      return Promise.<T>promise().future();
    }
    Throwable error = failure.apply(op);
    if (error != null) {
      return Future.failedFuture(error);
    }
    Throwable lost = lostAnswer.apply(op);
    java.util.function.Supplier<Future<T>> answered = lost == null ? real
      : () -> real.get().transform(ar -> Future.failedFuture(lost));
    if (delayMillis <= 0) {
      return answered.get();
    }
    Promise<T> promise = Promise.promise();
    vertx.setTimer(delayMillis, t -> answered.get().onComplete(promise));
    return promise.future();
  }
}
