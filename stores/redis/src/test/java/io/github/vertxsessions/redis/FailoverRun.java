package io.github.vertxsessions.redis;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.github.vertxsessions.testkit.Await.await;

/**
 * An application under a bounded load on loopback while a test kills a Redis master: a few clients, each in a loop,
 * log in on a fresh session (an explicit {@code regenerate()}, answered 503 when it fails) and then change that
 * session three times (automatic saves). It records every request, so that the test can tell how long requests took
 * during the failover, when the first one succeeded again, and which log-ins acknowledged before the kill are still
 * in Redis afterwards.
 */
final class FailoverRun implements AutoCloseable {

  /** The session handler's store timeout: a request during the failover must answer 503 within it. */
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
  /** Long past the store timeout: a request that takes this long has hung. */
  private static final int CLIENT_TIMEOUT_MILLIS = 10_000;
  private static final int CLIENTS = 4;
  private static final int CHANGES_PER_LOGIN = 3;
  private static final long BOUND_MILLIS = 30_000;
  private static final long POLL_MILLIS = 20;

  /** One request: when it started and ended (System.nanoTime), and its status (-1: no answer). */
  record Exchange(long started, long ended, int status) {
    long millis() {
      return TimeUnit.NANOSECONDS.toMillis(ended - started);
    }
  }

  /** A log-in the application acknowledged (200): the session's ID, its user, and when the answer came. */
  record Login(String id, String user, long acknowledged) {
  }

  /** What a run measured, in milliseconds; counts of log-ins acknowledged before the kill and found afterwards. */
  record Figures(long promotionMillis, long firstSuccessAfterKillMillis, long firstSuccessAfterPromotionMillis,
                 long longestRequestMillis, Map<Integer, Integer> statuses, int loginsBeforeKill,
                 int loginsBeforeKillFound, int loginsAfterKill, int loginsAfterKillFound) {
    @Override
    public String toString() {
      return "promotion seen " + promotionMillis + " ms after the kill; first success " + firstSuccessAfterKillMillis
        + " ms after the kill (" + firstSuccessAfterPromotionMillis + " ms after the promotion); longest request "
        + longestRequestMillis + " ms; statuses " + statuses + "; log-ins acknowledged before the kill: "
        + loginsBeforeKill + ", still there: " + loginsBeforeKillFound + "; after the kill: " + loginsAfterKill
        + ", still there: " + loginsAfterKillFound;
    }
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final WebClient client;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final List<Login> logins = new CopyOnWriteArrayList<>();
  private final AtomicInteger users = new AtomicInteger();
  private final Map<Integer, Integer> running = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  FailoverRun(Vertx vertx, SessionStore store) {
    this.vertx = vertx;
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions()
      .setSecrets(List.of(CounterApp.SECRET)).setStoreTimeout(STORE_TIMEOUT)));
    router.get("/login/:user").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      session.put("user", ctx.pathParam("user"));
      session.regenerate().onComplete(ar -> {
        if (ar.succeeded()) {
          ctx.response().end(session.id());
        } else {
          ctx.response().setStatusCode(503).end(ar.cause().toString());
        }
      });
    });
    router.get("/count").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      Number n = session.get("n");
      session.put("n", n == null ? 1 : n.intValue() + 1);
      ctx.response().end();
    });
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx, new WebClientOptions());
  }

  /** Starts the clients. */
  void start() {
    for (int i = 0; i < CLIENTS; i++) {
      int worker = i;
      vertx.runOnContext(v -> next(worker, null, 0));
    }
  }

  /**
   * Runs the load for {@code warmUpMillis}, then {@code kill}, waits (boundedly) until {@code promoted} says a replica
   * took over and until a request succeeds again, runs {@code afterMillis} more, and stops the load.
   */
  Figures killAndRecover(long warmUpMillis, Runnable kill, BooleanSupplier promoted, long afterMillis,
                         SessionStore reader) {
    start();
    pause(warmUpMillis);
    kill.run();
    // from the moment the process is dead: what ran before it answered as usual
    long killed = System.nanoTime();
    long promotion = waitFor(promoted, "a promoted replica");
    long firstSuccess = waitFor(() -> firstSuccessSince(killed) > 0, "a success after the kill");
    pause(afterMillis);
    stopped = true;
    waitFor(running::isEmpty, "the clients to stop");

    firstSuccess = firstSuccessSince(killed);
    long longest = exchanges.stream().filter(e -> e.ended() >= killed).mapToLong(Exchange::millis).max().orElse(0);
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    exchanges.forEach(e -> statuses.merge(e.status(), 1, Integer::sum));
    List<Login> before = logins.stream().filter(l -> l.acknowledged() < killed).toList();
    List<Login> after = logins.stream().filter(l -> l.acknowledged() >= killed).toList();
    return new Figures(millis(promotion - killed), millis(firstSuccess - killed),
      millis(Math.max(0, firstSuccess - promotion)), longest, statuses, before.size(), found(reader, before),
      after.size(), found(reader, after));
  }

  /** How many of these log-ins the store still holds, with their user. */
  private static int found(SessionStore reader, List<Login> logins) {
    List<Future<SessionRecord>> loads = new ArrayList<>();
    logins.forEach(login -> loads.add(reader.load(login.id(), Long.MAX_VALUE)));
    await(Future.join(loads));
    int found = 0;
    for (int i = 0; i < logins.size(); i++) {
      SessionRecord record = loads.get(i).result();
      if (record != null && logins.get(i).user().equals(record.data().get("user"))) {
        found++;
      }
    }
    return found;
  }

  private long firstSuccessSince(long nanos) {
    return exchanges.stream().filter(e -> e.started() >= nanos && e.status() == 200).mapToLong(Exchange::ended).min()
      .orElse(0);
  }

  /** One step of a client: a log-in on a fresh session every {@value #CHANGES_PER_LOGIN} changes. */
  private void next(int worker, String cookie, int step) {
    if (stopped) {
      running.remove(worker);
      return;
    }
    running.put(worker, step);
    boolean login = cookie == null || step % (CHANGES_PER_LOGIN + 1) == 0;
    String user = "user-" + users.incrementAndGet();
    HttpRequest<Buffer> request = client.get(server.actualPort(), "127.0.0.1", login ? "/login/" + user : "/count")
      .timeout(CLIENT_TIMEOUT_MILLIS);
    if (!login) {
      request.putHeader("Cookie", cookie);
    }
    long started = System.nanoTime();
    request.send().onComplete(ar -> {
      long ended = System.nanoTime();
      int status = ar.succeeded() ? ar.result().statusCode() : -1;
      exchanges.add(new Exchange(started, ended, status));
      String nextCookie = cookie;
      if (login && status == 200) {
        nextCookie = CounterApp.sessionCookie(ar.result());
        logins.add(new Login(ar.result().bodyAsString(), user, ended));
      } else if (login) {
        nextCookie = null;
      }
      String carried = nextCookie;
      // a failed request waits a little, as a user would, instead of spinning on a Redis that refuses
      long delay = status == 200 ? 0 : 50;
      if (delay == 0) {
        next(worker, carried, step + 1);
      } else {
        vertx.setTimer(delay, t -> next(worker, carried, step + 1));
      }
    });
  }

  private static long waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No " + what + " within " + BOUND_MILLIS + " ms");
      }
      pause(POLL_MILLIS);
    }
    return System.nanoTime();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  @Override
  public void close() {
    stopped = true;
    client.close();
    await(server.close());
  }
}
