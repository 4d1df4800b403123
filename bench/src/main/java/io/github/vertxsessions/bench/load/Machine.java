package io.github.vertxsessions.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a run was taken on, from /proc and the JVM, for the results' header. */
public record Machine(int cores, String cpuModel, long memoryMb, String kernel, String jvm, String loadBefore) {

  static Machine describe() {
    return new Machine(Runtime.getRuntime().availableProcessors(),
      procLine("/proc/cpuinfo", "model name").orElse("unknown"),
      procLine("/proc/meminfo", "MemTotal").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024).orElse(-1L),
      System.getProperty("os.name") + " " + System.getProperty("os.version"),
      System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vm.vendor") + ")",
      loadAverage());
  }

  /** Whether other work ran when the run started: a one-minute load average of one or more. */
  public boolean wasBusy() {
    try {
      return Double.parseDouble(loadBefore.split(" / ")[0]) >= 1.0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The 1, 5 and 15 minute load averages now. */
  static String loadAverage() {
    try {
      List<String> fields = List.of(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" "));
      return String.join(" / ", fields.subList(0, 3));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Optional<String> procLine(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
        .filter(line -> line.startsWith(key))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
