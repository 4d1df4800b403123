package io.github.vertxsessions.redis.impl;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A Lua script run on one key, or on several where they are in one slot (outside Cluster, any). It is sent by its
 * SHA-1 (EVALSHA), so a call costs one short command; when the server does not know the script (first use, or after
 * a restart or SCRIPT FLUSH emptied its cache) the call is repeated once with the source (EVAL), which caches it
 * again. In a cluster each node caches scripts on its own, and the key routes both commands to the same node. An
 * explicit write with replica acknowledgements carries its WAIT in the same batch ({@link ReplicaAcks}).
 *
 * <p>The sources are resource files ({@code .lua} beside this class, under {@code lua/}), so that they are read,
 * reviewed and highlighted as Lua; a script is the concatenation of the files it needs, each read once.
 */
final class LuaScript {

  /** Where the {@code .lua} files are, relative to this class's package. */
  private static final String FOLDER = "lua/";
  /** Each file's text, read at most once however many scripts include it. */
  private static final Map<String, String> FILES = new ConcurrentHashMap<>();

  private final String source;
  private final String sha1;

  private LuaScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /**
   * The script made of {@code header} (Lua that the caller generates, such as constants; may be empty) followed by
   * the files named, in order.
   */
  static LuaScript of(String header, String... files) {
    StringBuilder source = new StringBuilder(header);
    for (String file : files) {
      source.append(FILES.computeIfAbsent(file, LuaScript::readFile));
    }
    return new LuaScript(source.toString());
  }

  private static String readFile(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("The Lua file " + FOLDER + name + " is missing from the store's jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the Lua file " + FOLDER + name + " failed", e);
    }
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

  /**
   * A script's reply, and how to confirm what it wrote (at once without replica acknowledgements); asked only when
   * needed, since through Sentinel it asks the Sentinels.
   */
  record Written(Response reply, Supplier<Future<Void>> confirmation) {
    Future<Void> confirmed() {
      return confirmation.get();
    }
  }

  /**
   * Runs the script and, with {@code acks}, has what it wrote confirmed: the WAIT follows the script in one batch,
   * and {@link Written#confirmed()} says whether it counts ({@link ReplicaAcks#replicas}, then
   * {@link ReplicaAcks#standsBehind}). Meant for a step whose
   * reply the caller needs whether or not the confirmation comes, such as a copy that must be followed by its delete.
   */
  Future<Written> write(SharedConnection connection, List<String> keys, List<String> args, ReplicaAcks acks) {
    if (acks == null) {
      return run(connection, keys, args).map(reply -> new Written(reply, Future::succeededFuture));
    }
    return acknowledged(connection, request(Command.EVALSHA, sha1, keys, args), keys, acks)
      .recover(err -> isNoScript(err)
        ? acknowledged(connection, request(Command.EVAL, source, keys, args), keys, acks)
        : Future.failedFuture(err));
  }

  /**
   * Runs the script and, with {@code acks}, returns its reply only once what it wrote is confirmed, when
   * {@code wrote} says the reply is a write (and not a refusal that wrote nothing, which needs no confirmation).
   */
  Future<Response> run(SharedConnection connection, List<String> keys, List<String> args, ReplicaAcks acks,
                       Predicate<Response> wrote) {
    return write(connection, keys, args, acks)
      .compose(written -> wrote.test(written.reply()) ? written.confirmed().map(written.reply())
        : Future.succeededFuture(written.reply()));
  }

  private static Future<Written> acknowledged(SharedConnection connection, Request script, List<String> keys,
                                              ReplicaAcks acks) {
    ReplicaAcks.Wait wait = acks.waitFor(keys);
    return connection.batchOnNode(acks.batch(script, wait))
      .onFailure(err -> acks.abandon(wait))
      .map(batch -> {
        Future<Void> replicas = acks.replicas(wait, batch);
        return new Written(batch.replies().get(0), () -> replicas.compose(v -> acks.standsBehind(batch)));
      });
  }

  /** Alone, or first in a batch, whose failure names the failing command's index. */
  private static boolean isNoScript(Throwable err) {
    String message = err.getMessage();
    return message != null && (message.startsWith("NOSCRIPT") || message.startsWith("ERR [0] NOSCRIPT"));
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
