package io.github.vertxsessions.redis.impl;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.List;
import java.util.function.Function;

/**
 * The keys under one store's prefix, walked with SCAN page by page (never KEYS, which blocks the server), on the
 * one server or on every master of a cluster.
 *
 * <p>In a cluster each master holds only its own keys, and SCAN names no key by which the client could route it.
 * So a walk first reads the slot table, then runs SCAN inside a tiny script sent with a key that hashes to one of
 * each master's slots: the script runs on that master and scans its keys.
 */
final class KeySpace {

  private static final LuaScript SCAN_HERE = LuaScript.of("", "scan.lua");
  private static final String START = "0";

  private final SharedConnection connection;
  private final boolean cluster;
  private final String pattern;
  private final String scanCount;

  KeySpace(SharedConnection connection, boolean cluster, String prefix, int scanCount) {
    this.connection = connection;
    this.cluster = cluster;
    this.pattern = escapeGlob(prefix) + "*";
    this.scanCount = Integer.toString(scanCount);
  }

  /** Runs {@code action} on each page of keys in turn; a key may appear twice if the keyspace is resized meanwhile. */
  Future<Void> forEachPage(Function<List<String>, Future<?>> action) {
    if (!cluster) {
      return walk(null, START, action);
    }
    return masterRoutes().compose(routes -> {
      Future<Void> walks = Future.succeededFuture();
      for (String route : routes) {
        walks = walks.compose(v -> walk(route, START, action));
      }
      return walks;
    });
  }

  /** MATCH treats these as wildcards; a prefix means itself. */
  static String escapeGlob(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if ("*?[]\\".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  private Future<Void> walk(String route, String cursor, Function<List<String>, Future<?>> action) {
    Future<Response> page = route == null
      ? connection.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(scanCount))
      : SCAN_HERE.run(connection, route, List.of(cursor, pattern, scanCount));
    return page.compose(reply -> {
      String next = reply.get(0).toString();
      List<String> keys = reply.get(1).stream().map(Response::toString).toList();
      return action.apply(keys).compose(v -> START.equals(next) ? Future.succeededFuture() : walk(route, next, action));
    });
  }

  /** One key per master, hashing to a slot that master serves. */
  private Future<List<String>> masterRoutes() {
    return connection.send(Request.cmd(Command.CLUSTER).arg("SLOTS")).map(reply ->
      new SlotTable(reply).rangesByMaster().values().stream().map(HashSlots::keyInRanges).toList());
  }
}
