package io.github.vertxsessions.testservers;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real redis-server process on a random free port of 127.0.0.1, kept in memory only. It can be stopped and
 * started again on the same port, to test what clients do meanwhile.
 *
 * <p>The binary is the one embedded-redis ships (Redis 6.2), or the one named by the environment variable
 * {@value #EXECUTABLE_ENV}, to run the same tests on another Redis version.
 */
public final class EmbeddedRedis implements AutoCloseable {

  public static final String EXECUTABLE_ENV = ExecutableProvider.ENVIRONMENT_EXECUTABLE_LOCATION;

  private final int port;
  private final RedisServer server;
  /** The server's working directory (a cluster node writes its nodes.conf there). */
  private final Path dir;
  private boolean running;
  /** Asked before freezing: a frozen server cannot tell. */
  private long frozenPid;

  private EmbeddedRedis(int port, List<String> settings) {
    this.port = port;
    try {
      dir = Files.createTempDirectory("vertx-sessions-redis-");
      List<String> all = new ArrayList<>(List.of("save \"\"", "appendonly no", "dir " + dir.toAbsolutePath()));
      all.addAll(settings);
      var builder = RedisServer.newRedisServer().executableProvider(executable()).bind("127.0.0.1").port(port);
      all.forEach(builder::setting);
      this.server = builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The redis-server binary to run: see {@link EmbeddedRedis}. */
  public static ExecutableProvider executable() {
    String path = System.getenv(EXECUTABLE_ENV);
    return path == null || path.isBlank()
      ? ExecutableProvider.newJarResourceProvider()
      : ExecutableProvider.newEnvironmentVariableProvider();
  }

  /** Starts a plain server on a free port. */
  public static EmbeddedRedis start() {
    return start(FreePorts.any(), List.of());
  }

  /** Starts a server on {@code port} with extra redis.conf lines such as {@code "cluster-enabled yes"}. */
  public static EmbeddedRedis start(int port, List<String> settings) {
    EmbeddedRedis redis = new EmbeddedRedis(port, settings);
    redis.startAgain();
    return redis;
  }

  public int port() {
    return port;
  }

  public String connectionString() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the process (SIGTERM, nothing saved): its clients see their connections close. */
  public synchronized void stop() {
    thaw();
    if (running) {
      try {
        server.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      running = false;
    }
  }

  /** Starts the stopped process again on the same port, empty; returns once it accepts connections. */
  public synchronized void startAgain() {
    if (!running) {
      try {
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      running = true;
    }
  }

  /**
   * Kills the process (SIGKILL), as a crash of its host would: nothing is saved or said to its clients or replicas,
   * the kernel just closes its sockets. {@link #startAgain()} starts it again, empty.
   */
  public synchronized void kill() {
    if (running) {
      signal("KILL", frozenPid != 0 ? frozenPid : pid());
      frozenPid = 0;
      try {
        server.stop(); // reaps the dead process, so that startAgain() may start another
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      running = false;
    }
  }

  /** Freezes the process (SIGSTOP), as a stalled host would: connections stay open, nothing answers. */
  public synchronized void freeze() {
    frozenPid = pid();
    signal("STOP", frozenPid);
  }

  /** Lets a frozen process run again (SIGCONT). */
  public synchronized void thaw() {
    if (frozenPid != 0) {
      signal("CONT", frozenPid);
      frozenPid = 0;
    }
  }

  private static void signal(String signal, long pid) {
    try {
      int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The server's process ID, as it reports it (redis-server rewrites its command line, so asking is simplest). */
  private long pid() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
      BufferedReader reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = reply.readLine(); line != null; line = reply.readLine()) {
        if (line.startsWith("process_id:")) {
          return Long.parseLong(line.substring("process_id:".length()).trim());
        }
      }
      throw new IllegalStateException("INFO server named no process_id");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server for good and deletes its directory. */
  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
