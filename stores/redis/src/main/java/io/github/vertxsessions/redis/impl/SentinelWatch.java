package io.github.vertxsessions.redis.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the Sentinels say about the master, asked of each of them directly, for a store whose client reaches Redis
 * through them.
 *
 * <p>A client that only asks the Sentinels where the master is when it connects keeps its connections to the old
 * master after a switch as long as that master runs: one that Sentinel switched away from while it was alive (a manual
 * {@code SENTINEL FAILOVER}, or a spurious one on a loaded machine) goes on accepting writes, and its remaining
 * replicas confirm them, until the Sentinels make it a replica seconds later and it throws all of that away. So the
 * watch does three things:
 * <ul>
 *   <li>it subscribes to {@code +switch-master} on every Sentinel and tells the store at once, which drops its
 *   connections (each Sentinel announces the switch when it learns it, the one that ran the failover only at its
 *   end);</li>
 *   <li>{@link #verify} checks that a new connection's node is the master the Sentinels name, since the client may
 *   still hand out a connection to the old master from its cached view;</li>
 *   <li>{@link #confirm} tells whether a write that replicas confirmed (WAIT) on a node can be reported as safe:
 *   only if, asked after the confirmation, a majority of the Sentinels answer, all name that node, and none is
 *   running a failover. The Sentinel that runs a failover marks it in progress before it promotes the replica, and
 *   until it has moved the other replicas, so a write confirmed on a master being switched away from is never
 *   reported as safe, even in the second or so before the Sentinels name the new master.</li>
 * </ul>
 * A node is told by its run ID ({@code INFO server}), which the watch reads from the address the Sentinels name over
 * a client of its own (built, as the Sentinel client builds its master's, from a Sentinel's endpoint with that host
 * and port): the run ID the Sentinels themselves report stays empty for seconds after a switch, and an address the
 * node could report about itself would differ from the announced one behind NAT.
 */
final class SentinelWatch {

  private static final Logger LOG = LoggerFactory.getLogger(SentinelWatch.class);
  static final String SWITCH_CHANNEL = "+switch-master";
  private static final long RESUBSCRIBE_MILLIS = 1000;

  /** One Sentinel's view: the master's address ("host:port", the promoted replica's once it is promoted) and flags. */
  record View(String address, String flags) {
    boolean failingOver() {
      return flags.contains("failover_in_progress");
    }
  }

  private final Vertx vertx;
  private final RedisOptions options;
  private final String masterName;
  /** How long a Sentinel may take to answer whether a write's master still stands. */
  private final Rounds confirming;
  /** How long a Sentinel, or a master asked its run ID, may take to answer for a new connection. */
  private final Rounds connecting;
  private final long connectMillis;
  private final List<Redis> sentinels = new ArrayList<>();
  private final List<RedisConnection> subscriptions = new ArrayList<>();
  /** A client per master address the Sentinels named, to read its run ID. */
  private final Map<String, Redis> masters = new ConcurrentHashMap<>();
  /** The run ID read at each address; read again when it does not match (the node there restarted). */
  private final Map<String, Future<String>> runIds = new ConcurrentHashMap<>();
  private Consumer<String> onSwitch = runId -> { };
  private boolean closed;
  /** Where the last announced switch went ("ip port"): each Sentinel announces it, the store drops connections once. */
  private String switchedTo;

  /**
   * @param options      the application's Sentinel client options: the Sentinels' endpoints, the master's name, and
   *                     how to connect (credentials, TLS); each Sentinel gets a client of its own built from them
   * @param confirmMillis how long a Sentinel may take to answer after a write's WAIT: the replica ack timeout,
   *                      since the write waits for it
   * @param connectMillis how long a Sentinel, or a master asked its run ID, may take to answer for a new
   *                      connection: the command timeout, which bounds the connection's opening anyway (a first
   *                      question opens a connection, slow on a loaded machine)
   */
  SentinelWatch(Vertx vertx, RedisOptions options, long confirmMillis, long connectMillis) {
    this.vertx = vertx;
    this.options = options;
    this.masterName = Objects.requireNonNull(options.getMasterName(), "the Sentinel options name no master");
    this.confirming = new Rounds(confirmMillis);
    this.connecting = new Rounds(connectMillis);
    this.connectMillis = connectMillis;
    for (String endpoint : options.getEndpoints()) {
      sentinels.add(client(endpoint));
    }
  }

  /**
   * Subscribes to the switches of every Sentinel. {@code onSwitch} is told of each switch of the master: with null
   * when a Sentinel announces it (whatever node the store's connections are on, they go), with a node's run ID when a
   * round shows that node is no longer the one they name.
   */
  void start(Consumer<String> onSwitch) {
    this.onSwitch = onSwitch;
    sentinels.forEach(this::subscribe);
  }

  /**
   * Succeeds when the address named by most of the Sentinels that answer (more than half of them) holds the node of
   * {@code runId}; fails otherwise, saying why.
   */
  Future<Void> verify(String runId) {
    return connecting.next().compose(views -> {
      String named = views.stream().map(View::address).distinct()
        .filter(address -> 2 * views.stream().filter(view -> view.address().equals(address)).count() > views.size())
        .findFirst().orElse(null);
      if (named == null) {
        return Future.failedFuture("the Sentinels that answered do not agree on a master: " + views);
      }
      return isAt(named, runId).compose(here -> here ? Future.succeededFuture()
        : Future.failedFuture("the Sentinels name " + named + " as master '" + masterName
          + "', another node than this one"));
    });
  }

  /**
   * Succeeds when a majority of the Sentinels answer, none is failing the master over, and all name the address
   * that holds the node of {@code runId}; fails otherwise, saying why. A round in which they all name another node is
   * taken as a switch, as if announced.
   */
  Future<Void> confirm(String runId) {
    return confirming.next().compose(views -> {
      if (views.size() <= sentinels.size() / 2) {
        return Future.failedFuture("only " + views.size() + " of the " + sentinels.size()
          + " Sentinels answered, not a majority");
      }
      if (views.stream().anyMatch(View::failingOver)) {
        return Future.failedFuture("a Sentinel is failing over master '" + masterName + "'");
      }
      List<String> named = views.stream().map(View::address).distinct().toList();
      if (named.size() > 1) {
        return Future.failedFuture("the Sentinels do not agree on master '" + masterName + "': " + views);
      }
      return isAt(named.get(0), runId).compose(here -> {
        if (here) {
          return Future.succeededFuture();
        }
        switched(runId, "the Sentinels name " + named.get(0) + ", not the node that took a write");
        return Future.failedFuture("the Sentinels name " + named.get(0) + " as master '" + masterName
          + "', not the node that took the write");
      });
    });
  }

  /** Whether the node at {@code address} has {@code runId}; read again once when the run ID known there differs. */
  private Future<Boolean> isAt(String address, String runId) {
    return runIdAt(address).compose(known -> {
      if (known.equals(runId)) {
        return Future.succeededFuture(true);
      }
      runIds.remove(address);
      return runIdAt(address).map(runId::equals);
    }, err -> {
      runIds.remove(address);
      return Future.failedFuture("cannot read the run ID of the master at " + address + ": " + err.getMessage());
    });
  }

  private Future<String> runIdAt(String address) {
    return runIds.computeIfAbsent(address, at -> {
      Redis master = masters.computeIfAbsent(at, this::masterClient);
      return bounded(master.send(Request.cmd(Command.INFO).arg("server")), connectMillis).map(SentinelWatch::runId);
    });
  }

  /** The {@code run_id} line of INFO server: what tells one Redis process from another. */
  static String runId(Response info) {
    for (String line : info.toString().split("\r?\n")) {
      if (line.startsWith("run_id:")) {
        return line.substring("run_id:".length()).trim();
      }
    }
    throw new IllegalStateException("INFO server named no run_id");
  }

  /** A client of the master at {@code address}: a Sentinel's endpoint (scheme, credentials, database) there. */
  private Redis masterClient(String address) {
    URI sentinel = URI.create(options.getEndpoints().get(0));
    int colon = address.lastIndexOf(':');
    try {
      return client(new URI(sentinel.getScheme(), sentinel.getRawUserInfo(), address.substring(0, colon),
        Integer.parseInt(address.substring(colon + 1)), sentinel.getRawPath(), null, null).toString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("The Sentinels named a master at an address no URI holds: " + address, e);
    }
  }

  private Redis client(String endpoint) {
    return Redis.createClient(vertx, new RedisOptions(options).setType(RedisClientType.STANDALONE)
      .setEndpoints(new ArrayList<>(List.of(endpoint))));
  }

  Future<Void> close() {
    List<RedisConnection> open;
    synchronized (this) {
      closed = true;
      open = new ArrayList<>(subscriptions);
      subscriptions.clear();
    }
    List<Future<Void>> closing = new ArrayList<>();
    open.forEach(connection -> closing.add(connection.close()));
    sentinels.forEach(sentinel -> closing.add(sentinel.close()));
    masters.values().forEach(master -> closing.add(master.close()));
    return Future.join(closing).mapEmpty();
  }

  /**
   * Rounds of questions to every Sentinel, each given {@code answerMillis}: a question asked while a round is out
   * joins the next one, which is asked once for all of them when that round is answered.
   */
  private final class Rounds {

    private final long answerMillis;
    /** The round not asked yet, which the next questions join; null when none waits. */
    private Promise<List<View>> waiting;
    private boolean asking;

    Rounds(long answerMillis) {
      this.answerMillis = answerMillis;
    }

    /** The views of every Sentinel that answers in time, asked after this call. */
    Future<List<View>> next() {
      Future<List<View>> views;
      synchronized (this) {
        if (waiting == null) {
          waiting = Promise.promise();
        }
        views = waiting.future();
        if (asking) {
          return views;
        }
        asking = true;
      }
      ask();
      return views;
    }

    /** Asks the round waiting now; when it is answered, the next one if questions came meanwhile. */
    private void ask() {
      Promise<List<View>> round;
      synchronized (this) {
        round = waiting;
        waiting = null;
      }
      List<Future<View>> answers = new ArrayList<>(sentinels.size());
      sentinels.forEach(sentinel -> answers.add(askOne(sentinel, answerMillis)));
      Future.join(answers).onComplete(done -> {
        List<View> views = new ArrayList<>();
        answers.stream().filter(Future::succeeded).forEach(answer -> views.add(answer.result()));
        round.complete(views);
        synchronized (this) {
          asking = waiting != null;
          if (!asking) {
            return;
          }
        }
        ask();
      });
    }
  }

  private Future<View> askOne(Redis sentinel, long answerMillis) {
    // where clients are sent now (the promoted replica as soon as the switch is decided), and the state it is in
    return bounded(sentinel.batch(List.of(
        Request.cmd(Command.SENTINEL).arg("GET-MASTER-ADDR-BY-NAME").arg(masterName),
        Request.cmd(Command.SENTINEL).arg("MASTER").arg(masterName))), answerMillis)
      .map(replies -> {
        Response address = replies.get(0);
        // a map under RESP3, a flat name/value array under RESP2: get(name) reads both
        Response flags = replies.get(1).get("flags");
        return new View(address.get(0) + ":" + address.get(1), flags == null ? "" : flags.toString());
      });
  }

  /** {@code answer}, or a failure once {@code answerMillis} are up. */
  private <T> Future<T> bounded(Future<T> answer, long answerMillis) {
    Promise<T> bounded = Promise.promise();
    long timer = vertx.setTimer(answerMillis, t -> bounded.tryFail("no answer within " + answerMillis + " ms"));
    answer.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        bounded.tryComplete(ar.result());
      } else {
        bounded.tryFail(ar.cause());
      }
    });
    return bounded.future();
  }

  private void subscribe(Redis sentinel) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    sentinel.connect().onFailure(err -> resubscribe(sentinel, null, err.toString())).onSuccess(connection -> {
      synchronized (this) {
        if (closed) {
          connection.close();
          return;
        }
        subscriptions.add(connection);
      }
      connection.handler(this::onMessage);
      connection.exceptionHandler(err -> resubscribe(sentinel, connection, err.toString()));
      connection.endHandler(v -> resubscribe(sentinel, connection, "connection closed"));
      connection.send(Request.cmd(Command.SUBSCRIBE).arg(SWITCH_CHANNEL))
        .onFailure(err -> resubscribe(sentinel, connection, err.toString()));
    });
  }

  /** A lost subscription is opened again a second later: a switch announced meanwhile is seen by the others. */
  private void resubscribe(Redis sentinel, RedisConnection lost, String why) {
    synchronized (this) {
      if (closed || lost != null && !subscriptions.remove(lost)) {
        return;
      }
    }
    LOG.debug("Lost the subscription to a Sentinel's switches ({}); subscribing again in {} ms", why,
      RESUBSCRIBE_MILLIS);
    if (lost != null) {
      lost.close();
    }
    vertx.setTimer(RESUBSCRIBE_MILLIS, t -> subscribe(sentinel));
  }

  private void onMessage(Response message) {
    // ["message", "+switch-master", "<name> <old ip> <old port> <new ip> <new port>"]
    if ((message.type() == ResponseType.MULTI || message.type() == ResponseType.PUSH) && message.size() >= 3
      && "message".equals(message.get(0).toString()) && SWITCH_CHANNEL.equals(message.get(1).toString())
      && message.get(2).toString().startsWith(masterName + " ")) {
      String[] words = message.get(2).toString().split(" ");
      String to = words[words.length - 2] + " " + words[words.length - 1];
      synchronized (this) {
        if (to.equals(switchedTo)) {
          return;
        }
        switchedTo = to;
      }
      switched(null, "+switch-master " + message.get(2));
    }
  }

  private void switched(String staleRunId, String why) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    LOG.info("Redis master '{}' switched ({}); the store drops its connections to the old one", masterName, why);
    onSwitch.accept(staleRunId);
  }
}
