package io.github.vertxsessions.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The version lines of the external tools a run used, for the results. */
final class Tools {

  private Tools() {
  }

  /** The first line of {@code command}'s output that holds {@code marker}, or "unknown". */
  static String version(List<String> command, String marker, Path logs) {
    try (ChildProcess tool = ChildProcess.start(command.get(0), command,
      logs.resolve(Path.of(command.get(0)).getFileName() + "-version.log"), marker)) {
      String line = tool.awaitLine(30).strip();
      tool.awaitExit(30);
      return line;
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
