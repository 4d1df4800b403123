package io.github.vertxsessions.redis.impl;

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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection that carries every command of a store, pipelined.
 *
 * <p>Why not {@code redis.send(...)} per command: that borrows a pooled connection for each command, and with the
 * client's default pool (6 connections, 24 waiters) a burst of concurrent requests overflows the pool's wait queue
 * and fails. A single pipelined connection queues thousands of commands instead, and Redis runs them one at a time
 * anyway.
 *
 * <p>The connection is replaced when it ends or fails, or when a command on it fails for any reason but a missing
 * script: the next command then opens (or borrows) another, so the store recovers by itself when Redis comes back.
 * Every reply is bounded by the command timeout and delivered on the caller's context.
 */
final class SharedConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SharedConnection.class);

  private final Vertx vertx;
  private final Redis redis;
  private final long timeoutMillis;
  private final AtomicReference<Future<RedisConnection>> current = new AtomicReference<>();
  private volatile boolean closed;

  SharedConnection(Vertx vertx, Redis redis, long timeoutMillis) {
    this.vertx = vertx;
    this.redis = redis;
    this.timeoutMillis = timeoutMillis;
  }

  Future<Response> send(Request request) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("The Redis session store is closed"));
    }
    Context caller = vertx.getOrCreateContext();
    Future<RedisConnection> connection = connection();
    // On the fast path the command is sent from the caller's thread, so its reply already arrives on that context.
    Future<Response> reply = connection.succeeded()
      ? sendOn(connection, request)
      : connection.compose(c -> sendOn(connection, request));
    return onContext(caller, reply.timeout(timeoutMillis, TimeUnit.MILLISECONDS));
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

  private Future<Response> sendOn(Future<RedisConnection> connection, Request request) {
    return connection.result().send(request).onFailure(err -> {
      if (!LuaScript.isNoScript(err)) {
        replace(connection, err);
      }
    });
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

  private static <T> Future<T> onContext(Context context, Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(ar -> {
      if (Vertx.currentContext() == context) {
        promise.handle(ar);
      } else {
        context.runOnContext(v -> promise.handle(ar));
      }
    });
    return promise.future();
  }
}
