package io.github.vertxsessions.testservers;

import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static io.github.vertxsessions.testservers.Blocking.await;

/**
 * A real Redis Cluster of three masters on free ports, built the way an operator would: each node started with
 * cluster mode on and a directory of its own, the 16384 slots split in three with CLUSTER ADDSLOTS, the nodes
 * introduced with CLUSTER MEET, and any replica attached with CLUSTER REPLICATE. The {@link #shared()} one has no
 * replicas, is started once per JVM and stopped when it exits; {@link #startWithReplicas()} starts a private one
 * with a replica per master, for tests that kill a master (node timeout 1 second, so failovers start fast).
 */
public final class EmbeddedRedisCluster implements AutoCloseable {

  public static final int MASTERS = 3;
  private static final int SLOTS = 16384;
  /** A ceiling for start-up on a loaded machine; an idle one is ready in a second or two. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private static EmbeddedRedisCluster shared;

  private static final List<String> SETTINGS = List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
    "cluster-node-timeout 1000");
  /**
   * A replicated cluster keeps serving the slots of its live masters while one master is down: by default
   * ({@code yes}) every node refuses every command (CLUSTERDOWN) from the moment the cluster marks a master failed
   * until a replica has taken over, which would hide what a client does for the other masters meanwhile.
   */
  private static final String PARTIAL_COVERAGE = "cluster-require-full-coverage no";

  /** The masters first (master i serves the i-th third of the slots), then replica i of master i, if any. */
  private final List<EmbeddedRedis> nodes = new ArrayList<>();
  private final boolean replicated;

  private EmbeddedRedisCluster(boolean replicated) {
    this.replicated = replicated;
  }

  public static synchronized EmbeddedRedisCluster shared() {
    if (shared == null) {
      shared = new EmbeddedRedisCluster(false);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-redis-cluster-stop"));
      shared.start();
    }
    return shared;
  }

  /**
   * A cluster of its own with one replica per master, in sync, whose live masters keep serving while another is down
   * ({@code cluster-require-full-coverage no}); the caller closes it.
   */
  public static EmbeddedRedisCluster startWithReplicas() {
    EmbeddedRedisCluster cluster = new EmbeddedRedisCluster(true);
    try {
      cluster.start();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Every node: the masters as started, then their replicas. */
  public List<EmbeddedRedis> nodes() {
    return List.copyOf(nodes);
  }

  /** Master {@code i} as started (it may have failed over since). */
  public EmbeddedRedis master(int i) {
    return nodes.get(i);
  }

  /** The replica of master {@code i} as started; in a cluster without replicas, none. */
  public EmbeddedRedis replicaOf(int i) {
    if (!replicated) {
      throw new IllegalStateException("This cluster has no replicas");
    }
    return nodes.get(MASTERS + i);
  }

  /** Which master, as started, serves {@code slot}: master i the i-th third of the slots. */
  public static int masterOfSlot(int slot) {
    for (int i = 0; i < MASTERS && slot >= 0; i++) {
      if (slot < SLOTS * (i + 1) / MASTERS) {
        return i;
      }
    }
    throw new IllegalArgumentException("No slot " + slot + " in a cluster of " + SLOTS + " slots");
  }

  /** Whether {@code node} says it is a master (ROLE), as a replica does once it has won a failover. */
  public boolean isMaster(EmbeddedRedis node) {
    Vertx vertx = Vertx.vertx();
    try (RedisAdmin admin = new RedisAdmin(vertx, node.connectionString())) {
      return "master".equals(admin.call("ROLE").get(0).toString());
    } finally {
      await(vertx.close());
    }
  }

  /** Stops every node still running, each by its own process, and deletes their directories. */
  @Override
  public void close() {
    nodes.forEach(EmbeddedRedis::close);
  }

  /** Options of a cluster client that knows every node, as an application would configure it. */
  public RedisOptions clientOptions() {
    RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
    nodes.forEach(node -> options.addConnectionString(node.connectionString()));
    return options;
  }

  private void start() {
    int count = replicated ? 2 * MASTERS : MASTERS;
    List<String> settings = new ArrayList<>(SETTINGS);
    if (replicated) {
      settings.add(PARTIAL_COVERAGE);
    }
    for (int i = 0; i < count; i++) {
      nodes.add(EmbeddedRedis.start(FreePorts.forClusterNode(), settings));
    }
    Vertx vertx = Vertx.vertx();
    try {
      List<RedisAdmin> admins = nodes.stream().map(node -> new RedisAdmin(vertx, node.connectionString())).toList();
      for (int i = 0; i < MASTERS; i++) {
        admins.get(i).call("CLUSTER", slotsArguments(i));
      }
      for (int i = 1; i < count; i++) {
        admins.get(0).call("CLUSTER", "MEET", "127.0.0.1", nodes.get(i).port());
      }
      admins.forEach(admin -> awaitReady(admin, count));
      if (replicated) {
        for (int i = 0; i < MASTERS; i++) {
          admins.get(MASTERS + i).call("CLUSTER", "REPLICATE", admins.get(i).call("CLUSTER", "MYID").toString());
        }
        for (int i = 0; i < MASTERS; i++) {
          RedisAdmin master = admins.get(i);
          eventually(READY_TIMEOUT, "Redis Cluster: a replica in sync with master " + i,
            () -> master.call("INFO", "replication").toString().contains("state=online"));
        }
      }
    } finally {
      await(vertx.close());
    }
  }

  /** Waits (boundedly: this is server start-up) until the node sees every node and every slot served. */
  private static void awaitReady(RedisAdmin node, int count) {
    eventually(READY_TIMEOUT, "Redis Cluster: a cluster of " + count + " nodes serving every slot", () -> {
      String info = node.call("CLUSTER", "INFO").toString();
      return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + count)
        && node.call("CLUSTER", "SLOTS").size() == MASTERS;
    });
  }

  private static Object[] slotsArguments(int master) {
    int from = SLOTS * master / MASTERS;
    int to = SLOTS * (master + 1) / MASTERS;
    List<Object> args = new ArrayList<>(List.of("ADDSLOTS"));
    IntStream.range(from, to).forEach(args::add);
    return args.toArray();
  }
}
