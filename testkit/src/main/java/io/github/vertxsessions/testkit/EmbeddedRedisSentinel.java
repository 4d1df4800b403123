package io.github.vertxsessions.testkit;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import redis.embedded.RedisSentinel;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A master watched by one Sentinel, both real processes on free ports, for clients that find the master by name. */
public final class EmbeddedRedisSentinel implements AutoCloseable {

  public static final String MASTER_NAME = "vs-master";

  private final EmbeddedRedis master;
  private final RedisSentinel sentinel;
  private final int sentinelPort;

  private EmbeddedRedisSentinel() {
    master = EmbeddedRedis.start();
    sentinelPort = FreePorts.any();
    sentinel = RedisSentinel.newRedisSentinel().executableProvider(EmbeddedRedis.executable())
      .bind("127.0.0.1").port(sentinelPort)
      .masterName(MASTER_NAME).masterPort(master.port()).quorumSize(1).build();
    try {
      sentinel.start();
    } catch (IOException e) {
      master.close();
      throw new UncheckedIOException(e);
    }
  }

  public static EmbeddedRedisSentinel start() {
    return new EmbeddedRedisSentinel();
  }

  public EmbeddedRedis master() {
    return master;
  }

  /** Options of a Sentinel client asking for the master, as an application would configure it. */
  public RedisOptions clientOptions() {
    return new RedisOptions().setType(RedisClientType.SENTINEL)
      .setConnectionString("redis://127.0.0.1:" + sentinelPort)
      .setMasterName(MASTER_NAME)
      .setRole(RedisRole.MASTER);
  }

  @Override
  public void close() {
    try {
      sentinel.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      master.close();
    }
  }
}
