package io.github.vertxsessions.redis;

import io.github.vertxsessions.redis.impl.RedisSessionStoreImpl;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * Sessions in Redis, one hash per session under a key prefix, expired by Redis itself through the key's time to
 * live. Works with whatever deployment the given client speaks to (standalone, Sentinel, Cluster): the store sends
 * every command of one store over one pipelined connection taken from that client, so a default client survives
 * any number of concurrent requests.
 *
 * <p>A load costs one command (it touches the session in the same script when due), a save one command; both run as
 * Lua scripts, so a save's changes apply atomically and never bring back a session that was deleted or expired.
 */
public interface RedisSessionStore extends SessionStore {

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
