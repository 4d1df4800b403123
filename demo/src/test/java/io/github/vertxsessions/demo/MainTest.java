package io.github.vertxsessions.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java ... Main} as a user runs it, in a process of its own: what it prints and how it exits. */
class MainTest {

  private record Outcome(int exitCode, String stdout, String stderr) {
  }

  @Test
  void aBadFlagStopsStartUpWithOneLineAndExitCode2() throws Exception {
    Outcome outcome = run(Map.of(), "--store", "local", "--port", "eighty");

    assertEquals(2, outcome.exitCode());
    assertEquals("vertx-sessions-demo: --port must be a whole number from 0 to 65535, not 'eighty'"
      + System.lineSeparator(), outcome.stderr());
    assertEquals("", outcome.stdout());
  }

  @Test
  void aBadEnvironmentValueStopsStartUpToo() throws Exception {
    Outcome outcome = run(Map.of("SESSION_STORE", "cassandra"));

    assertEquals(2, outcome.exitCode());
    assertEquals("vertx-sessions-demo: environment variable SESSION_STORE must be one of local, redis, mongo, "
      + "postgres, not 'cassandra'" + System.lineSeparator(), outcome.stderr());
  }

  @Test
  void helpPrintsTheUsage() throws Exception {
    Outcome outcome = run(Map.of(), "--help");

    assertEquals(0, outcome.exitCode());
    assertEquals(CommandLine.USAGE, outcome.stdout());
    assertTrue(outcome.stdout().contains("--redis-url URL    [env REDIS_URL]"), outcome.stdout());
    assertEquals("", outcome.stderr());
  }

  private static Outcome run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    // the demo reads these: the test's own environment must not leak into the child
    builder.environment().keySet().removeAll(List.of("SESSION_STORE", "REDIS_URL", "MONGO_URI", "HOST", "PORT",
      "SESSION_IDLE_TIMEOUT", "SESSION_SECRETS"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Main did not exit within 30 s for " + List.of(args));
    }
    return new Outcome(process.exitValue(),
      new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
      new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
