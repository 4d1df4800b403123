package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.redis.ReplicaAckException;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.List;

/**
 * The confirmation that replicas hold an explicit write: {@code WAIT replicas timeout} after the write's commands,
 * on the connection that sent them, since Redis counts the replicas that have every write of that connection so far.
 *
 * <p>Outside Cluster the store's connection goes to the one primary, so one WAIT covers every key. In Cluster a
 * connection holds one link per master, and a keyless WAIT would go to any of them: each WAIT is sent in one batch
 * with a script on the key that writes nothing, which takes it to the master of that key's slot.
 */
final class ReplicaAcks {

  /** Writes nothing and so replicates nothing; its key takes the batch to the key's master. */
  private static final String ROUTE = "return 0";

  private final SharedConnection connection;
  private final boolean cluster;
  private final int replicas;
  private final long timeoutMillis;

  ReplicaAcks(SharedConnection connection, boolean cluster, int replicas, long timeoutMillis) {
    this.connection = connection;
    this.cluster = cluster;
    this.replicas = replicas;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Completes once the replicas asked for hold every write sent so far on the connection to the masters of
   * {@code keys}; fails with {@link ReplicaAckException} when fewer confirm in time.
   */
  Future<Void> confirm(List<String> keys) {
    if (!cluster) {
      return confirmed(connection.send(waitRequest()));
    }
    List<Future<Void>> confirmations = keys.stream().distinct()
      .map(key -> confirmed(connection.batch(List.of(Request.cmd(Command.EVAL).arg(ROUTE).arg(1).arg(key),
        waitRequest())).map(replies -> replies.get(1))))
      .toList();
    return Future.all(confirmations).mapEmpty();
  }

  private Request waitRequest() {
    return Request.cmd(Command.WAIT).arg(replicas).arg(timeoutMillis);
  }

  private Future<Void> confirmed(Future<Response> reply) {
    return reply.compose(acks -> acks.toInteger() >= replicas ? Future.succeededFuture()
      : Future.failedFuture(new ReplicaAckException(acks.toInteger(), replicas, timeoutMillis)));
  }
}
