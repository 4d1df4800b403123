package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.redis.ReplicaAckException;
import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The confirmation that replicas hold an explicit write: {@code WAIT replicas timeout} sent in one batch with the
 * write's script (see {@link LuaScript#write}), so that it runs right after the write on the link that carried it:
 * Redis counts the replicas that hold every write of that link so far, and a WAIT on another link (a connection
 * replaced in between) would confirm at once a write it never saw. In Cluster the batch goes to the master of the
 * script's keys, so each write waits for the replicas of its own shard only, and carries {@code CLUSTER MYID} to
 * tell which node ran it.
 *
 * <p>A WAIT holds its link until the replicas answer or the timeout passes, and Redis runs nothing else of that link
 * meanwhile: writes to a master short of replicas (all of them down, or a promoted replica that has none yet) would
 * queue one whole timeout each behind one another. So only one write per master at a time waits the whole timeout;
 * a write sent while that one is out asks with a timeout of {@value #QUICK_MILLIS} ms, which confirms it when the
 * replicas already hold it (on a healthy master they mostly do by the time it runs) without holding the link. One
 * that this does not confirm waits for the full WAIT out: when that comes back short, the master is short of replicas
 * and the write fails at once; when it comes back confirmed, one more full WAIT on the same link (and, in Cluster,
 * the same node) confirms every write that waited for it. So a write waits at most about two timeouts, however many
 * are sent. In Cluster, which master serves which slots comes from CLUSTER SLOTS, read at the first explicit write
 * and again at most every {@value #SLOTS_REFRESH_MILLIS} ms; a write whose master is not known yet waits the whole
 * timeout on its own.
 *
 * <p>Through Sentinel, with a {@link SentinelWatch}, replicas confirming a write is not enough: a master the
 * Sentinels are switching away from keeps replicas that confirm its writes until they are moved to the new master,
 * which does not have them. The write is reported as confirmed only once the Sentinels, asked after the WAIT, still
 * name the node that ran it and are not failing it over.
 */
final class ReplicaAcks {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaAcks.class);
  /** The WAIT timeout of a write sent while another write to its master waits the whole timeout. */
  static final long QUICK_MILLIS = 1;
  /** As often as the client refreshes its own slot table by default. */
  static final long SLOTS_REFRESH_MILLIS = 1000;
  /** The one master outside Cluster. */
  private static final String THE_MASTER = "";
  /** Writes nothing and so replicates nothing; its key takes a follow-up WAIT to the key's master. */
  private static final String ROUTE = "return 0";

  /** A write's WAIT: its request, the write's first key, its master (null: not known), whether it is the full one. */
  record Wait(Request request, String key, String master, boolean full) {
  }

  /** A write that its quick WAIT did not confirm, waiting for the next full WAIT on its link and node. */
  private record Deferred(String key, Object link, String node, Promise<Void> confirmed) {
  }

  /** What the store knows of one master's replicas. */
  private static final class Master {
    /** Whether a write there waits the whole timeout now. */
    boolean fullOut;
    /** Whether the last full WAIT there came back short. */
    boolean shortOf;
    List<Deferred> deferred = new ArrayList<>();
  }

  private final Vertx vertx;
  private final SharedConnection connection;
  private final boolean cluster;
  private final int replicas;
  private final long timeoutMillis;
  /** Null unless the store asks the Sentinels about its master itself. */
  private final SentinelWatch sentinels;
  private final Map<String, Master> masters = new ConcurrentHashMap<>();
  /** Cluster: the slot table as last read, and when (System.nanoTime); null until first read. */
  private volatile SlotTable slots;
  private volatile long slotsRead;
  private final AtomicBoolean readingSlots = new AtomicBoolean();

  ReplicaAcks(Vertx vertx, SharedConnection connection, boolean cluster, int replicas, long timeoutMillis,
              SentinelWatch sentinels) {
    this.vertx = vertx;
    this.connection = connection;
    this.cluster = cluster;
    this.replicas = replicas;
    this.timeoutMillis = timeoutMillis;
    this.sentinels = sentinels;
  }

  /** The WAIT that follows a write on {@code keys} in its batch. */
  Wait waitFor(List<String> keys) {
    String key = keys.get(0);
    String master = masterOf(key);
    if (master != null) {
      Master known = masters.computeIfAbsent(master, m -> new Master());
      synchronized (known) {
        if (known.fullOut) {
          return new Wait(waitRequest(QUICK_MILLIS), key, master, false);
        }
        known.fullOut = true;
      }
    }
    return new Wait(waitRequest(timeoutMillis), key, master, true);
  }

  /** The batch of a write and its WAIT (and, in Cluster, what names the node that runs them). */
  List<Request> batch(Request write, Wait wait) {
    return cluster ? List.of(write, wait.request(), Request.cmd(Command.CLUSTER).arg("MYID"))
      : List.of(write, wait.request());
  }

  /** The batch of {@code wait} failed: a full WAIT it was is no longer out, and what waited for it tries its own. */
  void abandon(Wait wait) {
    if (wait.full()) {
      fullCame(wait.master(), null);
    }
  }

  /**
   * What the WAIT of {@code wait}, whose batch got {@code batch}, says: completes once enough replicas of the node
   * that ran the write hold it, fails with {@link ReplicaAckException} otherwise. Called for every WAIT as it comes
   * back, whether its write needs confirming or not, since it may be the full WAIT others wait for.
   */
  Future<Void> replicas(Wait wait, SharedConnection.Replies batch) {
    int confirmed = batch.replies().get(1).toInteger();
    boolean enough = confirmed >= replicas;
    Future<Void> held;
    if (enough) {
      held = Future.succeededFuture();
    } else if (wait.full()) {
      held = Future.failedFuture(new ReplicaAckException(confirmed, replicas, timeoutMillis));
    } else {
      held = waitForFull(wait, batch);
    }
    if (wait.full()) {
      fullCame(wait.master(), !enough);
    }
    return held;
  }

  /**
   * Through Sentinel, whether the Sentinels, asked now, still stand behind the node that ran {@code batch}, whose
   * replicas confirmed its write; at once otherwise.
   */
  Future<Void> standsBehind(SharedConnection.Replies batch) {
    if (sentinels == null) {
      return Future.succeededFuture();
    }
    int confirmed = batch.replies().get(1).toInteger();
    // the Sentinels answer on their own clients' threads; each is given the ack timeout, and a round may wait for
    // the one before it
    return CallerContext.within(vertx.getOrCreateContext(), sentinels.confirm(batch.runId()), 2 * timeoutMillis,
        "Sentinel")
      .recover(why -> Future.failedFuture(new ReplicaAckException(confirmed, replicas, "the replicas confirmed the "
        + "write, but the Sentinels could not be shown to stand behind the master that took it (" + why.getMessage()
        + "); it may be lost with that master")));
  }

  /** A quick WAIT came back short: the write waits for the full WAIT out there, or fails if the master is short. */
  private Future<Void> waitForFull(Wait wait, SharedConnection.Replies batch) {
    Master known = masters.get(wait.master());
    Deferred deferred = new Deferred(wait.key(), batch.link(), node(batch), Promise.promise());
    // completed by whichever write's WAIT comes back; the full one out, then the follow-up, each within the timeout
    Future<Void> confirmed = CallerContext.within(vertx.getOrCreateContext(), deferred.confirmed().future(),
      3 * timeoutMillis, "Redis");
    List<Deferred> waiting;
    synchronized (known) {
      if (known.fullOut) {
        known.deferred.add(deferred);
        return confirmed;
      }
      if (known.shortOf) {
        return Future.failedFuture(shortOf());
      }
      // the full WAIT came back confirmed after this write was sent: one more, for it and any others
      known.fullOut = true;
      known.deferred.add(deferred);
      waiting = known.deferred;
      known.deferred = new ArrayList<>();
    }
    followUp(wait.master(), waiting);
    return confirmed;
  }

  /**
   * The full WAIT out to {@code master} came back ({@code shortOf}: whether short; null when its batch failed, which
   * says nothing of the replicas): the writes that waited for it fail when it came back short, and are otherwise
   * confirmed by one more full WAIT on their link.
   */
  private void fullCame(String master, Boolean shortOf) {
    if (master == null) {
      return;
    }
    Master known = masters.get(master);
    List<Deferred> waiting;
    boolean failing;
    synchronized (known) {
      known.fullOut = false;
      if (shortOf != null) {
        known.shortOf = shortOf;
      }
      if (known.deferred.isEmpty()) {
        return;
      }
      waiting = known.deferred;
      known.deferred = new ArrayList<>();
      failing = known.shortOf;
      known.fullOut = !failing;
    }
    if (failing) {
      waiting.forEach(write -> write.confirmed().fail(shortOf()));
    } else {
      followUp(master, waiting);
    }
  }

  /** One full WAIT on the link of the last of {@code waiting} confirms it and every write there before it. */
  private void followUp(String master, List<Deferred> waiting) {
    Deferred last = waiting.get(waiting.size() - 1);
    List<Request> requests = new ArrayList<>(List.of(Request.cmd(Command.EVAL).arg(ROUTE).arg(1).arg(last.key()),
      waitRequest(timeoutMillis)));
    if (cluster) {
      requests.add(Request.cmd(Command.CLUSTER).arg("MYID"));
    }
    connection.batchOn(last.link(), requests).onComplete(ar -> {
      boolean enough = ar.succeeded() && ar.result().replies().get(1).toInteger() >= replicas;
      for (Deferred write : waiting) {
        if (write.link() != last.link() || ar.failed() && ar.cause() instanceof SharedConnection.Replaced
          || ar.succeeded() && !Objects.equals(write.node(), node(ar.result()))) {
          write.confirmed().fail(new ReplicaAckException(0, replicas, "the write's connection to Redis was replaced "
            + "before its replicas could confirm it; the write is on the primary and may survive"));
        } else if (ar.failed()) {
          write.confirmed().fail(ar.cause());
        } else if (enough) {
          write.confirmed().complete();
        } else {
          write.confirmed().fail(new ReplicaAckException(ar.result().replies().get(1).toInteger(), replicas,
            timeoutMillis));
        }
      }
      fullCame(master, ar.succeeded() ? !enough : null);
    });
  }

  private ReplicaAckException shortOf() {
    return new ReplicaAckException(0, replicas, "the master's replicas did not confirm the last write that waited "
      + timeoutMillis + " ms for them, nor this one at once; the write is on the primary and may survive, but would "
      + "be lost if the primary failed before a replica had it");
  }

  /** In Cluster the ID of the node that ran the batch, else null. */
  private String node(SharedConnection.Replies batch) {
    return cluster ? batch.replies().get(batch.replies().size() - 1).toString() : null;
  }

  private Request waitRequest(long timeout) {
    return Request.cmd(Command.WAIT).arg(replicas).arg(timeout);
  }

  /** The master of {@code key}: outside Cluster the one; in Cluster per the slot table, null before it is read. */
  private String masterOf(String key) {
    if (!cluster) {
      return THE_MASTER;
    }
    SlotTable table = slots;
    if (table == null || System.nanoTime() - slotsRead > TimeUnit.MILLISECONDS.toNanos(SLOTS_REFRESH_MILLIS)) {
      readSlots();
    }
    return table == null ? null : table.masterOf(key);
  }

  /** Reads the slot table in the background, one reading at a time; a failed reading keeps the table as it was. */
  private void readSlots() {
    if (!readingSlots.compareAndSet(false, true)) {
      return;
    }
    connection.send(Request.cmd(Command.CLUSTER).arg("SLOTS"))
      .onSuccess(reply -> {
        slots = new SlotTable(reply);
        slotsRead = System.nanoTime();
      })
      .onFailure(err -> LOG.debug("Cannot read the Redis cluster's slot table: {}", err.toString()))
      .onComplete(ar -> readingSlots.set(false));
  }
}
