package io.github.vertxsessions.redis.testing;

import io.github.vertxsessions.testservers.RedisAdmin;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commands one Redis server ran during an action, by name with their calls, from INFO commandstats before and
 * after: the commands clients sent (EVALSHA) and those the scripts ran inside the server alike. Only meaningful on a
 * server that nothing else uses meanwhile.
 */
public final class CommandCalls {

  /** What the measuring itself runs: INFO, and the markers of {@link RedisMonitor}. */
  private static final Set<String> MEASURING = Set.of("echo", "info");

  private CommandCalls() {
  }

  /** The commands (lower case, with calls) that the server ran while {@code action} ran on this thread. */
  public static Map<String, Long> during(RedisAdmin admin, RedisMonitor.Action action) throws Exception {
    Map<String, Long> before = admin.commandCalls();
    action.run();
    Map<String, Long> ran = new TreeMap<>();
    admin.commandCalls().forEach((name, calls) -> {
      long delta = calls - before.getOrDefault(name, 0L);
      if (delta > 0 && !MEASURING.contains(name)) {
        ran.put(name, delta);
      }
    });
    return ran;
  }

  /** How many commands {@code ran} holds in all. */
  public static long total(Map<String, Long> ran) {
    return ran.values().stream().mapToLong(Long::longValue).sum();
  }
}
