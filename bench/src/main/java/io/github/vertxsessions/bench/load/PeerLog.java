package io.github.vertxsessions.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads a peer's log for the warnings and errors it logged during its run, so that none goes unreported. */
final class PeerLog {

  /** Our logback pattern: {@code HH:mm:ss.SSS [thread] LEVEL logger -- message}. */
  private static final Pattern PROBLEM = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^]]*] (WARN|ERROR) +(.*)$");
  /** Redacted session IDs ({@code abc123…}) and counts, so that one kind of message groups as one. */
  private static final Pattern VARYING = Pattern.compile("[A-Za-z0-9_-]{1,6}…|\\d+");
  private static final int KINDS_SHOWN = 3;

  private PeerLog() {
  }

  /** "N warnings/errors, most often: ...", or empty when the peer logged none. */
  static Optional<String> problems(Path log) {
    if (!Files.exists(log)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(log)) {
      Map<String, Long> byMessage = lines
        .map(PROBLEM::matcher)
        .filter(Matcher::matches)
        .map(m -> m.group(1) + " " + VARYING.matcher(m.group(2)).replaceAll("#"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      if (byMessage.isEmpty()) {
        return Optional.empty();
      }
      long total = byMessage.values().stream().mapToLong(Long::longValue).sum();
      String kinds = byMessage.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(KINDS_SHOWN)
        .map(e -> String.format(Locale.ROOT, "%,d× %s", e.getValue(),
          e.getKey().length() > 160 ? e.getKey().substring(0, 160) + "…" : e.getKey()))
        .collect(Collectors.joining("; "));
      return Optional.of(String.format(Locale.ROOT, "logged %,d warnings/errors (see logs/%s), by kind (numbers and IDs as #): %s",
        total, log.getFileName(), kinds));
    } catch (IOException | RuntimeException e) {
      return Optional.of("its log could not be read: " + e.getMessage());
    }
  }
}
