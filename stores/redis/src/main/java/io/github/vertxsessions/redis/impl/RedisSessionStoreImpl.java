package io.github.vertxsessions.redis.impl;

import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.redis.RedisStoreOptions;
import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisCluster;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** See {@link RedisSessionStore}; the scripts and the layout are in {@link SessionScripts}. */
public class RedisSessionStoreImpl implements RedisSessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);

  private final Clock clock;
  private final String keyPrefix;
  private final boolean cluster;
  private final SharedConnection connection;
  private final KeySpace keySpace;
  private final PrincipalIndex index;
  private final SessionScripts scripts;
  /** Where explicit writes go: this store's connection, or with replica acknowledgements a second one. */
  private final Writes explicit;
  private final Writes automatic;

  /**
   * One connection's way of writing: its index (which sends the index's commands over it) and, for explicit writes
   * with replica acknowledgements, the WAIT each write carries (null otherwise).
   */
  private record Writes(SharedConnection connection, PrincipalIndex index, ReplicaAcks acks) {
  }
  /** Null unless the options name the Sentinels, which the store then asks about its master itself. */
  private final SentinelWatch sentinels;
  /** Null unless the options ask for expiry events. */
  private final ExpiryListener expiries;
  /** Null outside Cluster, where a change of ID is one script. On the connection of explicit writes, as it is one. */
  private final ClusterIdChange idChange;

  public RedisSessionStoreImpl(Vertx vertx, Redis redis, RedisStoreOptions options) {
    this.clock = options.getClock();
    this.keyPrefix = options.getKeyPrefix();
    this.cluster = isCluster(redis);
    if (options.isExpiryEvents() && cluster) {
      throw new IllegalArgumentException("expiryEvents is not available on a Redis Cluster: each node sends "
        + "keyspace notifications only to its own clients");
    }
    if (options.getSentinelOptions() != null && cluster) {
      throw new IllegalArgumentException("sentinelOptions name Sentinels, but the client is a Redis Cluster client");
    }
    long timeout = options.getCommandTimeout().toMillis();
    long ackTimeout = options.getReplicaAckTimeout().toMillis();
    this.sentinels = options.getSentinelOptions() == null ? null
      : new SentinelWatch(vertx, options.getSentinelOptions(), ackTimeout, timeout);
    this.connection = new SharedConnection(vertx, redis, timeout, options.getMaxInFlight(), cluster, sentinels);
    this.keySpace = new KeySpace(connection, cluster, keyPrefix, options.getScanCount());
    this.index = indexOver(connection, timeout, null);
    this.scripts = index.scripts();
    this.automatic = new Writes(connection, index, null);
    if (options.getReplicaAcks() == 0) {
      this.explicit = automatic;
    } else {
      // A WAIT holds up every command behind it on its link: loads and automatic saves must not queue there.
      SharedConnection acknowledged = new SharedConnection(vertx, redis, timeout, options.getMaxInFlight(), cluster,
        sentinels);
      ReplicaAcks acks = new ReplicaAcks(vertx, acknowledged, cluster, options.getReplicaAcks(), ackTimeout,
        sentinels);
      this.explicit = new Writes(acknowledged, indexOver(acknowledged, timeout, acks), acks);
    }
    this.idChange = cluster ? new ClusterIdChange(explicit.connection(), explicit.index(), keyPrefix, clock,
      this::readable, explicit.acks()) : null;
    this.expiries = options.isExpiryEvents() ? new ExpiryListener(vertx, redis, keyPrefix, this) : null;
    if (sentinels != null) {
      sentinels.start(this::masterSwitched);
    }
    if (expiries != null) {
      expiries.start();
    }
  }

  private PrincipalIndex indexOver(SharedConnection over, long commandTimeoutMillis, ReplicaAcks acks) {
    return new PrincipalIndex(over, cluster, keyPrefix, clock, commandTimeoutMillis, this::readable, acks);
  }

  /**
   * The Sentinels switched masters (away from the node of {@code staleRunId}, or from whichever node when null):
   * nothing more goes to the old one, which may well still answer.
   */
  private void masterSwitched(String staleRunId) {
    connection.drop(staleRunId, "the Sentinels switched masters");
    if (explicit != automatic) {
      explicit.connection().drop(staleRunId, "the Sentinels switched masters");
    }
    if (expiries != null && staleRunId == null) {
      expiries.masterSwitched();
    }
  }

  /**
   * One plain HGETALL, with no script, unless the session's touch is due: a script costs Redis about three times the
   * command it runs, and most reads touch nothing. What the load script decided in Redis is decided here from the
   * hash it returns, by the same rules:
   * <ul>
   *   <li>no key: missing. A deleted, revoked or moved session has no key (a delete is a DEL; no tombstone is left),
   *   so a read after it, even one whose session was live a moment before, finds nothing;</li>
   *   <li>a key of another type (WRONGTYPE) or a hash that is no well-formed session ({@link SessionHash#decode}):
   *   unreadable, logged, missing;</li>
   *   <li>expired by the store's clock ({@link SessionRecord#isLiveAt}) but not yet dropped by Redis, whose own clock
   *   and lazy eviction decide when the key goes: missing. The script compared the same fields with the same rule
   *   (its copy of {@link SessionRecord#expiresAt} points to the Java one);</li>
   *   <li>live and its touch due ({@link SessionRecord#isTouchDue}): the load script runs, which reads and touches
   *   the session again in one atomic step, so a touch never brings back a session deleted since the HGETALL, and
   *   its reply (the session as touched, or missing by then) is the load's. Only these reads, at most one per touch
   *   interval and session, cost a second round trip;</li>
   *   <li>otherwise the hash read is the session: it is one command's snapshot, as the script's was.</li>
   * </ul>
   * The HGETALL goes out with the other loads of the same turn of the caller's event loop ({@link CoalescedReads}).
   */
  @Override
  public Future<SessionRecord> load(String id, long touchInterval) {
    String key = keyPrefix + id;
    return connection.read(Request.cmd(Command.HGETALL).arg(key))
      .transform(read -> {
        if (read.failed()) {
          return isWrongType(read.cause()) ? notAHash(id, key) : Future.failedFuture(read.cause());
        }
        Response hash = read.result();
        if (hash == null || hash.size() == 0) {
          return Future.succeededFuture(null);
        }
        SessionRecord record = readable(id, hash);
        long now = clock.millis();
        if (record == null || !record.isLiveAt(now)) {
          return Future.succeededFuture(null);
        }
        if (record.isTouchDue(now, touchInterval)) {
          return loadTouching(id, touchInterval);
        }
        index.afterLoad(record, hash);
        return Future.succeededFuture(record);
      });
  }

  /** The load script: the session read and touched in one step, or null when it is gone or unreadable by then. */
  private Future<SessionRecord> loadTouching(String id, long touchInterval) {
    return scripts.load.run(connection, keyPrefix + id, List.of(now(), Long.toString(touchInterval), keyPrefix))
      .map(reply -> {
        SessionRecord record = readable(id, reply);
        if (record != null) {
          index.afterLoad(record, reply);
        }
        return record;
      });
  }

  /** A key of another type under a session's name: logged as unreadable, with its type, and read as missing. */
  private Future<SessionRecord> notAHash(String id, String key) {
    return connection.send(Request.cmd(Command.TYPE).arg(key)).map(type -> {
      unreadable(id, "the key holds a " + type + ", not a hash");
      return null;
    });
  }

  private static boolean isWrongType(Throwable err) {
    return err.getMessage() != null && err.getMessage().startsWith("WRONGTYPE");
  }

  @Override
  public Future<Long> save(SessionDelta delta) {
    try {
      SessionHash.requireStorable(delta);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    long now = clock.millis();
    Writes writes = delta.explicit() ? explicit : automatic;
    return writes.index().beforeSave(delta, now)
      .compose(indexed -> saveScript(delta, now, indexed.until(), writes)
        .compose(reply -> writes.index().afterSave(delta, indexed.until(), reply))
        // In Cluster the index of the principal the save gave the session to is in another shard: a revocation of
        // that user after a failover must still find the session.
        .compose(version -> version >= 0 ? indexed.confirmed().map(version) : Future.succeededFuture(version)))
      .compose(version -> {
        if (version == SessionScripts.GONE) {
          return Future.failedFuture(new SessionGoneException(delta.id()));
        }
        if (version == SessionScripts.DUPLICATE) {
          return Future.failedFuture(new DuplicateSessionIdException(delta.id()));
        }
        return Future.succeededFuture(version);
      });
  }

  /**
   * Runs the script the delta needs: {@link SessionScripts#update} for a save that is no creation and leaves the
   * owner alone (nearly all), which does less; {@link SessionScripts#save} for the others.
   */
  private Future<Response> saveScript(SessionDelta delta, long now, long indexedUntil, Writes writes) {
    List<String> key = List.of(keyPrefix + delta.id());
    if (SessionHash.isUpdate(delta)) {
      return scripts.update.run(writes.connection(), key, SessionHash.updateArguments(delta, now, keyPrefix),
        writes.acks(), RedisSessionStoreImpl::saved);
    }
    return scripts.save.run(writes.connection(), key, SessionHash.saveArguments(delta, now, keyPrefix, indexedUntil),
      writes.acks(), RedisSessionStoreImpl::saved);
  }

  /** Whether a save script's reply is a save (a version, with the index's needs in Cluster), not a refusal. */
  private static boolean saved(Response reply) {
    return reply.type() == ResponseType.MULTI || reply.toLong() >= 0;
  }

  /**
   * Moves the session in one script outside Cluster, in ordered steps in Cluster (see {@link ClusterIdChange}); an
   * explicit write, so with replica acknowledgements each script that writes carries its WAIT.
   */
  @Override
  public Future<Long> changeId(String oldId, String newId) {
    if (cluster) {
      return idChange.move(oldId, newId).map(SessionRecord::version);
    }
    return SessionScripts.CHANGE_ID.run(explicit.connection(), List.of(keyPrefix + oldId, keyPrefix + newId),
        List.of(now(), keyPrefix), explicit.acks(), moved -> moved.toLong() >= 0)
      .compose(reply -> {
        long version = reply.toLong();
        if (version == SessionScripts.GONE) {
          return Future.failedFuture(new SessionGoneException(oldId));
        }
        if (version == SessionScripts.DUPLICATE) {
          return Future.failedFuture(new DuplicateSessionIdException(newId));
        }
        return Future.succeededFuture(version);
      });
  }

  @Override
  public Future<Void> touch(String id) {
    return scripts.touch.run(connection, keyPrefix + id, List.of(now(), keyPrefix))
      .map(reply -> {
        index.afterTouch(id, reply);
        return null;
      });
  }

  @Override
  public Future<Void> delete(String id) {
    return delete(id, false);
  }

  @Override
  public Future<Void> delete(String id, boolean explicitly) {
    Writes writes = explicitly ? explicit : automatic;
    String key = keyPrefix + id;
    // In Cluster the index member is removed after: if that is lost, reads drop the stale member.
    return scripts.delete.run(writes.connection(), List.of(key), List.of(now(), keyPrefix), writes.acks(),
        deleted -> true)
      .compose(principal -> writes.index().afterDelete(id, principal));
  }

  @Override
  public Future<List<SessionRecord>> findByPrincipal(String principal) {
    if (principal == null || principal.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return index.find(principal);
  }

  @Override
  public Future<Long> count() {
    String now = now();
    AtomicLong live = new AtomicLong();
    return keySpace.forEachPage(keys -> {
      List<Future<Response>> checks = new ArrayList<>(keys.size());
      keys.forEach(key -> checks.add(SessionScripts.IS_LIVE.run(connection, key, List.of(now))));
      return Future.all(checks).onSuccess(all -> checks.forEach(check -> live.addAndGet(check.result().toLong())));
    }).map(v -> live.get());
  }

  @Override
  public Future<Void> clear() {
    return keySpace.forEachPage(keys -> {
      if (keys.isEmpty()) {
        return Future.succeededFuture();
      }
      // A cluster client splits a DEL of several keys by slot and sends each part to its master.
      Request del = Request.cmd(Command.DEL);
      keys.forEach(del::arg);
      return connection.send(del);
    });
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>(List.of(connection.close()));
    if (explicit != automatic) {
      closing.add(explicit.connection().close());
    }
    if (expiries != null) {
      closing.add(expiries.close());
    }
    if (sentinels != null) {
      closing.add(sentinels.close());
    }
    return Future.join(closing).mapEmpty();
  }

  @Override
  public String type() {
    return "redis";
  }

  @Override
  public Clock clock() {
    return clock;
  }

  private String now() {
    return Long.toString(clock.millis());
  }

  /** The loaded session, or null when it is missing or unreadable (logged: someone wrote a bad value). */
  private SessionRecord readable(String id, Response reply) {
    if (reply == null) {
      return null;
    }
    try {
      if (reply.type() != ResponseType.MULTI) {
        throw new IllegalArgumentException("the key holds " + reply);
      }
      return SessionHash.decode(id, reply);
    } catch (IllegalArgumentException e) {
      unreadable(id, e.getMessage());
      return null;
    }
  }

  private void unreadable(String id, String why) {
    LOG.warn("Unreadable session {} under key prefix '{}' ({}); treating it as missing", SessionRecord.redact(id),
      keyPrefix, why);
  }

  /** Whether {@code redis} is a cluster client: only the cluster API accepts one. */
  private static boolean isCluster(Redis redis) {
    try {
      RedisCluster.create(redis);
      return true;
    } catch (IllegalArgumentException notACluster) {
      return false;
    }
  }
}
