package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.spi.RequestNotSentException;
import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One connection that carries every command of a store, pipelined.
 *
 * <p>Why not {@code redis.send(...)} per command: that borrows a pooled connection for each command, and with the
 * client's default pool (6 connections, 24 waiters) a burst of concurrent requests overflows the pool's wait queue
 * and fails. A single pipelined connection queues thousands of commands instead, and Redis runs them one at a time
 * anyway.
 *
 * <p>The client fails commands past its per-connection waiting queue ({@code maxWaitingHandlers}), so at most
 * {@code maxInFlight} commands are on the connection at once and the rest wait here, in order: a burst is slowed
 * down, never dropped. Every reply, queueing included, is bounded by the command timeout and delivered on the
 * caller's context. A command whose timeout comes before it was sent (it waited behind the limit, or for a connection
 * being opened) is dropped and fails with a {@link RequestNotSentException} as its timeout's cause: the caller knows
 * it was not applied. Once sent, a command that times out may have been, and its timeout says nothing more.
 *
 * <p>Loads go out together: the reads one context asks for in one turn of its event loop are sent as one batch at
 * the end of that turn ({@link CoalescedReads}), which spares Redis a system call or two per command; any other
 * command of that context sends them first, so the order of one context's commands is kept.
 *
 * <p>When the connection ends or fails, when a command on it fails with anything but an error reply from Redis, or
 * when Redis answers that the node is a replica now ({@code READONLY}), it is replaced, so the store recovers by
 * itself when Redis comes back:
 * <ul>
 *   <li>to one server (standalone, Sentinel) at once: the next command opens (or borrows) another. Through
 *   Sentinel, when the store has a {@link SentinelWatch}, a new connection is used only once the Sentinels name its
 *   node as master, since the client may still hand out its cached old master; and the watch drops the connection
 *   ({@link #drop}) as soon as a Sentinel announces a switch.</li>
 *   <li>to a cluster in the background, keeping the connection in use meanwhile: it holds a link per node, and the
 *   failure of one node must not cut the others off. The client opens a cluster connection only when it reaches
 *   every node the cluster lists, so the replacement is tried again every {@value #RENEW_MILLIS} ms until the
 *   cluster has promoted a replica of the dead master; meanwhile the old connection serves the other masters as
 *   before, fails commands for the dead one at once, and follows the promoted replica by itself once the client's
 *   slot table names it.</li>
 * </ul>
 */
final class SharedConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SharedConnection.class);
  /**
   * How often a cluster connection that lost a node tries to open its replacement: a failed attempt costs one
   * connection refused and one borrowed from the pool per live node, and the cluster takes about its node timeout
   * (a second or more) to promote a replica.
   */
  static final long RENEW_MILLIS = 250;

  /** A connection as opened: the node's run ID when a {@link SentinelWatch} checked it, else null. */
  private record Opened(RedisConnection connection, String runId) {
  }

  /**
   * The replies of a batch; the run ID of the node that ran it (null without a {@link SentinelWatch}); and the
   * connection it ran on, for {@link #batchOn} to send more on that same connection.
   */
  record Replies(List<Response> replies, String runId, Object link) {
  }

  private final Vertx vertx;
  private final Redis redis;
  private final long timeoutMillis;
  private final int maxInFlight;
  private final boolean cluster;
  /** Null unless the store asks the Sentinels about its master itself. */
  private final SentinelWatch sentinels;
  /** Null in a cluster, whose client sends a batch to one node only. */
  private final CoalescedReads reads;
  /** Commands sent and not answered yet: a batch counts each of its commands. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<Queued> backlog = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Future<Opened>> current = new AtomicReference<>();
  /** Cluster only: whether a replacement of the current connection is being opened. */
  private final AtomicBoolean renewing = new AtomicBoolean();
  private volatile boolean closed;

  SharedConnection(Vertx vertx, Redis redis, long timeoutMillis, int maxInFlight, boolean cluster,
                   SentinelWatch sentinels) {
    this.vertx = vertx;
    this.redis = redis;
    this.timeoutMillis = timeoutMillis;
    this.maxInFlight = maxInFlight;
    this.cluster = cluster;
    this.sentinels = sentinels;
    this.reads = cluster ? null : new CoalescedReads(this, maxInFlight);
  }

  /** A command waiting for its turn, and how many commands it sends. */
  private record Queued(Runnable start, int commands) {
  }

  Future<Response> send(Request request) {
    return submit(opened -> opened.connection().send(request), 1);
  }

  /**
   * Sends {@code request}, which must only read: with the other reads asked for in the same turn of the caller's
   * event loop, in one write ({@link CoalescedReads}), except in a cluster.
   */
  Future<Response> read(Request request) {
    return reads == null ? send(request) : reads.read(request);
  }

  /** Sends {@code requests}, reads only, together; for {@link CoalescedReads}. */
  Future<List<Response>> readBatch(List<Request> requests) {
    return submit(opened -> opened.connection().batch(requests), requests.size());
  }

  /**
   * Sends {@code requests} together, in order, on one link: a cluster client sends them all to the master of their
   * keys' slot, so a keyless command among them (WAIT) goes where the others go, and runs on the same link as they.
   */
  Future<List<Response>> batch(List<Request> requests) {
    return submit(opened -> opened.connection().batch(requests), requests.size());
  }

  /** {@link #batch}, with the run ID of the node that ran it and the connection it ran on. */
  Future<Replies> batchOnNode(List<Request> requests) {
    return submit(opened -> opened.connection().batch(requests)
      .map(replies -> new Replies(replies, opened.runId(), opened)), requests.size());
  }

  /**
   * {@link #batch} on the connection {@code link} names (see {@link Replies#link()}), which must still be the one in
   * use: fails, sending nothing, when it was replaced meanwhile.
   */
  Future<Replies> batchOn(Object link, List<Request> requests) {
    return submit(opened -> opened != link
      ? Future.failedFuture(new Replaced())
      : opened.connection().batch(requests).map(replies -> new Replies(replies, opened.runId(), opened)),
      requests.size());
  }

  /** What {@link #batchOn} fails with when its connection was replaced: says nothing of the one in use. */
  static final class Replaced extends IllegalStateException {
    Replaced() {
      super("The Redis connection was replaced", null);
    }
  }

  /**
   * Drops the connection at once when it is on the node of {@code runId}, or on any node when that is null (the
   * master switched); the next command opens another.
   */
  void drop(String runId, String why) {
    Future<Opened> connection = current.get();
    if (connection != null && (runId == null || connection.succeeded() && runId.equals(connection.result().runId()))) {
      replace(connection, why);
    }
  }

  private <T> Future<T> submit(Function<Opened, Future<T>> command, int commands) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("The Redis session store is closed"));
    }
    Context caller = vertx.getOrCreateContext();
    if (reads != null) {
      reads.flush(Vertx.currentContext()); // the reads this context asked for earlier go first
    }
    Promise<T> reply = Promise.promise();
    // Taken by whichever comes first: sending the command, or its timeout while it still waits here or for a
    // connection. A command timed out before it was sent is never sent, so its caller may be told it was not applied.
    AtomicBoolean claimed = new AtomicBoolean();
    backlog.add(new Queued(() -> dispatch(command, claimed).onComplete(ar -> {
      inFlight.addAndGet(-commands);
      drain();
      reply.handle(ar);
    }), commands));
    drain();
    return CallerContext.within(caller, reply.future(), timeoutMillis, "Redis").recover(err -> {
      if (err instanceof TimeoutException && claimed.compareAndSet(false, true)) {
        TimeoutException notSent = new TimeoutException(err.getMessage() + "; the command was not sent, nor will be");
        notSent.initCause(new RequestNotSentException("the command waited for a connection or its turn"));
        return Future.failedFuture(notSent);
      }
      return Future.failedFuture(err);
    });
  }

  /** Gives the connection back to the client's pool; the client itself belongs to the application. */
  Future<Void> close() {
    closed = true;
    Future<Opened> connection = current.getAndSet(null);
    if (connection == null) {
      return Future.succeededFuture();
    }
    // A connection still being opened is given back as soon as it is there.
    return connection.transform(ar -> ar.succeeded() ? ar.result().connection().close() : Future.succeededFuture());
  }

  /**
   * Starts queued commands while fewer than the limit are on the connection. A batch is started on one free place
   * and then counts all its commands, so the limit may be passed by a batch's size less one.
   */
  private void drain() {
    while (!backlog.isEmpty()) {
      int sent = inFlight.get();
      if (sent >= maxInFlight) {
        return; // a reply on the way will drain again
      }
      if (inFlight.compareAndSet(sent, sent + 1)) {
        Queued next = backlog.poll();
        if (next == null) {
          inFlight.decrementAndGet();
        } else {
          inFlight.addAndGet(next.commands() - 1);
          next.start().run();
        }
      }
    }
  }

  private <T> Future<T> dispatch(Function<Opened, Future<T>> command, AtomicBoolean claimed) {
    if (claimed.get()) {
      return abandoned(); // timed out while queued: no connection is opened for it
    }
    Future<Opened> connection = connection();
    return connection.succeeded()
      ? sendOn(connection, command, claimed)
      : connection.compose(c -> sendOn(connection, command, claimed));
  }

  private <T> Future<T> sendOn(Future<Opened> connection, Function<Opened, Future<T>> command,
                               AtomicBoolean claimed) {
    if (!claimed.compareAndSet(false, true)) {
      return abandoned();
    }
    return command.apply(connection.result()).onFailure(err -> {
      if (err instanceof Replaced) {
        return;
      }
      if (!(err instanceof Response)) {
        // an error reply (NOSCRIPT, WRONGTYPE, ...) comes over a healthy connection; anything else may not have
        lost(connection, err);
      } else if (isReadOnly(err)) {
        // the node became a replica (a switch the store was not told of): its writes fail until it goes
        replace(connection, "the node is a replica now");
      }
    });
  }

  /** The outcome of a command whose caller was told it timed out before it was sent; nobody waits for it. */
  private static <T> Future<T> abandoned() {
    return Future.failedFuture(new RequestNotSentException("timed out before it was sent"));
  }

  /** An error reply, alone or in a batch ("ERR [i] READONLY ..."), or raised by a script's write. */
  private static boolean isReadOnly(Throwable err) {
    String message = err.getMessage();
    return message != null && message.contains("READONLY You can't write against a read only replica");
  }

  private Future<Opened> connection() {
    while (true) {
      Future<Opened> existing = current.get();
      if (existing != null) {
        return existing;
      }
      Promise<Opened> opening = Promise.promise();
      Future<Opened> candidate = opening.future();
      if (current.compareAndSet(null, candidate)) {
        open(candidate).onComplete(ar -> {
          if (ar.failed()) {
            // Redis is unreachable, or not the master: fail this command now and try again with the next one.
            current.compareAndSet(candidate, null);
            LOG.debug("Cannot connect to Redis", ar.cause());
          }
          opening.handle(ar);
        });
        return candidate;
      }
    }
  }

  /** Opens a connection that, once {@code handle} holds it, reports its own end and failures. */
  private Future<Opened> open(Future<Opened> handle) {
    return redis.connect().compose(opened -> {
      opened.endHandler(v -> lost(handle, null)).exceptionHandler(err -> lost(handle, err));
      if (sentinels == null) {
        return Future.succeededFuture(new Opened(opened, null));
      }
      return opened.send(Request.cmd(Command.INFO).arg("server"))
        .map(SentinelWatch::runId)
        .compose(runId -> sentinels.verify(runId).map(v -> new Opened(opened, runId)))
        .onFailure(err -> opened.close());
    });
  }

  /** The connection ended or failed ({@code cause} null: it ended). */
  private void lost(Future<Opened> connection, Throwable cause) {
    if (cluster) {
      renew(connection, cause);
    } else {
      replace(connection, cause == null ? null : cause.toString());
    }
  }

  /** Gives up {@code connection} ({@code why} null: it just ended) if it is still the one in use. */
  private void replace(Future<Opened> connection, String why) {
    if (current.compareAndSet(connection, null)) {
      if (why == null) {
        // Also how an application's shutdown looks from here: not worth a warning.
        LOG.debug("Redis connection closed; the next command opens another");
      } else {
        LOG.warn("Redis connection failed ({}); the next command opens another", why);
      }
      connection.onSuccess(opened -> opened.connection().close());
    }
  }

  /**
   * Cluster: opens a replacement for {@code stale} and swaps it in once open, keeping {@code stale} in use meanwhile;
   * tried again every {@value #RENEW_MILLIS} ms while the client cannot reach every node.
   */
  private void renew(Future<Opened> stale, Throwable cause) {
    if (closed || current.get() != stale || !renewing.compareAndSet(false, true)) {
      return;
    }
    LOG.debug("A node of the Redis cluster failed ({}); opening a new cluster connection", String.valueOf(cause));
    Promise<Opened> opening = Promise.promise();
    Future<Opened> candidate = opening.future();
    open(candidate).onComplete(ar -> {
      opening.handle(ar);
      if (ar.failed()) {
        vertx.setTimer(RENEW_MILLIS, t -> {
          renewing.set(false);
          renew(stale, ar.cause());
        });
        return;
      }
      renewing.set(false);
      if (!closed && current.compareAndSet(stale, candidate)) {
        LOG.info("Redis cluster connection renewed");
        stale.onSuccess(old -> old.connection().close());
      } else {
        ar.result().connection().close();
      }
    });
  }
}
