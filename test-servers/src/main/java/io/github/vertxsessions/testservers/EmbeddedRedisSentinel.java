package io.github.vertxsessions.testservers;

import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Response;
import redis.embedded.RedisSentinel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static io.github.vertxsessions.testservers.Blocking.await;

/**
 * A master watched by Sentinels, all real processes on free ports, for clients that find the master by name:
 * {@link #start()} a master and one Sentinel; {@link #startReplicated(int)} a master, replicas and three Sentinels
 * (quorum 2) that fail over one second after the master stops answering, for tests that {@link #killMaster() kill}
 * it.
 */
public final class EmbeddedRedisSentinel implements AutoCloseable {

  public static final String MASTER_NAME = "vs-master";
  /** How long a replicated set's Sentinels wait for an unanswering master before they agree it is down. */
  public static final long DOWN_AFTER_MILLIS = 1000;
  private static final long FAILOVER_TIMEOUT_MILLIS = 3000;
  /** A ceiling for start-up on a loaded machine; an idle one is ready in a second or two. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  /** The master first, then its replicas; after a failover a replica may be the master (see {@link #master()}). */
  private final List<EmbeddedRedis> nodes = new ArrayList<>();
  private final List<RedisSentinel> sentinels = new ArrayList<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();
  /** Runs the set-up's own questions to the servers. */
  private final Vertx vertx = Vertx.vertx();

  private EmbeddedRedisSentinel(int replicas, int sentinelCount, int quorum) {
    try {
      EmbeddedRedis master = EmbeddedRedis.start();
      nodes.add(master);
      for (int i = 0; i < replicas; i++) {
        nodes.add(EmbeddedRedis.start(FreePorts.any(), List.of("replicaof 127.0.0.1 " + master.port())));
      }
      for (int i = 0; i < sentinelCount; i++) {
        int port = FreePorts.any();
        var builder = RedisSentinel.newRedisSentinel().executableProvider(EmbeddedRedis.executable())
          .bind("127.0.0.1").port(port).masterName(MASTER_NAME).masterPort(master.port()).quorumSize(quorum);
        if (replicas > 0) {
          builder.downAfterMilliseconds(DOWN_AFTER_MILLIS).failOverTimeout(FAILOVER_TIMEOUT_MILLIS).parallelSyncs(1);
        }
        RedisSentinel sentinel = builder.build();
        sentinel.start();
        sentinels.add(sentinel);
        sentinelPorts.add(port);
      }
      if (replicas > 0) {
        awaitReady(replicas, sentinelCount);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** A master and one Sentinel, which never fails over. */
  public static EmbeddedRedisSentinel start() {
    return new EmbeddedRedisSentinel(0, 1, 1);
  }

  /**
   * A master with {@code replicas} replicas in sync and three Sentinels that know each other and every replica, so
   * that a failover can start as soon as the master dies.
   */
  public static EmbeddedRedisSentinel startReplicated(int replicas) {
    return new EmbeddedRedisSentinel(replicas, 3, 2);
  }

  /** Every data node, master and replicas. */
  public List<EmbeddedRedis> nodes() {
    return List.copyOf(nodes);
  }

  /** The node the Sentinels name as master now (after a failover, a former replica). */
  public EmbeddedRedis master() {
    int port = Integer.parseInt(askSentinel("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).get(1).toString());
    return nodes.stream().filter(node -> node.port() == port).findFirst()
      .orElseThrow(() -> new IllegalStateException("The Sentinels name an unknown master on port " + port));
  }

  /** Kills the current master (SIGKILL) and returns it; the Sentinels then promote a replica. */
  public EmbeddedRedis killMaster() {
    EmbeddedRedis master = master();
    master.kill();
    return master;
  }

  /**
   * Has the Sentinels switch to a replica while the master keeps running ({@code SENTINEL FAILOVER}), as they also do
   * when they wrongly think it down; returns the master switched away from, which goes on accepting writes until the
   * Sentinels make it a replica, seconds later.
   */
  public EmbeddedRedis failover() {
    EmbeddedRedis master = master();
    String ok = askSentinel("SENTINEL", "FAILOVER", MASTER_NAME).toString();
    if (!"OK".equals(ok)) {
      throw new IllegalStateException("SENTINEL FAILOVER answered " + ok);
    }
    return master;
  }

  /** Options of a Sentinel client that knows every Sentinel and asks for the master, as an application would. */
  public RedisOptions clientOptions() {
    RedisOptions options = new RedisOptions().setType(RedisClientType.SENTINEL).setMasterName(MASTER_NAME)
      .setRole(RedisRole.MASTER);
    sentinelPorts.forEach(port -> options.addConnectionString("redis://127.0.0.1:" + port));
    return options;
  }

  /** Waits (boundedly: this is start-up) for replicas in sync and Sentinels that see them and each other. */
  private void awaitReady(int replicas, int sentinelCount) {
    eventually(READY_TIMEOUT, "replicas in sync with " + nodes.get(0).connectionString(), () -> {
      String info = askNode(nodes.get(0), "INFO", "replication").toString();
      return info.contains("connected_slaves:" + replicas)
        && info.split("state=online", -1).length - 1 == replicas;
    });
    for (int port : sentinelPorts) {
      eventually(READY_TIMEOUT, "sentinel " + port + " knowing the other Sentinels and every replica", () -> {
        Response known = ask("redis://127.0.0.1:" + port, "SENTINEL", "SENTINELS", MASTER_NAME);
        Response seen = ask("redis://127.0.0.1:" + port, "SENTINEL", "REPLICAS", MASTER_NAME);
        return known.size() == sentinelCount - 1 && seen.size() == replicas;
      });
    }
  }

  private Response askSentinel(String command, Object... args) {
    return ask("redis://127.0.0.1:" + sentinelPorts.get(0), command, args);
  }

  private Response askNode(EmbeddedRedis node, String command, Object... args) {
    return ask(node.connectionString(), command, args);
  }

  private Response ask(String connectionString, String command, Object... args) {
    try (RedisAdmin admin = new RedisAdmin(vertx, connectionString)) {
      return admin.call(command, args);
    }
  }

  /** Stops every Sentinel and node still running, each by its own process. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (RedisSentinel sentinel : sentinels) {
      try {
        sentinel.stop();
      } catch (IOException | RuntimeException e) {
        failure = e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
      }
    }
    for (EmbeddedRedis node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    await(vertx.close());
    if (failure != null) {
      throw failure;
    }
  }
}
