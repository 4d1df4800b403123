package io.github.vertxsessions.bench.load;

import io.github.vertxsessions.bench.micro.MicroResult;
import io.github.vertxsessions.bench.micro.SessionLookupBenchmark;
import io.github.vertxsessions.bench.micro.SessionMemory;
import io.github.vertxsessions.bench.micro.SweeperTicks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The measurements that need no server: JMH, the sweeper's ticks, memory per session; each in a JVM of its own. */
final class MicroTasks {

  private static final long TIMEOUT_SECONDS = 600;

  private final Launcher launcher;
  private final Path logs;
  private final Path work;

  MicroTasks(Launcher launcher, Path logs, Path work) {
    this.launcher = launcher;
    this.logs = logs;
    this.work = work;
  }

  /** Every measurement, each as its figures or as {@code {"failure": why}}. */
  JsonObject runAll(Consumer<String> log) {
    log.accept("micro: JMH");
    JsonObject results = new JsonObject().put("jmh", guarded(this::jmh));
    log.accept("micro: sweeper ticks with " + Settings.SWEEPER_SESSIONS + " sessions");
    results.put("sweeper", guarded(() -> main(SweeperTicks.class, Settings.SWEEPER_JVM_OPTIONS,
      Settings.SWEEPER_SESSIONS)));
    log.accept("micro: memory per session with " + Settings.MEMORY_SESSIONS + " sessions");
    results.put("memory", guarded(() -> main(SessionMemory.class, Settings.MEMORY_JVM_OPTIONS,
      Settings.MEMORY_SESSIONS)));
    return results;
  }

  private JsonObject jmh() throws IOException {
    Path json = work.resolve("jmh.json");
    Files.deleteIfExists(json);
    List<String> args = new ArrayList<>(List.of(SessionLookupBenchmark.class.getName()));
    args.addAll(Settings.JMH_OPTIONS);
    args.addAll(List.of("-rf", "json", "-rff", json.toString()));
    try (ChildProcess jmh = ChildProcess.start("jmh", launcher.java(org.openjdk.jmh.Main.class, List.of("-Xmx1g"),
      args), logs.resolve("jmh.log"), "# Run complete")) {
      jmh.awaitLine(TIMEOUT_SECONDS);
      int exit = jmh.awaitExit(60);
      if (exit != 0) {
        throw new IOException("JMH exited with " + exit + " (see logs/jmh.log)");
      }
    }
    JsonArray benchmarks = new JsonArray();
    for (Object entry : new JsonArray(Files.readString(json))) {
      JsonObject run = (JsonObject) entry;
      JsonObject metric = run.getJsonObject("primaryMetric");
      String name = run.getString("benchmark");
      benchmarks.add(new JsonObject()
        .put("benchmark", name.substring(name.lastIndexOf('.') + 1))
        .put("score", metric.getDouble("score"))
        .put("error", metric.getValue("scoreError") instanceof Number error ? error.doubleValue() : Double.NaN)
        .put("unit", metric.getString("scoreUnit")));
    }
    return new JsonObject().put("options", String.join(" ", Settings.JMH_OPTIONS)).put("benchmarks", benchmarks);
  }

  private JsonObject main(Class<?> main, List<String> jvmOptions, int sessions) throws IOException {
    String name = main.getSimpleName();
    try (ChildProcess child = ChildProcess.start(name, launcher.java(main, jvmOptions,
      List.of(String.valueOf(sessions))), logs.resolve(name + ".log"), MicroResult.PREFIX)) {
      // the result line is the program's last word: closing it then costs nothing
      String line = child.awaitLine(TIMEOUT_SECONDS);
      return new JsonObject(line.substring(line.indexOf(MicroResult.PREFIX) + MicroResult.PREFIX.length()))
        .put("jvmOptions", String.join(" ", jvmOptions));
    }
  }

  private static JsonObject guarded(Measurement measurement) {
    try {
      return measurement.run();
    } catch (IOException | RuntimeException e) {
      return new JsonObject().put("failure", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private interface Measurement {
    JsonObject run() throws IOException;
  }
}
