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

  /**
   * One read waiting for the end of its turn, and the context it is answered on: the batch is answered on the event
   * loop thread of all of them (a request's duplicated context shares its event loop context's data, where the batch
   * is kept), so {@link #answer} only makes that context the current one, as a reply of its own would have.
   */
  private record Read(Request request, Promise<Response> reply, ContextInternal caller) {

    void answer(AsyncResult<Response> outcome) {
      caller.emit(outcome, reply::handle);
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
    List<Read> pending = context.get(this);
    if (pending == null) {
      pending = new ArrayList<>();
      context.put(this, pending);
      // runs after the I/O of this turn, so the reads of every request read in it are in
      context.runOnContext(v -> flush(context));
    }
    Promise<Response> reply = Promise.promise();
    pending.add(new Read(request, reply, (ContextInternal) context));
    if (pending.size() >= maxBatch) {
      flush(context);
    }
    return reply.future();
  }

  /** Sends the reads {@code context} asked for and has not sent yet, if any: before any other command of it. */
  void flush(Context context) {
    if (context == null) {
      return;
    }
    List<Read> pending = context.get(this);
    if (pending == null) {
      return;
    }
    context.remove(this);
    if (pending.size() == 1) {
      Read read = pending.get(0);
      connection.send(read.request()).onComplete(read::answer);
      return;
    }
    connection.readBatch(pending.stream().map(Read::request).toList()).onComplete(sent -> {
      for (int i = 0; i < pending.size(); i++) {
        Read read = pending.get(i);
        if (sent.succeeded()) {
          read.answer(Future.succeededFuture(sent.result().get(i)));
        } else if (sent.cause() instanceof Response) {
          // an error reply among them: each read alone again, for its own reply or error
          connection.send(read.request()).onComplete(read::answer);
        } else {
          read.answer(Future.failedFuture(sent.cause()));
        }
      }
    });
  }
}
