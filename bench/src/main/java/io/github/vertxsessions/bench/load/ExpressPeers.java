package io.github.vertxsessions.bench.load;

import io.github.vertxsessions.bench.peer.PeerKind;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command lines of the Express peers: one Node.js process running {@code bench/express/server.js}, with the same
 * arguments as a JVM peer ({@code <peer> <port> [<backend host:port>]}) and the same READY line. run.sh installs
 * their packages and names their directory in {@code BENCH_EXPRESS_DIR}; without it (no Node.js or npm, or the
 * install failed) the default run leaves them out and a run that names one reports it as failed, saying why.
 */
public final class ExpressPeers {

  /** Set by run.sh once {@code node_modules} is in place. */
  static final String DIRECTORY_VARIABLE = "BENCH_EXPRESS_DIR";

  private ExpressPeers() {
  }

  /** The Node.js command line of {@code peer}, to be pinned like a JVM peer's. */
  static List<String> command(PeerKind peer, List<String> args) throws IOException {
    Path dir = directory().orElseThrow(() -> new IOException(peer.id() + " needs Node.js, npm and the packages of "
      + "bench/express, which run.sh installs (npm ci) when node and npm are on the PATH"));
    List<String> command = new ArrayList<>(List.of("node", dir.resolve("server.js").toString()));
    command.addAll(args);
    return command;
  }

  /** {@code peers} without the Express ones when they cannot run here. */
  static List<PeerKind> runnable(List<PeerKind> peers) {
    return directory().isPresent() ? peers : peers.stream().filter(peer -> !peer.isExpress()).toList();
  }

  /** Node.js's version and the pinned packages, for the results; "not run" without Node.js. */
  public static String description(Path logs) {
    Optional<Path> dir = directory();
    if (dir.isEmpty()) {
      return "not run (no Node.js, or its packages could not be installed)";
    }
    String versions;
    try {
      JsonObject dependencies = new JsonObject(Files.readString(dir.get().resolve("package.json")))
        .getJsonObject("dependencies", new JsonObject());
      versions = dependencies.fieldNames().stream().sorted()
        .map(name -> name + " " + dependencies.getString(name))
        .collect(Collectors.joining(", "));
    } catch (IOException | RuntimeException e) {
      versions = "packages unknown (" + e.getMessage() + ")";
    }
    return "Node.js " + Tools.version(List.of("node", "--version"), "v", logs) + ", one process per peer and "
      + "scenario (no cluster), started fresh; " + versions;
  }

  private static Optional<Path> directory() {
    return Optional.ofNullable(System.getenv(DIRECTORY_VARIABLE))
      .map(Path::of)
      .filter(dir -> Files.isDirectory(dir.resolve("node_modules")));
  }
}
