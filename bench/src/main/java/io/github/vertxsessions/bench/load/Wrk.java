package io.github.vertxsessions.bench.load;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs wrk (a separate process) against a peer with the suite's Lua script and reads its result line. */
final class Wrk {

  private static final String RESULT_PREFIX = "WRK_RESULT ";

  private final Path script;
  private final int threads;
  private final int connections;

  Wrk(Path script, int threads, int connections) {
    this.script = script;
    this.threads = threads;
    this.connections = connections;
  }

  /**
   * Loads {@code path} on the peer for {@code seconds}; with a cookie file every request carries one of its cookies
   * in turn, without one no request carries a cookie.
   */
  WrkResult run(int port, String path, Path cookieFile, int seconds, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
      "--timeout", "10s", "-s", script.toString(), "http://127.0.0.1:" + port + "/", "--", path));
    if (cookieFile != null) {
      command.add(cookieFile.toString());
    }
    try (ChildProcess wrk = ChildProcess.start("wrk", Cpus.on(Cpus.LOAD, command), log, RESULT_PREFIX)) {
      String line = wrk.awaitLine(seconds + 60L);
      wrk.awaitExit(30);
      return WrkResult.fromJson(new JsonObject(line.substring(line.indexOf(RESULT_PREFIX) + RESULT_PREFIX.length())));
    }
  }
}
