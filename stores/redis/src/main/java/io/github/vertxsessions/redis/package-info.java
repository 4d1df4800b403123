/**
 * The Redis store, for application code: {@link io.github.vertxsessions.redis.RedisSessionStore} keeps each session
 * as a hash under a key prefix, expired by Redis itself, over a {@code Redis} client the application creates and
 * owns; {@link io.github.vertxsessions.redis.RedisStoreOptions} set the prefix, the command timeout and how many
 * commands the store pipelines.
 *
 * <pre>{@code
 * Redis redis = Redis.createClient(vertx, "redis://localhost:6379");
 * SessionStore store = RedisSessionStore.create(vertx, redis, new RedisStoreOptions().setKeyPrefix("myapp:sess:"));
 * }</pre>
 */
package io.github.vertxsessions.redis;
