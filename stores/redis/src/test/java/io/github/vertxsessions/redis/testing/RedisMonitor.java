package io.github.vertxsessions.redis.testing;

import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Counts the commands that clients send to one Redis server, with MONITOR. INFO commandstats cannot tell them
 * apart from the commands a Lua script runs (it counts both), while MONITOR marks the latter "lua": what is left is
 * exactly what travelled over the network, one entry per command.
 *
 * <p>To know when every command of an action has been seen, the monitor sends a marker (ECHO) before and after it
 * over a raw socket of its own, and waits until the marker comes back through MONITOR. Only meaningful on a server
 * that nothing else uses meanwhile (a private {@link EmbeddedRedis}).
 */
public final class RedisMonitor implements AutoCloseable {

  private static final long WAIT_SECONDS = 10;

  private final NetClient netClient;
  private final NetSocket monitor;
  private final NetSocket markers;
  private final List<String> lines = new ArrayList<>();
  private Predicate<List<String>> awaited;
  private CompletableFuture<Void> reached;

  private RedisMonitor(Vertx vertx, int port) throws Exception {
    netClient = vertx.createNetClient();
    monitor = netClient.connect(port, "127.0.0.1").await(10, SECONDS);
    monitor.handler(RecordParser.newDelimited("\r\n", line -> received(line.toString())));
    CompletableFuture<Void> ok = awaitUntil(all -> all.contains("+OK"));
    monitor.write("MONITOR\r\n").await(10, SECONDS);
    join(ok);
    markers = netClient.connect(port, "127.0.0.1").await(10, SECONDS);
    markers.handler(reply -> { });
  }

  public static RedisMonitor start(Vertx vertx, EmbeddedRedis server) throws Exception {
    return new RedisMonitor(vertx, server.port());
  }

  /** What a test does while the monitor records: it may wait on the test thread. */
  public interface Action {
    void run() throws Exception;
  }

  /** The names (lower case) of the commands clients sent while {@code action} ran on this thread. */
  public List<String> commandsDuring(Action action) throws Exception {
    return commandsDuring(action, 0);
  }

  /**
   * Like {@link #commandsDuring(Action)}, but after {@code action} also waits (at most 10 s) until at least
   * {@code atLeast} commands arrived, for actions that cause commands after they return (the save that follows an
   * HTTP response).
   */
  public List<String> commandsDuring(Action action, int atLeast) throws Exception {
    String start = mark();
    action.run();
    if (atLeast > 0) {
      join(awaitUntil(all -> commandsBetween(all, start, null).size() >= atLeast));
    }
    String end = mark();
    synchronized (this) {
      return commandsBetween(lines, start, end);
    }
  }

  @Override
  public void close() throws Exception {
    netClient.close().await(10, SECONDS);
  }

  /** Sends a marker through the server and waits until MONITOR shows it: every earlier command has been seen. */
  private String mark() {
    String marker = "vs-monitor-" + UUID.randomUUID();
    CompletableFuture<Void> seen = awaitUntil(all -> all.stream().anyMatch(line -> isMarker(line, marker)));
    try {
      markers.write("ECHO " + marker + "\r\n").await(10, SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the marker not written within 10 s", e);
    }
    join(seen);
    return marker;
  }

  /** Client commands after the start marker and before the end marker (or the last line seen when end is null). */
  private static List<String> commandsBetween(List<String> all, String start, String end) {
    List<String> commands = new ArrayList<>();
    boolean started = false;
    for (String line : all) {
      if (!started) {
        started = isMarker(line, start);
      } else if (end != null && isMarker(line, end)) {
        break;
      } else if (clientCommand(line) != null) {
        commands.add(clientCommand(line));
      }
    }
    return commands;
  }

  private static boolean isMarker(String line, String marker) {
    return line.endsWith(" \"" + marker + "\"");
  }

  /** The command of a MONITOR line such as {@code +1700000000.123 [0 127.0.0.1:5000] "get" "k"}; null for lua. */
  private static String clientCommand(String line) {
    int bracket = line.indexOf("] \"");
    if (!line.startsWith("+") || bracket < 0 || line.substring(0, bracket).endsWith(" lua")) {
      return null;
    }
    int nameStart = bracket + 3;
    return line.substring(nameStart, line.indexOf('"', nameStart)).toLowerCase(Locale.ROOT);
  }

  private synchronized void received(String line) {
    lines.add(line);
    check();
  }

  private synchronized CompletableFuture<Void> awaitUntil(Predicate<List<String>> condition) {
    awaited = condition;
    reached = new CompletableFuture<>();
    CompletableFuture<Void> result = reached;
    check();
    return result;
  }

  private void check() {
    if (awaited != null && awaited.test(lines)) {
      awaited = null;
      reached.complete(null);
    }
  }

  private static void join(CompletableFuture<Void> future) {
    try {
      future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Redis MONITOR did not show the expected commands within " + WAIT_SECONDS + " s", e);
    }
  }
}
