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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Map<String, Future<Void>> gates = new ConcurrentHashMap<>();
  private final Map<String, Integer> hangingCalls = new ConcurrentHashMap<>();

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

  /**
   * Answers every call of the named operations {@code millis} later, whatever its outcome (a failure set with
   * {@link #failWith} too), as a store across a network does; 0 stops that.
   */
  public RecordingStore delay(long millis, String... operations) {
    for (String op : operations) {
      delays.put(op, millis);
    }
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

  /**
   * Holds every call of {@code operation} from now on until the returned promise completes; then they reach the real
   * store, as a write that takes as long as a test needs.
   */
  public Promise<Void> gate(String operation) {
    Promise<Void> gate = Promise.promise();
    gates.put(operation, gate.future());
    gate.future().onComplete(ar -> gates.remove(operation, gate.future()));
    return gate;
  }

  /** Never completes the next {@code count} calls of {@code operation}; the calls after them go through. */
  public RecordingStore hangNext(String operation, int count) {
    hangingCalls.put(operation, count);
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

  /** The delegate's, recorded as {@code changeId}, and in {@link #writeKinds()} as an explicit write. */
  @Override
  public Future<Long> changeId(String oldId, String newId) {
    recordExplicit("changeId", true);
    return call("changeId", saveDelayMillis, () -> delegate.changeId(oldId, newId));
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

  /** Whether this call of {@code op} is one of those {@link #hangNext} asked to hang, counting it if so. */
  private boolean takesAHang(String op) {
    boolean[] hangs = {false};
    hangingCalls.computeIfPresent(op, (name, left) -> {
      hangs[0] = true;
      return left > 1 ? left - 1 : null;
    });
    return hangs[0];
  }

  private <T> Future<T> call(String op, long delayMillis, java.util.function.Supplier<Future<T>> real) {
    calls.add(op);
    long delay = delays.getOrDefault(op, 0L);
    if (delay <= 0) {
      return answer(op, delayMillis, real);
    }
    Promise<T> promise = Promise.promise();
    vertx.setTimer(delay, t -> answer(op, delayMillis, real).onComplete(promise));
    return promise.future();
  }

  private <T> Future<T> answer(String op, long delayMillis, java.util.function.Supplier<Future<T>> real) {
    if (hanging.test(op) || takesAHang(op)) {
      return Promise.<T>promise().future();
    }
    Throwable error = failure.apply(op);
    if (error != null) {
      return Future.failedFuture(error);
    }
    Throwable lost = lostAnswer.apply(op);
    java.util.function.Supplier<Future<T>> answered = lost == null ? real
      : () -> real.get().transform(ar -> Future.failedFuture(lost));
    Future<Void> gate = gates.get(op);
    if (gate != null) {
      return gate.compose(v -> answered.get());
    }
    if (delayMillis <= 0) {
      return answered.get();
    }
    Promise<T> promise = Promise.promise();
    vertx.setTimer(delayMillis, t -> answered.get().onComplete(promise));
    return promise.future();
  }
}
