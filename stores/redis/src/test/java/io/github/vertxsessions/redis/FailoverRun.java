package io.github.vertxsessions.redis;

import ch.qos.logback.classic.Level;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application under a bounded load on loopback while a test makes a Redis master fail (kills it, or has Sentinel
 * switch away from it): a few clients, each in a loop, log in on a fresh session (an explicit {@code regenerate()},
 * answered 503 when it fails) and then change that session three times (a load and an automatic save each). It
 * records every request, so that the test can tell how long requests took during the failover, when the first one
 * succeeded again, and which acknowledged log-ins the new master holds afterwards.
 *
 * <p>On a Redis Cluster each client can be kept to one master: its sessions get IDs whose key lies in a slot of that
 * master (the test's {@code idGenerator} picks them), so that the figures of the masters that stayed up can be told
 * from those of the one that failed.
 */
final class FailoverRun implements AutoCloseable {

  /** The session handler's store timeout: a request during the failover must answer 503 within it. */
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
  /** Long past the store timeout: a request that takes this long has hung. */
  private static final int CLIENT_TIMEOUT_MILLIS = 10_000;
  private static final int CHANGES_PER_LOGIN = 3;
  private static final long BOUND_MILLIS = 30_000;
  private static final String SHARD_HEADER = "X-Shard";
  /** Any shard: the client is not kept to one master. */
  private static final int ANY = -1;

  /** One request: when it started and ended (System.nanoTime), its status (-1: no answer), the master it aimed at. */
  record Exchange(long started, long ended, int status, int shard, boolean login, String failure) {
    long millis() {
      return TimeUnit.NANOSECONDS.toMillis(ended - started);
    }
  }

  /** A log-in the application acknowledged (200): the session's ID, its user, and when the answer came. */
  record Login(String id, String user, long acknowledged) {
  }

  /**
   * The requests of some clients after the failure: their statuses, the longest, when the first that started
   * after it succeeded, in milliseconds after it (-1: none did), and what each one that failed answered.
   */
  record Requests(Map<Integer, Integer> statuses, long longestMillis, long firstSuccessMillis, List<String> failures) {
    @Override
    public String toString() {
      return statuses + ", longest " + longestMillis + " ms, first success " + firstSuccessMillis + " ms"
        + (failures.isEmpty() ? "" : ", failures " + failures.stream().distinct().limit(3).toList());
    }
  }

  /**
   * What a run measured, in milliseconds after the fault unless said otherwise; counts of log-ins acknowledged before
   * and after the fault, and of those found afterwards; when log-ins acknowledged after the fault were lost, when the
   * first and the last of them were acknowledged (else -1).
   */
  record Figures(long promotionMillis, long firstSuccessAfterFaultMillis, long firstSuccessAfterPromotionMillis,
                 long firstLoginAfterFaultMillis, long longestRequestMillis, Map<Integer, Integer> statuses,
                 int loginsBeforeFault, int loginsBeforeFaultFound, int loginsAfterFault, int loginsAfterFaultFound,
                 long firstLostMillis, long lastLostMillis, Map<Integer, Requests> byShard) {
    @Override
    public String toString() {
      return "promotion seen " + promotionMillis + " ms after the fault; first success " + firstSuccessAfterFaultMillis
        + " ms after the fault (" + firstSuccessAfterPromotionMillis + " ms after the promotion), first log-in "
        + firstLoginAfterFaultMillis + " ms after it; longest request " + longestRequestMillis + " ms; statuses "
        + statuses + "; log-ins acknowledged before the fault: " + loginsBeforeFault + ", still there: "
        + loginsBeforeFaultFound + "; after the fault: " + loginsAfterFault + ", still there: " + loginsAfterFaultFound
        + (firstLostMillis < 0 ? "" : " (the lost ones acknowledged " + firstLostMillis + " to " + lastLostMillis
        + " ms after the fault)") + (byShard.isEmpty() ? "" : "; after the fault, by master: " + byShard);
    }
  }

  private final Vertx vertx;
  private final int clients;
  private final int shards;
  private final HttpServer server;
  private final WebClient client;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final List<Login> logins = new CopyOnWriteArrayList<>();
  private final AtomicInteger users = new AtomicInteger();
  private final Map<Integer, Integer> running = new ConcurrentHashMap<>();
  private volatile boolean stopped;
  /** The master the log-in being handled wants its new ID on; read by the ID generator on the server's loop. */
  private int wantedShard = ANY;

  /** {@code clients} clients on any master. */
  FailoverRun(Vertx vertx, SessionStore store, int clients) throws Exception {
    this(vertx, store, clients, id -> ANY, 0);
  }

  /**
   * {@code clients} clients, client {@code k} kept to master {@code k % shards}, which {@code shardOf} tells from a
   * session ID.
   */
  FailoverRun(Vertx vertx, SessionStore store, int clients, ToIntFunction<String> shardOf, int shards)
    throws Exception {
    this.vertx = vertx;
    this.clients = clients;
    this.shards = shards;
    SecureRandom random = new SecureRandom();
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions()
      .setSecrets(List.of(CounterApp.SECRET)).setStoreTimeout(STORE_TIMEOUT)
      .setIdGenerator(() -> {
        while (true) {
          byte[] bytes = new byte[32];
          random.nextBytes(bytes);
          String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
          if (wantedShard == ANY || shardOf.applyAsInt(id) == wantedShard) {
            return id;
          }
        }
      })));
    router.get("/login/:user").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      session.put("user", ctx.pathParam("user"));
      wantedShard = Integer.parseInt(ctx.request().getHeader(SHARD_HEADER));
      Future<Void> regenerated;
      try {
        regenerated = session.regenerate();
      } finally {
        wantedShard = ANY;
      }
      regenerated.onComplete(ar -> {
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
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, SECONDS);
    client = WebClient.create(vertx, new WebClientOptions());
  }

  /**
   * What the warnings a failover provokes say, each telling of the fault: the store giving up a connection
   * that failed, the handler's failed loads and automatic saves (and their summaries), and a change of ID that a
   * write timeout left uncertain, moved back. A line outside these, or any ERROR, is a defect the run revealed.
   */
  private static final List<String> FAILOVER_WARNINGS = List.of("Redis connection failed (",
    "Session store unavailable: loading sessions ", "Automatic session saves ",
    "its change of ID was applied after the write timeout");

  /**
   * Asserts that what the library logged during a run, captured by {@code log}, is only what a failover provokes
   * (see {@link #FAILOVER_WARNINGS}): no ERROR, and no other warning.
   */
  static void assertOnlyFailoverWarnings(LogCapture log, Figures figures) {
    List<String> unexpected = log.events().stream()
      .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
      .filter(e -> e.getLevel() != Level.WARN
        || FAILOVER_WARNINGS.stream().noneMatch(start -> e.getFormattedMessage().contains(start)))
      .map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage())
      .toList();
    assertTrue(unexpected.isEmpty(), "lines no failover explains: " + unexpected + "; " + figures);
  }

  /**
   * Runs the load until a first log-in is acknowledged (the connections are open) and then for {@code warmUpMillis},
   * then {@code fault}, waits (boundedly) until {@code promoted} says a
   * replica took over and until a log-in succeeds again, runs {@code afterMillis} more, and stops the load.
   * The store {@code reader} gives, asked once the load has stopped, then looks for every acknowledged log-in.
   */
  Figures failAndRecover(long warmUpMillis, Runnable fault, BooleanSupplier promoted, long afterMillis,
                         Supplier<SessionStore> reader) throws Exception {
    for (int i = 0; i < clients; i++) {
      int worker = i;
      vertx.runOnContext(v -> next(worker, null, 0));
    }
    // a cold JVM on a loaded machine may take longer than the warm-up to connect: acknowledged log-ins before the
    // fault are what the test compares with after it
    waitFor(() -> !logins.isEmpty(), "a first log-in");
    pause(warmUpMillis);
    fault.run();
    // from the moment the fault is done (the process dead, or the switch ordered): what ran before answered as usual
    long failed = System.nanoTime();
    long promotion = waitFor(promoted, "a promoted replica");
    waitFor(() -> firstSince(failed, e -> e.login() && e.status() == 200) > 0, "a log-in after the fault");
    pause(afterMillis);
    stopped = true;
    waitFor(running::isEmpty, "the clients to stop");

    long firstSuccess = firstSince(failed, e -> e.status() == 200);
    long firstLogin = firstSince(failed, e -> e.login() && e.status() == 200);
    List<Exchange> afterFault = exchanges.stream().filter(e -> e.ended() >= failed).toList();
    Map<Integer, Integer> statuses = new TreeMap<>();
    exchanges.forEach(e -> statuses.merge(e.status(), 1, Integer::sum));
    Map<Integer, Requests> byShard = new TreeMap<>();
    for (int shard = 0; shard < shards; shard++) {
      int of = shard;
      byShard.put(shard, requests(afterFault.stream().filter(e -> e.shard() == of).toList(), failed));
    }
    List<Login> before = logins.stream().filter(l -> l.acknowledged() < failed).toList();
    List<Login> after = logins.stream().filter(l -> l.acknowledged() >= failed).toList();
    SessionStore store = reader.get();
    List<Login> lost = missing(store, after);
    return new Figures(millis(promotion - failed), millis(firstSuccess - failed),
      millis(Math.max(0, firstSuccess - promotion)), millis(firstLogin - failed),
      requests(afterFault, failed).longestMillis(), statuses, before.size(), before.size() - missing(store, before).size(),
      after.size(), after.size() - lost.size(),
      lost.stream().mapToLong(l -> millis(l.acknowledged() - failed)).min().orElse(-1),
      lost.stream().mapToLong(l -> millis(l.acknowledged() - failed)).max().orElse(-1), byShard);
  }

  private static Requests requests(List<Exchange> exchanges, long failed) {
    Map<Integer, Integer> statuses = new TreeMap<>();
    exchanges.forEach(e -> statuses.merge(e.status(), 1, Integer::sum));
    return new Requests(statuses, exchanges.stream().mapToLong(Exchange::millis).max().orElse(0),
      exchanges.stream().filter(e -> e.started() >= failed && e.status() == 200)
        .mapToLong(e -> millis(e.ended() - failed)).min().orElse(-1),
      exchanges.stream().map(Exchange::failure).filter(java.util.Objects::nonNull).toList());
  }

  /** Those of these log-ins that the store no longer holds with their user. */
  private static List<Login> missing(SessionStore reader, List<Login> logins) throws Exception {
    List<Future<SessionRecord>> loads = new ArrayList<>();
    logins.forEach(login -> loads.add(reader.load(login.id(), Long.MAX_VALUE)));
    Future.join(loads).await(10, SECONDS);
    List<Login> missing = new ArrayList<>();
    for (int i = 0; i < logins.size(); i++) {
      SessionRecord record = loads.get(i).result();
      if (record == null || !logins.get(i).user().equals(record.data().get("user"))) {
        missing.add(logins.get(i));
      }
    }
    return missing;
  }

  /** When the first request started at or after {@code nanos} that {@code matching} accepts ended; 0 if none. */
  private long firstSince(long nanos, Predicate<Exchange> matching) {
    return exchanges.stream().filter(e -> e.started() >= nanos && matching.test(e)).mapToLong(Exchange::ended).min()
      .orElse(0);
  }

  /** One step of a client: a log-in on a fresh session every {@value #CHANGES_PER_LOGIN} changes. */
  private void next(int worker, String cookie, int step) {
    if (stopped) {
      running.remove(worker);
      return;
    }
    running.put(worker, step);
    int shard = shards == 0 ? ANY : worker % shards;
    boolean login = cookie == null || step % (CHANGES_PER_LOGIN + 1) == 0;
    String user = "user-" + users.incrementAndGet();
    HttpRequest<Buffer> request = client.get(server.actualPort(), "127.0.0.1", login ? "/login/" + user : "/count")
      .timeout(CLIENT_TIMEOUT_MILLIS);
    if (login) {
      request.putHeader(SHARD_HEADER, Integer.toString(shard));
    } else {
      request.putHeader("Cookie", cookie);
    }
    long started = System.nanoTime();
    request.send().onComplete(ar -> {
      long ended = System.nanoTime();
      int status = ar.succeeded() ? ar.result().statusCode() : -1;
      String failure = status == 200 ? null : ar.succeeded() ? ar.result().bodyAsString() : ar.cause().toString();
      exchanges.add(new Exchange(started, ended, status, shard, login, failure));
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
    eventually(Duration.ofMillis(BOUND_MILLIS), what, condition);
    return System.nanoTime();
  }

  /** Lets the load run for {@code millis}: a span of the run, not a wait for an outcome. */
  private void pause(long millis) throws Exception {
    vertx.timer(millis).await(millis + 10_000, TimeUnit.MILLISECONDS);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  @Override
  public void close() throws Exception {
    stopped = true;
    client.close();
    server.close().await(10, SECONDS);
  }
}
