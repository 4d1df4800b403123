package io.github.vertxsessions.testservers;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.vertxsessions.testservers.Blocking.await;

/**
 * Blocking commands on one Redis server for test set-up and assertions (never for code under test): it blocks the
 * JUnit thread only.
 */
public final class RedisAdmin implements AutoCloseable {

  private final Redis redis;

  public RedisAdmin(Vertx vertx, String connectionString) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(connectionString));
  }

  /** Runs one command, e.g. {@code call("SET", "k", "v")}. */
  public Response call(String command, Object... args) {
    return await(redis.send(Request.cmd(Command.create(command), args)));
  }

  /** The keys of this server that start with {@code prefix}. */
  public List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      Response page = call("SCAN", cursor, "MATCH", escapeGlob(prefix) + "*", "COUNT", 1000);
      cursor = page.get(0).toString();
      page.get(1).forEach(key -> keys.add(key.toString()));
    } while (!"0".equals(cursor));
    return keys;
  }

  /** Deletes the keys that start with {@code prefix}, and only those. */
  public void deleteKeys(String prefix) {
    for (String key : keys(prefix)) {
      call("DEL", key);
    }
  }

  /** How often each command ran so far (INFO commandstats), by lower-case name; includes calls made by scripts. */
  public Map<String, Long> commandCalls() {
    Map<String, Long> calls = new HashMap<>();
    for (String line : call("INFO", "commandstats").toString().split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        String stats = line.substring(line.indexOf(':') + 1);
        calls.put(name, Long.parseLong(stats.substring("calls=".length(), stats.indexOf(','))));
      }
    }
    return calls;
  }

  @Override
  public void close() {
    await(redis.close());
  }

  private static String escapeGlob(String text) {
    return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
