package io.github.vertxsessions.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code INFO commandstats} from the suite's own Redis over a plain socket (RESP), so that the Redis peers'
 * commands per request can be counted. Commands that scripts run count too, as Redis reports them.
 */
final class RedisCommandStats {

  private RedisCommandStats() {
  }

  /** Calls per command since the server started, without the INFO calls of this class. */
  static Map<String, Long> calls(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return parse(readBulkString(new BufferedInputStream(socket.getInputStream())));
    }
  }

  /** The per-command deltas between two snapshots, commands with no calls left out. */
  static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((command, calls) -> {
      long d = calls - before.getOrDefault(command, 0L);
      if (d > 0) {
        delta.put(command, d);
      }
    });
    return delta;
  }

  private static Map<String, Long> parse(String info) {
    Map<String, Long> calls = new TreeMap<>();
    for (String line : info.split("\r\n")) {
      // cmdstat_get:calls=12,usec=34,...
      if (line.startsWith("cmdstat_")) {
        String command = line.substring("cmdstat_".length(), line.indexOf(':'));
        int start = line.indexOf("calls=") + "calls=".length();
        int end = line.indexOf(',', start);
        if (!command.equals("info")) {
          calls.put(command, Long.parseLong(line.substring(start, end)));
        }
      }
    }
    return calls;
  }

  private static String readBulkString(InputStream in) throws IOException {
    String header = readLine(in);
    if (!header.startsWith("$")) {
      throw new IOException("unexpected Redis reply to INFO: " + header);
    }
    byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
    return new String(body, StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
