package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.spi.RequestNotSentException;
import io.github.vertxsessions.spi.support.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
 * down, never dropped. The connection is replaced when it ends or fails, or when a command on it fails with anything
 * but an error reply from Redis: the next command then opens (or borrows) another, so the store recovers by itself
 * when Redis comes back. Every reply, queueing included, is bounded by the command timeout and delivered on the
 * caller's context. A command whose timeout comes before it was sent (it waited behind the limit, or for a connection
 * being opened) is dropped and fails with a {@link RequestNotSentException} as its timeout's cause: the caller knows
 * it was not applied. Once sent, a command that times out may have been, and its timeout says nothing more.
 */
final class SharedConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SharedConnection.class);

  private final Vertx vertx;
  private final Redis redis;
  private final long timeoutMillis;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<Runnable> backlog = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Future<RedisConnection>> current = new AtomicReference<>();
  private volatile boolean closed;

  SharedConnection(Vertx vertx, Redis redis, long timeoutMillis, int maxInFlight) {
    this.vertx = vertx;
    this.redis = redis;
    this.timeoutMillis = timeoutMillis;
    this.maxInFlight = maxInFlight;
  }

  Future<Response> send(Request request) {
    return submit(connection -> connection.send(request));
  }

  /**
   * Sends {@code requests} together, in order: a cluster client sends them all to the master of their keys' slot, so
   * a keyless command among them (WAIT) goes where the others go.
   */
  Future<List<Response>> batch(List<Request> requests) {
    return submit(connection -> connection.batch(requests));
  }

  private <T> Future<T> submit(Function<RedisConnection, Future<T>> command) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("The Redis session store is closed"));
    }
    Context caller = vertx.getOrCreateContext();
    Promise<T> reply = Promise.promise();
    // Taken by whichever comes first: sending the command, or its timeout while it still waits here or for a
    // connection. A command timed out before it was sent is never sent, so its caller may be told it was not applied.
    AtomicBoolean claimed = new AtomicBoolean();
    backlog.add(() -> dispatch(command, claimed).onComplete(ar -> {
      inFlight.decrementAndGet();
      drain();
      reply.handle(ar);
    }));
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
    Future<RedisConnection> connection = current.getAndSet(null);
    if (connection == null) {
      return Future.succeededFuture();
    }
    // A connection still being opened is given back as soon as it is there.
    return connection.transform(ar -> ar.succeeded() ? ar.result().close() : Future.succeededFuture());
  }

  /** Starts queued commands while fewer than the limit are on the connection. */
  private void drain() {
    while (!backlog.isEmpty()) {
      int sent = inFlight.get();
      if (sent >= maxInFlight) {
        return; // a reply on the way will drain again
      }
      if (inFlight.compareAndSet(sent, sent + 1)) {
        Runnable next = backlog.poll();
        if (next == null) {
          inFlight.decrementAndGet();
        } else {
          next.run();
        }
      }
    }
  }

  private <T> Future<T> dispatch(Function<RedisConnection, Future<T>> command, AtomicBoolean claimed) {
    if (claimed.get()) {
      return abandoned(); // timed out while queued: no connection is opened for it
    }
    Future<RedisConnection> connection = connection();
    return connection.succeeded()
      ? sendOn(connection, command, claimed)
      : connection.compose(c -> sendOn(connection, command, claimed));
  }

  private <T> Future<T> sendOn(Future<RedisConnection> connection, Function<RedisConnection, Future<T>> command,
                               AtomicBoolean claimed) {
    if (!claimed.compareAndSet(false, true)) {
      return abandoned();
    }
    return command.apply(connection.result()).onFailure(err -> {
      // an error reply (NOSCRIPT, WRONGTYPE, ...) comes over a healthy connection; anything else may not have
      if (!(err instanceof Response)) {
        replace(connection, err);
      }
    });
  }

  /** The outcome of a command whose caller was told it timed out before it was sent; nobody waits for it. */
  private static <T> Future<T> abandoned() {
    return Future.failedFuture(new RequestNotSentException("timed out before it was sent"));
  }

  private Future<RedisConnection> connection() {
    while (true) {
      Future<RedisConnection> existing = current.get();
      if (existing != null) {
        return existing;
      }
      Promise<RedisConnection> opening = Promise.promise();
      Future<RedisConnection> candidate = opening.future();
      if (current.compareAndSet(null, candidate)) {
        redis.connect().onComplete(ar -> {
          if (ar.succeeded()) {
            ar.result()
              .endHandler(v -> replace(candidate, null))
              .exceptionHandler(err -> replace(candidate, err));
          } else {
            // Redis is unreachable: fail this command now and try again with the next one.
            current.compareAndSet(candidate, null);
            LOG.debug("Cannot connect to Redis", ar.cause());
          }
          opening.handle(ar);
        });
        return candidate;
      }
    }
  }

  private void replace(Future<RedisConnection> connection, Throwable cause) {
    if (current.compareAndSet(connection, null)) {
      if (cause == null) {
        // Also how an application's shutdown looks from here: not worth a warning.
        LOG.debug("Redis connection closed; the next command opens another");
      } else {
        LOG.warn("Redis connection failed ({}); the next command opens another", cause.toString());
      }
      connection.result().close();
    }
  }
}
