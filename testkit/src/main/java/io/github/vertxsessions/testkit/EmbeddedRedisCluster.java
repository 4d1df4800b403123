package io.github.vertxsessions.testkit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.github.vertxsessions.testkit.Await.await;

/**
 * A real Redis Cluster of three masters (no replicas) on free ports, built the way an operator would: each node
 * started with cluster mode on and a directory of its own, the 16384 slots split in three with CLUSTER ADDSLOTS,
 * the nodes introduced with CLUSTER MEET. Started once per JVM, stopped when it exits.
 */
public final class EmbeddedRedisCluster {

  public static final int MASTERS = 3;
  private static final int SLOTS = 16384;
  private static final long READY_TIMEOUT_MILLIS = 30_000;
  private static final long POLL_MILLIS = 50;

  private static EmbeddedRedisCluster shared;

  private final List<EmbeddedRedis> nodes = new ArrayList<>();

  private EmbeddedRedisCluster() {
  }

  public static synchronized EmbeddedRedisCluster shared() {
    if (shared == null) {
      shared = new EmbeddedRedisCluster();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.nodes.forEach(EmbeddedRedis::close),
        "embedded-redis-cluster-stop"));
      shared.start();
    }
    return shared;
  }

  public List<EmbeddedRedis> nodes() {
    return List.copyOf(nodes);
  }

  /** Options of a cluster client that knows every node, as an application would configure it. */
  public RedisOptions clientOptions() {
    RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
    nodes.forEach(node -> options.addConnectionString(node.connectionString()));
    return options;
  }

  private void start() {
    for (int i = 0; i < MASTERS; i++) {
      nodes.add(EmbeddedRedis.start(FreePorts.forClusterNode(),
        List.of("cluster-enabled yes", "cluster-config-file nodes.conf", "cluster-node-timeout 1000")));
    }
    Vertx vertx = Vertx.vertx();
    try {
      List<RedisAdmin> admins = nodes.stream().map(node -> new RedisAdmin(vertx, node.connectionString())).toList();
      for (int i = 0; i < MASTERS; i++) {
        admins.get(i).call("CLUSTER", slotsArguments(i));
      }
      for (int i = 1; i < MASTERS; i++) {
        admins.get(0).call("CLUSTER", "MEET", "127.0.0.1", nodes.get(i).port());
      }
      admins.forEach(EmbeddedRedisCluster::awaitReady);
    } finally {
      await(vertx.close());
    }
  }

  /** Waits (boundedly: this is server start-up) until the node sees all masters and serves every slot. */
  private static void awaitReady(RedisAdmin node) {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
    String info = "";
    while (System.currentTimeMillis() < deadline) {
      info = node.call("CLUSTER", "INFO").toString();
      if (info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + MASTERS)
        && node.call("CLUSTER", "SLOTS").size() == MASTERS) {
        return;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("Redis Cluster not ready after " + READY_TIMEOUT_MILLIS + " ms: " + info);
  }

  private static Object[] slotsArguments(int master) {
    int from = SLOTS * master / MASTERS;
    int to = SLOTS * (master + 1) / MASTERS;
    List<Object> args = new ArrayList<>(List.of("ADDSLOTS"));
    IntStream.range(from, to).forEach(args::add);
    return args.toArray();
  }
}
