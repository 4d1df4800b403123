package io.github.vertxsessions.redis.impl;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run on one key, or on several where they are in one slot (outside Cluster, any). It is sent by its SHA-1 (EVALSHA), so a call costs one short command; when the
 * server does not know the script (first use, or after a restart or SCRIPT FLUSH emptied its cache) the call is
 * repeated once with the source (EVAL), which caches it again. In a cluster each node caches scripts on its own,
 * and the key routes both commands to the same node.
 */
final class LuaScript {

  private final String source;
  private final String sha1;

  LuaScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  Future<Response> run(SharedConnection connection, String key, List<String> args) {
    return run(connection, List.of(key), args);
  }

  Future<Response> run(SharedConnection connection, List<String> keys, List<String> args) {
    return connection.send(request(Command.EVALSHA, sha1, keys, args))
      .recover(err -> isNoScript(err)
        ? connection.send(request(Command.EVAL, source, keys, args))
        : Future.failedFuture(err));
  }

  private static boolean isNoScript(Throwable err) {
    String message = err.getMessage();
    return message != null && message.startsWith("NOSCRIPT");
  }

  private static Request request(Command command, String script, List<String> keys, List<String> args) {
    Request request = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(request::arg);
    args.forEach(request::arg);
    return request;
  }

  private static String sha1Hex(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-1", e);
    }
  }
}
