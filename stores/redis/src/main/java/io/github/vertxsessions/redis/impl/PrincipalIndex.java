package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The index of sessions by principal: one sorted set per principal under {@code <prefix>principal:<name>}, members
 * the session IDs, scores how far the index covers each session (never before its expiry, see
 * {@link SessionScripts}), the key alive at least until its highest score. The name is used as it is: Redis keys
 * are binary-safe, a hash tag in it only picks the index key's slot, and the ':' after "principal" keeps index keys
 * apart from session keys, whose generated IDs have none.
 *
 * <p>Outside Cluster the session scripts keep the index themselves ({@link SessionScripts#IN_SCRIPT}) and this class
 * only names keys and reads. In Cluster ({@link SessionScripts#SEPARATE}) the index key lives in another slot than
 * the session, so the index is kept by separate commands, ordered so that a crash or a failed command between them
 * can only leave a <em>stale</em> member (a session gone, or owned by someone else), never a live session missing
 * from its principal's index:
 * <ul>
 *   <li>a save that gives a session to a principal first adds it to that principal's index (one command), then
 *   saves; a save that takes it from a principal removes it from the old index after the save (one command). A
 *   change from one principal to another costs both, a log-in or a log-out one; any other save nothing.</li>
 *   <li>a delete reads the principal in its script and removes the member after (one command, owned sessions
 *   only).</li>
 *   <li>when a long activity moves a session's expiry past what its index covers (at most once per idle timeout),
 *   the index is extended first and the session records it after, in the background: the request does not wait.</li>
 *   <li>a read drops members scored before now, loads every other session by a command of its own (each key in its
 *   own slot), returns those live and owned by that principal, and repairs the rest: a stale member is marked the
 *   first time, and removed by a read at least twice the command timeout later, so that a log-in in flight (indexed,
 *   not saved yet) is never removed.</li>
 * </ul>
 */
final class PrincipalIndex {

  private static final Logger LOG = LoggerFactory.getLogger(PrincipalIndex.class);

  /** Decodes a session hash as the store does: null when it is unreadable. */
  interface Decoder {
    SessionRecord decode(String id, Response hash);
  }

  private final SharedConnection connection;
  private final SessionScripts scripts;
  private final boolean separate;
  private final String keyPrefix;
  private final Clock clock;
  private final String grace;
  private final Decoder decoder;
  /** Null unless the index takes explicit writes with replica acknowledgements: then its additions wait for them. */
  private final ReplicaAcks acks;

  PrincipalIndex(SharedConnection connection, boolean cluster, String keyPrefix, Clock clock, long commandTimeoutMillis,
                 Decoder decoder, ReplicaAcks acks) {
    this.connection = connection;
    this.acks = acks;
    this.separate = cluster;
    this.scripts = cluster ? SessionScripts.SEPARATE : SessionScripts.IN_SCRIPT;
    this.keyPrefix = keyPrefix;
    this.clock = clock;
    this.grace = Long.toString(2 * commandTimeoutMillis);
    this.decoder = decoder;
  }

  SessionScripts scripts() {
    return scripts;
  }

  String keyOf(String principal) {
    return keyPrefix + SessionScripts.INDEX_INFIX + principal;
  }

  /**
   * How far the index covers a session after {@link #beforeWrite} ({@link SessionHash#NOT_INDEXED} when nothing was
   * done), and how to confirm that addition when it was an explicit write's.
   */
  record Indexed(long until, Supplier<Future<Void>> confirmation) {
    static final Indexed NOTHING = new Indexed(SessionHash.NOT_INDEXED, Future::succeededFuture);

    Future<Void> confirmed() {
      return confirmation.get();
    }
  }

  /** Before a save: in Cluster, when the save gives the session to a principal, puts it in that principal's index. */
  Future<Indexed> beforeSave(SessionDelta delta, long now) {
    SessionOwner owner = SessionHash.storedOwner(delta);
    if (owner == null) {
      return Future.succeededFuture(Indexed.NOTHING);
    }
    return beforeWrite(SessionRecord.builder(delta.id()).createdAt(delta.createdAt()).lastAccessedAt(now)
      .idleTimeout(delta.idleTimeout()).maxLifetime(delta.maxLifetime()).cookieMaxAge(delta.cookieMaxAge()).owner(owner)
      .build());
  }

  /**
   * Before a session is written as {@code after} says, accessed at its {@link SessionRecord#lastAccessedAt()}: in
   * Cluster, when it has a principal, puts it in that principal's index. For an explicit write the addition must be
   * confirmed by the index shard's replicas, or a revocation of that user after a failover could miss the session:
   * the caller writes the session whatever that confirmation says, then waits for it.
   */
  Future<Indexed> beforeWrite(SessionRecord after) {
    if (!separate || !after.owner().hasPrincipal()) {
      return Future.succeededFuture(Indexed.NOTHING);
    }
    long upto = SessionHash.horizon(after);
    return SessionScripts.INDEX_ADD.write(connection, List.of(keyOf(after.owner().principal())),
        List.of(Long.toString(after.lastAccessedAt()), after.id(), Long.toString(upto)), acks)
      .map(added -> new Indexed(upto, added::confirmed));
  }

  /**
   * After the save script: in Cluster, what its reply says the index needs.
   *
   * @param indexedUntil what {@link #beforeSave} returned
   * @return the save's version, or {@link SessionScripts#GONE} or {@link SessionScripts#DUPLICATE}
   */
  Future<Long> afterSave(SessionDelta delta, long indexedUntil, Response reply) {
    if (reply.type() != ResponseType.MULTI) {
      long version = reply.toLong();
      if (version == SessionScripts.GONE && indexedUntil != SessionHash.NOT_INDEXED) {
        // Nothing was saved: take back what beforeSave added (a duplicate's member stays, reads drop it).
        return removeMember(SessionHash.storedOwner(delta).principal(), delta.id()).map(version);
      }
      return Future.succeededFuture(version);
    }
    long version = reply.get(0).toLong();
    if (reply.get(2) != null) {
      cover(delta.id(), reply.get(2).toString(), reply.get(3).toLong());
    }
    return reply.get(1) == null ? Future.succeededFuture(version)
      : removeMember(reply.get(1).toString(), delta.id()).map(version);
  }

  /** After a load: in Cluster, extends the index when the session outlives what it covers. */
  void afterLoad(SessionRecord record, Response hash) {
    if (separate && record.owner().hasPrincipal() && SessionHash.indexedUntil(hash) < record.expiresAt()) {
      cover(record.id(), record.owner().principal(), SessionHash.horizon(record));
    }
  }

  /** After a touch: in Cluster, what its reply says the index needs. */
  void afterTouch(String id, Response reply) {
    if (reply != null && reply.type() == ResponseType.MULTI) {
      cover(id, reply.get(0).toString(), reply.get(1).toLong());
    }
  }

  /** After a delete: in Cluster, removes the session from the index of the principal its script read. */
  Future<Void> afterDelete(String id, Response principal) {
    return separate && principal != null ? removeMember(principal.toString(), id).mapEmpty() : Future.succeededFuture();
  }

  /** The live sessions of {@code principal}, repairing the index on the way. */
  Future<List<SessionRecord>> find(String principal) {
    String now = Long.toString(clock.millis());
    String index = keyOf(principal);
    if (!separate) {
      return scripts.find.run(connection, index, List.of(now, keyPrefix, principal)).map(reply -> {
        List<SessionRecord> found = new ArrayList<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
          keep(found, decoder.decode(reply.get(i).toString(), reply.get(i + 1)), principal);
        }
        return found;
      });
    }
    return SessionScripts.INDEX_READ.run(connection, index, List.of(now)).compose(members -> {
      List<String> ids = new ArrayList<>();
      List<String> scores = new ArrayList<>();
      List<Future<Response>> peeks = new ArrayList<>();
      for (int i = 0; i + 1 < members.size(); i += 2) {
        String id = members.get(i).toString();
        ids.add(id);
        scores.add(members.get(i + 1).toString());
        peeks.add(SessionScripts.PEEK.run(connection, keyPrefix + id, List.of(now, principal)));
      }
      return Future.all(peeks).compose(all -> {
        List<SessionRecord> found = new ArrayList<>();
        List<String> repairs = new ArrayList<>(List.of(now, grace));
        for (int i = 0; i < ids.size(); i++) {
          Response hash = peeks.get(i).result();
          SessionRecord record = hash == null ? null : decoder.decode(ids.get(i), hash);
          boolean owned = keep(found, record, principal);
          boolean marked = scores.get(i).startsWith("-");
          if (!owned || marked) {
            String restore = owned ? Long.toString(Math.max(SessionHash.indexedUntil(hash), record.expiresAt())) : "";
            repairs.addAll(List.of(ids.get(i), scores.get(i), restore));
          }
        }
        if (repairs.size() == 2) {
          return Future.succeededFuture(found);
        }
        return SessionScripts.INDEX_REPAIR.run(connection, index, repairs)
          .transform(ar -> {
            if (ar.failed()) {
              LOG.warn("Repairing the index of a principal failed: {}", ar.cause().toString());
            }
            return Future.succeededFuture(found);
          });
      });
    });
  }

  /** Adds {@code record} when it belongs to exactly that principal (Redis compared bytes; this compares names). */
  private static boolean keep(List<SessionRecord> found, SessionRecord record, String principal) {
    if (record != null && principal.equals(record.owner().principal())) {
      found.add(record);
      return true;
    }
    return false;
  }

  /** Removes a member; a failure only leaves a stale member, which reads drop, so it is logged, not returned. */
  Future<Void> removeMember(String principal, String id) {
    return connection.send(Request.cmd(Command.ZREM).arg(keyOf(principal)).arg(id)).<Void>mapEmpty()
      .recover(err -> {
        LOG.warn("Removing a session from the index of its former principal failed; reads will drop it: {}",
          err.toString());
        return Future.succeededFuture();
      });
  }

  /**
   * Cluster: extends the index of {@code principal} to cover the session up to {@code upto}, then records that in the
   * session, in the background. Until both succeed every touch tries again, and the index covers the session until
   * what it recorded before, so a failure costs a retry, not the session's place in the index.
   */
  private void cover(String id, String principal, long upto) {
    String until = Long.toString(upto);
    SessionScripts.INDEX_ADD.run(connection, keyOf(principal), List.of(Long.toString(clock.millis()), id, until))
      .compose(v -> SessionScripts.CONFIRM_COVER.run(connection, keyPrefix + id,
        List.of(Long.toString(clock.millis()), principal, until)))
      .onFailure(err -> LOG.warn("Extending the index of a principal failed; the next touch tries again: {}",
        err.toString()));
  }
}
