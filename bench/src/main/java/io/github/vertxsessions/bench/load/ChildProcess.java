package io.github.vertxsessions.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process the suite started (a server, wrk, a measuring JVM): its output goes to a log file, the suite waits for
 * the first line that holds a marker (a server's ready line, a tool's result line), and it is stopped by its own PID
 * (SIGTERM, then SIGKILL). Every PID is also appended to a file so that run.sh's exit trap
 * can stop what a killed suite left behind; a shutdown hook stops the rest when the suite itself is told to stop.
 */
final class ChildProcess implements AutoCloseable {

  private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile Path pidFile;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcess::close), "stop-children"));
  }

  private final String name;
  private final Process process;
  private final CompletableFuture<String> marked = new CompletableFuture<>();

  private ChildProcess(String name, Process process, Path log, String marker) {
    this.name = name;
    this.process = process;
    Thread pump = new Thread(() -> pump(log, marker), name + "-output");
    pump.setDaemon(true);
    pump.start();
  }

  static void recordPidsIn(Path file) {
    pidFile = file;
  }

  /** Starts {@code command}; {@link #awaitLine} waits for its first output line that holds {@code marker}. */
  static ChildProcess start(String name, List<String> command, Path log, String marker) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ChildProcess child = new ChildProcess(name, process, log, marker);
    LIVE.add(child);
    Path pids = pidFile;
    if (pids != null) {
      Files.writeString(pids, process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return child;
  }

  /** The first output line that holds the marker. */
  String awaitLine(long timeoutSeconds) throws IOException {
    try {
      return marked.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException(name + " printed no awaited line within " + timeoutSeconds + " s (see its log)");
    } catch (ExecutionException e) {
      throw new IOException(name + ": " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + name, e);
    }
  }

  /** Waits for a process that ends by itself (a tool) and returns its exit code. */
  int awaitExit(long timeoutSeconds) throws IOException {
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        close();
        throw new IOException(name + " did not finish within " + timeoutSeconds + " s");
      }
      LIVE.remove(this);
      return process.exitValue();
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    LIVE.remove(this);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void pump(Path log, String marker) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        if (!marked.isDone() && line.contains(marker)) {
          marked.complete(line);
        }
      }
      marked.completeExceptionally(new IOException("exited with " + process.waitFor() + " before printing '"
        + marker.strip() + "' (see " + log + ")"));
    } catch (IOException | InterruptedException e) {
      marked.completeExceptionally(e);
    }
  }
}
