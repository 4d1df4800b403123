package io.github.vertxsessions.impl;

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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The per-request work of our handler before any route runs, for a request that carries a cookie: verifying the
 * cookie's signature, then loading the session from the local store (no touch due). vertx-web's local lookup is
 * measured beside it for scale. This class sits in the core's impl package to reach the package-private
 * {@link CookieSigner} itself rather than a copy of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionLookupBenchmark {

  private static final int SESSIONS = 1_000;
  private static final long TOUCH_INTERVAL = new SessionOptions().effectiveTouchInterval().toMillis();

  private Vertx vertx;
  private CookieSigner signer;
  private LocalSessionStore store;
  private io.vertx.ext.web.sstore.LocalSessionStore vertxWebStore;
  private final String[] ids = new String[SESSIONS];
  private final String[] cookies = new String[SESSIONS];
  private final String[] vertxWebIds = new String[SESSIONS];
  private int next;

  @Setup
  public void setUp() {
    vertx = Vertx.vertx();
    signer = new CookieSigner(List.of("vertx-sessions-benchmark-secret-0123456789"));
    store = LocalSessionStore.create(vertx);
    vertxWebStore = io.vertx.ext.web.sstore.LocalSessionStore.create(vertx);
    long now = System.currentTimeMillis();
    for (int i = 0; i < SESSIONS; i++) {
      ids[i] = SessionIds.random();
      cookies[i] = signer.sign(ids[i]);
      requireDone(store.save(new SessionDelta(ids[i], true, Map.of("user", "user-" + i), Set.of(), now,
        new SessionOptions().getIdleTimeout().toMillis(), 0, -1)));
      Session session = vertxWebStore.createSession(new SessionOptions().getIdleTimeout().toMillis());
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
  public String sign() {
    return signer.sign(ids[advance()]);
  }

  @Benchmark
  public String verify() {
    return signer.verify(cookies[advance()]);
  }

  @Benchmark
  public SessionRecord verifyAndLoad() {
    String id = signer.verify(cookies[advance()]);
    return requireDone(store.load(id, TOUCH_INTERVAL));
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
