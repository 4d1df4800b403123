package io.github.vertxsessions.bench.load;

import io.github.vertxsessions.bench.peer.Backend;
import io.github.vertxsessions.bench.peer.PeerKind;
import io.github.vertxsessions.bench.peer.PeerServer;
import io.github.vertxsessions.bench.report.ResultsWriter;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole benchmark: every peer under every scenario (each run with a fresh peer JVM and a fresh backend), then
 * the micro benchmarks, then RESULTS.md. A plain program that waits on the processes it starts; nothing it runs
 * shares a thread with a server's event loop.
 */
public final class Suite {

  private final Settings settings;
  private final Launcher launcher;
  private final Path logs;
  private final Wrk wrk;

  private Suite(Settings settings, Path luaScript) throws IOException {
    this.settings = settings;
    this.launcher = Launcher.current(settings.jar());
    this.logs = Files.createDirectories(settings.work().resolve("logs"));
    this.wrk = new Wrk(luaScript, settings.threads(), settings.connections());
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Settings settings = Settings.parse(args, jar);
    Files.createDirectories(settings.work());
    ChildProcess.recordPidsIn(settings.work().resolve("children.pids"));
    Path lua = settings.work().resolve("sessions.lua");
    try (InputStream script = Suite.class.getResourceAsStream("/wrk/sessions.lua")) {
      Files.copy(script, lua, StandardCopyOption.REPLACE_EXISTING);
    }
    new Suite(settings, lua).run();
  }

  private void run() throws IOException {
    Machine machine = Machine.describe();
    log("machine: " + machine.cores() + " cores, " + machine.cpuModel() + ", load " + machine.loadBefore());
    List<LoadRun> runs = new ArrayList<>();
    if (settings.load()) {
      // scenario by scenario, so that the peers of one table are measured close together in time
      for (Scenario scenario : settings.scenarios()) {
        for (PeerKind peer : settings.peers()) {
          LoadRun run = run(peer, scenario);
          log(describe(run));
          runs.add(run);
        }
      }
    }
    JsonObject micro = settings.micro() ? new MicroTasks(launcher, logs, settings.work()).runAll(this::log)
      : new JsonObject();
    Duration elapsed = Duration.between(settings.since(), Instant.now());
    ResultsWriter.Environment environment = new ResultsWriter.Environment(machine, Machine.loadAverage(), elapsed,
      Tools.version(List.of("wrk", "-v"), "wrk", logs), redisDescription(), settings);
    Files.writeString(settings.out(), new ResultsWriter(environment, runs, micro).markdown());
    Files.writeString(settings.work().resolve("results.json"), new JsonObject()
      .put("runs", runs.stream().map(ResultsWriter::toJson).toList())
      .put("micro", micro).encodePrettily());
    log("wrote " + settings.out() + " after " + elapsed.toSeconds() + " s");
  }

  private LoadRun run(PeerKind peer, Scenario scenario) {
    String name = peer.id() + "-" + scenario.id();
    log(name + ": starting");
    Path peerLog = logs.resolve(name + "-peer.log");
    List<String> remarks = new ArrayList<>();
    BackendServer backend = null;
    ChildProcess server = null;
    try {
      backend = peer.backend() == Backend.NONE ? null : BackendServer.start(peer.backend(), launcher, logs, name);
      int port = FreePort.pick();
      List<String> args = new ArrayList<>(List.of(peer.id(), String.valueOf(port)));
      if (backend != null) {
        args.add(backend.address());
      }
      List<String> command = peer.isExpress() ? ExpressPeers.command(peer, args)
        : launcher.java(PeerServer.class, Settings.PEER_JVM_OPTIONS, args);
      server = ChildProcess.start(name, Cpus.on(Cpus.PEER, command), peerLog, "READY");
      server.awaitLine(60);
      PeerClient client = new PeerClient(port);
      List<String> cookieValues = List.of();
      Path cookies = null;
      if (scenario.withCookies()) {
        cookieValues = peer.hasSessions() ? client.mint(settings.sessions()) : LookalikeCookies.make(settings.sessions());
        cookies = Files.write(settings.work().resolve(name + "-cookies.txt"), cookieValues);
      }
      WrkResult warmup = wrk.run(port, scenario.path(), cookies, settings.warmupSeconds(),
        logs.resolve(name + "-wrk-warmup.log"));
      Map<String, Long> before = backend == null ? Map.of() : backend.commandCalls();
      CpuUse.Window window = CpuUse.start(new ProcCpu(server.pid()),
        backend == null ? null : new ProcCpu(backend.serverPid()));
      WrkResult result = wrk.run(port, scenario.path(), cookies, settings.durationSeconds(),
        logs.resolve(name + "-wrk.log"));
      CpuUse cpu = window.stop();
      Map<String, Long> redisCalls = peer.backend() == Backend.REDIS
        ? RedisCommandStats.delta(before, backend.commandCalls()) : null;
      long peakRss = ProcStatus.peakRssKb(server.pid());
      Long sessions = null;
      try {
        sessions = client.sessionCount();
      } catch (IOException e) {
        remarks.add("the session count could not be read after the window: " + e.getMessage());
      }
      Boolean anonCookie = scenario == Scenario.ANON ? client.anonymousGetsCookie(scenario.path()) : null;
      Long counterSum = scenario == Scenario.WRITE && peer.hasSessions() ? client.counterSum(cookieValues) : null;
      return new LoadRun(peer, scenario, warmup, result, null, peakRss, redisCalls, sessions, anonCookie, counterSum,
        remarks, cpu);
    } catch (IOException | RuntimeException e) {
      return LoadRun.failed(peer, scenario, e.getClass().getSimpleName() + ": " + e.getMessage(), remarks);
    } finally {
      if (server != null) {
        server.close();
      }
      if (backend != null) {
        backend.close();
      }
      // the returned run holds this same list: the log is complete only now that the peer has stopped
      PeerLog.problems(peerLog).ifPresent(remarks::add);
    }
  }

  private String redisDescription() {
    boolean anyRedis = settings.load() && settings.peers().stream().anyMatch(p -> p.backend() == Backend.REDIS);
    if (!anyRedis) {
      return "not used";
    }
    return BackendServer.redisProvenance(logs);
  }

  private static String describe(LoadRun run) {
    String name = run.peer().id() + "-" + run.scenario().id();
    if (!run.succeeded()) {
      return name + ": FAILED " + run.failure();
    }
    WrkResult r = run.result();
    double store = run.storeCpuMicrosPerRequest();
    return String.format(Locale.ROOT, "%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx %d, socket errors %d, "
        + "RSS %d MiB, CPU/req %.1f µs (peer, %.0f%% of a core)%s", name, r.requestsPerSecond(),
      r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.non2xx3xx(), r.socketErrors(), run.peakRssKb() / 1024,
      run.peerCpuMicrosPerRequest(), 100 * run.peerCoreShare(),
      Double.isNaN(store) ? "" : String.format(Locale.ROOT, ", %.1f µs (store)", store));
  }

  private void log(String message) {
    System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
  }
}
