package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A change of session ID on a Redis Cluster. The old and the new session key hash to different slots (a session's
 * key carries no hash tag, so that sessions spread over every master), which no script can hold both of, so the move
 * is three scripts, one key each, in the order that keeps the guarantee of
 * {@link io.github.vertxsessions.spi.SessionStore#changeId}:
 * <ol>
 *   <li>read the old session ({@link SessionScripts#PEEK}), failing as gone when it is not live;</li>
 *   <li>for an owned session, put the new ID in its principal's index first, as a log-in does, so that a revocation
 *   running between the steps finds the copy; then write the copy under the new key ({@link SessionScripts#COPY}),
 *   which fails as a duplicate when that key holds a live session;</li>
 *   <li>delete the old key only if it still holds the version copied ({@link SessionScripts#DELETE_AT}), then take
 *   the old ID out of the index. When the old session is gone by then (deleted or revoked meanwhile) the copy is
 *   deleted and the change fails as gone; when a save came in between, the copy is deleted and the steps start over,
 *   at most {@link #ATTEMPTS} times in all, so that the save's change is in what moves.</li>
 * </ol>
 * A crash between the steps leaves at worst a copy reachable by nobody (no cookie names it), which expires, and a
 * stale index member, which reads drop; never a session missing from its principal's index.
 */
final class ClusterIdChange {

  /**
   * How many times the steps run before the change gives up on a session that saves keep changing: each attempt is
   * a few round trips, and only saves of the same session landing in that window start it over.
   */
  static final int ATTEMPTS = 5;

  private final SharedConnection connection;
  private final PrincipalIndex index;
  private final String keyPrefix;
  private final Clock clock;
  private final PrincipalIndex.Decoder decoder;
  /**
   * Null without replica acknowledgements; else the copy and the delete each carry a WAIT for their shard's replicas,
   * and the change succeeds only once both are confirmed.
   */
  private final ReplicaAcks acks;

  ClusterIdChange(SharedConnection connection, PrincipalIndex index, String keyPrefix, Clock clock,
                  PrincipalIndex.Decoder decoder, ReplicaAcks acks) {
    this.connection = connection;
    this.acks = acks;
    this.index = index;
    this.keyPrefix = keyPrefix;
    this.clock = clock;
    this.decoder = decoder;
  }

  /**
   * Moves the session.
   *
   * @return the session as it now is under {@code newId}; fails with {@link SessionGoneException} or
   *         {@link DuplicateSessionIdException} as the SPI says, with {@link IllegalStateException} when saves
   *         changed the session during every attempt, or with
   *         {@link io.github.vertxsessions.redis.ReplicaAckException} when replicas did not confirm the moved session
   *         (it has moved all the same)
   */
  Future<SessionRecord> move(String oldId, String newId) {
    return attempt(oldId, newId, 1);
  }

  private Future<SessionRecord> attempt(String oldId, String newId, int attempt) {
    long now = clock.millis();
    String at = Long.toString(now);
    return SessionScripts.PEEK.run(connection, keyPrefix + oldId, List.of(at)).compose(hash -> {
      SessionRecord read = hash == null ? null : decoder.decode(oldId, hash);
      if (read == null) {
        return Future.failedFuture(new SessionGoneException(oldId));
      }
      SessionRecord copy = read.toBuilder().id(newId).version(read.version() + 1).lastAccessedAt(now).build();
      String principal = copy.owner().hasPrincipal() ? copy.owner().principal() : null;
      return index.beforeWrite(copy).compose(indexed -> SessionScripts.COPY.write(connection,
          List.of(keyPrefix + newId), copyArguments(at, indexed.until(), hash), acks)
        .compose(copied -> {
          long version = copied.reply().toLong();
          if (version == SessionScripts.DUPLICATE) {
            // The index member stays: the live session under newId may be this principal's own, and reads drop it
            // otherwise.
            return Future.failedFuture(new DuplicateSessionIdException(newId));
          }
          if (version == SessionScripts.GONE) {
            return leave(principal, newId).compose(v -> Future.failedFuture(new SessionGoneException(oldId)));
          }
          // The old ID must go even when the copy's replicas did not confirm it (a change of ID that stopped here
          // would leave the old ID alive), and must not come back after a failover: its delete waits for replicas too.
          return SessionScripts.DELETE_AT.write(connection, List.of(keyPrefix + oldId),
              List.of(at, Long.toString(read.version())), acks)
            .compose(deleted -> {
              long found = deleted.reply().toLong();
              if (found == read.version()) {
                return leave(principal, oldId)
                  .compose(v -> indexed.confirmed())
                  .compose(v -> copied.confirmed())
                  .compose(v -> deleted.confirmed())
                  .map(copy);
              }
              return deleteCopy(newId, at).compose(v -> {
                if (found == SessionScripts.GONE) {
                  return Future.failedFuture(new SessionGoneException(oldId));
                }
                if (attempt == ATTEMPTS) {
                  return Future.failedFuture(new IllegalStateException("Saves changed session "
                    + SessionRecord.redact(oldId) + " during each of " + ATTEMPTS + " attempts to change its ID"));
                }
                return attempt(oldId, newId, attempt + 1);
              });
            });
        }));
    });
  }

  private static List<String> copyArguments(String now, long indexedUntil, Response hash) {
    List<String> args = new ArrayList<>(2 + hash.size());
    args.add(now);
    args.add(indexedUntil == SessionHash.NOT_INDEXED ? "" : Long.toString(indexedUntil));
    hash.forEach(field -> args.add(field.toString()));
    return args;
  }

  /** Takes {@code id} out of the index of {@code principal}, if the session has one. */
  private Future<Void> leave(String principal, String id) {
    return principal == null ? Future.succeededFuture() : index.removeMember(principal, id);
  }

  /** Deletes the copy as a delete of the session would, index member included. */
  private Future<Void> deleteCopy(String newId, String now) {
    return index.scripts().delete.run(connection, keyPrefix + newId, List.of(now, keyPrefix))
      .compose(principal -> index.afterDelete(newId, principal));
  }
}
