package io.github.vertxsessions.redis;

import io.github.vertxsessions.redis.impl.RedisSessionStoreImpl;
import io.github.vertxsessions.spi.IndexedSessionStore;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * Sessions in Redis, one hash per session under a key prefix, expired by Redis itself through the key's time to
 * live. Works with whatever deployment the given client speaks to (standalone, Sentinel, Cluster): the store sends
 * every command of one store over one pipelined connection taken from that client, so a default client survives
 * any number of concurrent requests.
 *
 * <p>A load costs one command (it touches the session in the same script when due), a save one command; both run as
 * Lua scripts, so a save's changes apply atomically and never bring back a session that was deleted or expired. A
 * change of ID ({@link #changeId}) is one script on both keys too, except on Redis Cluster (below).
 *
 * <p><b>Sessions by principal.</b> A session's owner is kept in its hash ({@code principal}, {@code description}),
 * and each principal has an index: a sorted set under {@code <keyPrefix>principal:<name>} of its session IDs, scored
 * by how far the index covers each session (never before the session's expiry), whose key lives at least until its
 * highest score and so expires on its own at most one idle timeout after its last session; removing its last member
 * (a delete, a log-out) removes it at once. {@link #findByPrincipal} drops the members scored before now, reads each
 * remaining session without touching it, returns those live and still owned by that principal, and removes the
 * others: the answer is exact even where the index is stale. On standalone Redis and through Sentinel the index is
 * updated inside the session's own scripts, atomically with the session; a find is one script. A request that does
 * not change the owner costs what it cost before: no extra command, and no extra work inside the scripts, except
 * that once per idle timeout of continuous activity a touch or save covers the session again (a few commands inside
 * the same script). A save that changes the owner runs its index work inside the same script; a delete is a script
 * that removes the member too.
 *
 * <p><b>Redis Cluster</b> puts a session and its principal's index in different slots, so no script can update both.
 * There the index is kept by separate commands, ordered so that a crash or a failed command between them can only
 * leave a stale member (a session gone, or owned by someone else), which reads drop, and never a live session
 * missing from its principal's index: a save that gives a session to a principal adds it to that index first (one
 * more command), one that takes it from a principal removes it from the old index after the save (one more; a
 * change from one principal to another costs both), a delete of an owned session removes the member after (one
 * more), and extending the index after a long activity runs in the background. A find costs one command for the
 * index, one per session (each loaded by a command of its own, its key in its own slot) and at most one to repair:
 * a stale member is marked when first seen and removed by a read at least twice the command timeout later, so that
 * a log-in in flight (indexed, not yet saved) is never dropped.
 *
 * <p>A change of ID on Redis Cluster names two session keys in different slots, so it takes three scripts in order:
 * read the old session, write the copy under the new key (indexing it first when it has a principal), then delete
 * the old key only if it still holds the version copied. If the old session was deleted meanwhile, the copy is
 * deleted and the change fails with {@link io.github.vertxsessions.spi.SessionGoneException}; if a save came in
 * between, the copy is deleted and the steps start over, a few times at most.
 */
public interface RedisSessionStore extends IndexedSessionStore {

  /**
   * A store with default options.
   *
   * @param vertx the Vert.x instance the store runs on
   * @param redis the client to take the store's connection from; the store never closes it: the caller owns it
   * @return the store; {@link #close()} gives its connection back to the client and leaves the client open
   */
  static RedisSessionStore create(Vertx vertx, Redis redis) {
    return create(vertx, redis, new RedisStoreOptions());
  }

  /**
   * A store with the given options. It connects on its first command, and again after losing its connection.
   *
   * @param vertx   the Vert.x instance the store runs on
   * @param redis   the client to take the store's connection from; the store never closes it: the caller owns it
   * @param options the store's options, copied: changing them afterwards does not change the store
   * @return the store; {@link #close()} gives its connection back to the client and leaves the client open
   */
  static RedisSessionStore create(Vertx vertx, Redis redis, RedisStoreOptions options) {
    return new RedisSessionStoreImpl(vertx, redis, new RedisStoreOptions(options));
  }
}
