package io.github.vertxsessions.bench.micro;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The store lookup a request that carries a cookie costs before any route runs: loading the session from our local
 * store (no touch due), beside vertx-web's local lookup for scale. Only public API is measured; the cookie's
 * signature check is part of every request of the load scenarios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionLookupBenchmark {

  private static final int SESSIONS = 1_000;
  private static final long TOUCH_INTERVAL = new SessionOptions().effectiveTouchInterval().toMillis();

  private Vertx vertx;
  private LocalSessionStore store;
  private io.vertx.ext.web.sstore.LocalSessionStore vertxWebStore;
  private final String[] ids = new String[SESSIONS];
  private final String[] vertxWebIds = new String[SESSIONS];
  private int next;

  @Setup
  public void setUp() {
    vertx = Vertx.vertx();
    store = LocalSessionStore.create(vertx);
    vertxWebStore = io.vertx.ext.web.sstore.LocalSessionStore.create(vertx);
    long now = System.currentTimeMillis();
    for (int i = 0; i < SESSIONS; i++) {
      SessionDelta creation = Sessions.creation(i, now);
      ids[i] = creation.id();
      requireDone(store.save(creation));
      Session session = vertxWebStore.createSession(Sessions.IDLE_TIMEOUT.toMillis());
      session.put("user", "user-" + i);
      requireDone(vertxWebStore.put(session));
      vertxWebIds[i] = session.id();
    }
  }

  @TearDown
  public void tearDown() {
    vertx.close();
  }

  @Benchmark
  public SessionRecord load() {
    return requireDone(store.load(ids[advance()], TOUCH_INTERVAL));
  }

  @Benchmark
  public Session vertxWebLocalGet() {
    return requireDone(vertxWebStore.get(vertxWebIds[advance()]));
  }

  private int advance() {
    int i = next;
    next = i + 1 == SESSIONS ? 0 : i + 1;
    return i;
  }

  /** Both local stores answer at once; anything else would make these figures meaningless. */
  private static <T> T requireDone(Future<T> future) {
    if (!future.succeeded()) {
      throw new IllegalStateException("an in-memory store did not answer at once: " + future.cause());
    }
    return future.result();
  }
}
