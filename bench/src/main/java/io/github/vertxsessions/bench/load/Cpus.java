package io.github.vertxsessions.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the suite's processes run: the peer alone on CPU 0, the load generator and the store's server on CPU 1, so
 * that the peer's figure is its own CPU's work and not a share of a contended one. Without {@code taskset} or with a
 * single CPU nothing is pinned, and the results say so.
 */
public final class Cpus {

  static final int PEER = 0;
  static final int LOAD = 1;
  private static final boolean PINNING = Files.isExecutable(Path.of("/usr/bin/taskset"))
    && Runtime.getRuntime().availableProcessors() >= 2;

  private Cpus() {
  }

  /** Whether the processes are pinned on this machine. */
  public static boolean pinning() {
    return PINNING;
  }

  /** {@code command}, run on {@code cpu} alone when pinning is possible. */
  static List<String> on(int cpu, List<String> command) {
    if (!PINNING) {
      return command;
    }
    List<String> pinned = new ArrayList<>(List.of("/usr/bin/taskset", "-c", Integer.toString(cpu)));
    pinned.addAll(command);
    return pinned;
  }
}
