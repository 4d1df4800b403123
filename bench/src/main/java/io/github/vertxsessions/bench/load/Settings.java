package io.github.vertxsessions.bench.load;

import io.github.vertxsessions.bench.peer.PeerKind;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * How the suite runs, from its command line ({@code --name value}); the defaults are the documented run.
 *
 * @param since  when the run began (run.sh passes the time before its build), for the elapsed time
 * @param jar    the shaded jar every JVM of the run is started from
 * @param out    the Markdown results file to write
 * @param work   where logs, cookie files and raw results go
 */
public record Settings(int warmupSeconds, int durationSeconds, int sessions, int threads, int connections,
                       List<PeerKind> peers, List<Scenario> scenarios, boolean load, boolean micro, Instant since,
                       Path jar, Path out, Path work) {

  /** Every peer JVM gets the same heap and collector, so memory figures compare. */
  public static final List<String> PEER_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC");
  public static final List<String> SWEEPER_JVM_OPTIONS = List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC");
  public static final List<String> MEMORY_JVM_OPTIONS = List.of("-Xmx2g", "-XX:+UseG1GC");
  public static final int SWEEPER_SESSIONS = 1_000_000;
  public static final int MEMORY_SESSIONS = 200_000;
  /** JMH: one fork, 3 warm-up and 5 measured iterations of one second each. */
  public static final List<String> JMH_OPTIONS = List.of("-f", "1", "-wi", "3", "-i", "5", "-w", "1s", "-r", "1s");

  static Settings parse(String[] args, Path jar) {
    int warmup = 10;
    int duration = 10;
    int sessions = 1_000;
    int threads = 1;
    int connections = 64;
    List<PeerKind> peers = ExpressPeers.runnable(List.of(PeerKind.values()));
    List<Scenario> scenarios = List.of(Scenario.values());
    boolean load = true;
    boolean micro = true;
    Instant since = Instant.now();
    Path out = Path.of("bench/RESULTS.md");
    Path work = Path.of("bench/target/bench-work");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--duration" -> duration = Integer.parseInt(value);
        case "--sessions" -> sessions = Integer.parseInt(value);
        case "--threads" -> threads = Integer.parseInt(value);
        case "--connections" -> connections = Integer.parseInt(value);
        case "--peers" -> peers = Arrays.stream(value.split(",")).map(PeerKind::byId).toList();
        case "--scenarios" -> scenarios = Arrays.stream(value.split(",")).map(Scenario::byId).toList();
        case "--out" -> out = Path.of(value);
        case "--work" -> work = Path.of(value);
        case "--since" -> since = Instant.ofEpochSecond(Long.parseLong(value));
        case "--no-load" -> {
          load = false;
          i--;
        }
        case "--no-micro" -> {
          micro = false;
          i--;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --warmup s "
          + "--duration s --sessions n --threads n --connections n --peers a,b --scenarios a,b --out file "
          + "--work dir --since epoch-seconds --no-load --no-micro");
      }
      i++;
    }
    return new Settings(warmup, duration, sessions, threads, connections, peers, scenarios, load, micro, since, jar,
      out.toAbsolutePath(), work.toAbsolutePath());
  }
}
