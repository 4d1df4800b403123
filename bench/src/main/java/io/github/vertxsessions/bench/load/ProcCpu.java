package io.github.vertxsessions.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time a server has used so far, read from Linux's {@code /proc/<pid>/stat}: user plus system time (fields
 * 14 and 15) of the process and of every live descendant, plus the time of the children they have already reaped
 * (fields 16 and 17), so that PostgreSQL's per-connection processes count and a child that exits between two
 * samples is counted once, by its parent. Sampled before and after a measured window, the difference is the
 * server's CPU over that window whatever language it is written in.
 */
public final class ProcCpu {

  private static final long TICKS_PER_SECOND = clockTicks();

  private final long pid;

  /** The CPU of {@code pid} and its descendants. */
  ProcCpu(long pid) {
    this.pid = pid;
  }

  /**
   * Kernel clock ticks per second, the unit and resolution of the fields read: {@code getconf CLK_TCK}, else
   * Linux's usual 100.
   */
  public static long ticksPerSecond() {
    return TICKS_PER_SECOND;
  }

  /** The CPU time used so far, in microseconds; -1 when the process is gone or /proc cannot be read. */
  long micros() {
    try {
      Map<Long, Stat> all = readAll();
      if (!all.containsKey(pid)) {
        return -1;
      }
      long ticks = 0;
      for (long member : tree(all)) {
        ticks += all.get(member).ticks();
      }
      return ticks * 1_000_000 / TICKS_PER_SECOND;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The process and its descendants, from the parent of each process in /proc. */
  private Set<Long> tree(Map<Long, Stat> all) {
    Map<Long, List<Long>> children = new HashMap<>();
    all.forEach((child, stat) -> children.computeIfAbsent(stat.ppid(), p -> new ArrayList<>()).add(child));
    Set<Long> members = new HashSet<>();
    Deque<Long> pending = new ArrayDeque<>(List.of(pid));
    while (!pending.isEmpty()) {
      long next = pending.pop();
      if (members.add(next)) {
        pending.addAll(children.getOrDefault(next, List.of()));
      }
    }
    return members;
  }

  private static Map<Long, Stat> readAll() throws IOException {
    Map<Long, Stat> all = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          all.put(Long.parseLong(proc.getFileName().toString()),
            Stat.parse(Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException | NumberFormatException e) {
          // the process ended between the listing and the read: its time is now in its parent's reaped fields
        }
      }
    }
    return all;
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      try (InputStream out = getconf.getInputStream()) {
        String text = new String(out.readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
          return Long.parseLong(text);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the usual value
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }

  /** The fields of one /proc/<pid>/stat this class needs. */
  private record Stat(long ppid, long ticks) {

    /** Fields counted from 1 as in proc(5); the name (field 2) may hold spaces, so counting starts after it. */
    static Stat parse(String line) {
      String[] fields = line.substring(line.lastIndexOf(')') + 2).strip().split(" ");
      // fields[0] is field 3 (state): field n is fields[n - 3]
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      long reapedUtime = Long.parseLong(fields[13]);
      long reapedStime = Long.parseLong(fields[14]);
      return new Stat(Long.parseLong(fields[1]), utime + stime + reapedUtime + reapedStime);
    }
  }
}
