package io.github.vertxsessions.redis.impl;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * The read-only commands one Vert.x context asks for within one turn of its event loop, sent together in one write
 * at the end of that turn.
 *
 * <p>Why: the client writes and flushes every command on its own, so under load Redis spent about 70% of its CPU in
 * the kernel, on one {@code read} and one {@code write} system call per 1.5 commands (perf, bench/PROFILES.md),
 * against 1.5 µs per {@code HGETALL} in the command itself. The loads of the requests that one turn of an event loop
 * reads from its sockets go out as one batch instead: one write here, one read and one write in Redis.
 *
 * <p>What stays as it was: a read asked for outside an event loop is sent at once; a command of any other kind from
 * a context first sends that context's pending reads ({@link #flush}), so Redis gets one context's commands in the
 * order they were asked for; every read keeps its own reply and error. When a reply in a batch is an error (a key of
 * another type, say), the client fails the whole batch with the errors of all: each read of it is then sent again
 * alone, which a read-only command allows, so that every caller gets its own answer.
 */
final class CoalescedReads {

  /** The most reads in one batch: the client reserves a slot of its waiting queue per command of a batch. */
  static final int MAX_BATCH = 64;

  private final SharedConnection connection;
  private final int maxBatch;

  /** One context's reads of the turn under way, each with the context it is answered on. */
  private static final class Pending {
    final List<Request> requests = new ArrayList<>();
    final List<Promise<Response>> replies = new ArrayList<>();
    final List<ContextInternal> callers = new ArrayList<>();

    /**
     * Answers read {@code i} on its caller's context: the batch is answered on the event loop thread of all of them
     * (a request's duplicated context shares its event loop context's data, where the batch is kept), so this only
     * makes that context the current one, as a reply of its own would have.
     */
    void answer(int i, AsyncResult<Response> outcome) {
      callers.get(i).emit(outcome, replies.get(i)::handle);
    }
  }

  CoalescedReads(SharedConnection connection, int maxInFlight) {
    this.connection = connection;
    this.maxBatch = Math.min(MAX_BATCH, maxInFlight);
  }

  /** Sends {@code request}, a read-only command, with this turn's other reads when the caller is on an event loop. */
  Future<Response> read(Request request) {
    Context context = Vertx.currentContext();
    if (maxBatch < 2 || context == null || !context.isEventLoopContext() || !Context.isOnEventLoopThread()) {
      return connection.send(request);
    }
    Pending pending = context.get(this);
    if (pending == null) {
      pending = new Pending();
      context.put(this, pending);
      // runs after the I/O of this turn, so the reads of every request read in it are in
      context.runOnContext(v -> flush(context));
    }
    Promise<Response> reply = Promise.promise();
    pending.requests.add(request);
    pending.replies.add(reply);
    pending.callers.add((ContextInternal) context);
    if (pending.requests.size() >= maxBatch) {
      flush(context);
    }
    return reply.future();
  }

  /** Sends the reads {@code context} asked for and has not sent yet, if any: before any other command of it. */
  void flush(Context context) {
    if (context == null) {
      return;
    }
    Pending pending = context.get(this);
    if (pending == null) {
      return;
    }
    context.remove(this);
    int count = pending.requests.size();
    if (count == 1) {
      connection.send(pending.requests.get(0)).onComplete(outcome -> pending.answer(0, outcome));
      return;
    }
    connection.readBatch(pending.requests).onComplete(sent -> {
      for (int i = 0; i < count; i++) {
        int read = i;
        if (sent.succeeded()) {
          pending.answer(read, Future.succeededFuture(sent.result().get(read)));
        } else if (sent.cause() instanceof Response) {
          // an error reply among them: each read alone again, for its own reply or error
          connection.send(pending.requests.get(read)).onComplete(outcome -> pending.answer(read, outcome));
        } else {
          pending.answer(read, Future.failedFuture(sent.cause()));
        }
      }
    });
  }
}
