package io.github.vertxsessions.mongo.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import static java.util.concurrent.TimeUnit.SECONDS;


/**
 * A TCP proxy in front of a MongoDB server that records the commands clients send through it, so that a test can
 * count the round trips an operation makes against a real server, without mocking the client. It reads the
 * MongoDB wire protocol's OP_MSG frames; the handshake and the driver's heartbeats are left out.
 */
public final class CommandRecordingProxy implements AutoCloseable {

  private static final int OP_MSG = 2013;
  private static final int HEADER_BYTES = 16;
  private static final Set<String> CONNECTION_CHATTER = Set.of("ismaster", "hello", "buildinfo", "ping",
    "endsessions", "saslstart", "saslcontinue");

  private final NetServer server;
  private final NetClient client;
  private final ConcurrentLinkedQueue<BsonDocument> commands = new ConcurrentLinkedQueue<>();

  private CommandRecordingProxy(Vertx vertx, String upstreamHost, int upstreamPort) {
    this.client = vertx.createNetClient();
    this.server = vertx.createNetServer().connectHandler(downstream -> {
      downstream.pause();
      client.connect(upstreamPort, upstreamHost).onComplete(ar -> {
        if (ar.failed()) {
          downstream.close();
          return;
        }
        NetSocket upstream = ar.result();
        FrameReader frames = new FrameReader();
        downstream.handler(bytes -> {
          frames.append(bytes);
          upstream.write(bytes);
        });
        upstream.handler(downstream::write);
        downstream.closeHandler(v -> upstream.close());
        upstream.closeHandler(v -> downstream.close());
        downstream.resume();
      });
    });
  }

  /** A proxy on a free port of 127.0.0.1, forwarding to {@code host:port}. */
  public static CommandRecordingProxy start(Vertx vertx, String host, int port) throws Exception {
    CommandRecordingProxy proxy = new CommandRecordingProxy(vertx, host, port);
    proxy.server.listen(0, "127.0.0.1").await(10, SECONDS);
    return proxy;
  }

  public int port() {
    return server.actualPort();
  }

  /** The commands sent since the last {@link #reset}, in order. */
  public List<BsonDocument> commands() {
    return new ArrayList<>(commands);
  }

  /** The names of {@link #commands()}, such as {@code find} or {@code findAndModify}. */
  public List<String> commandNames() {
    List<String> names = new ArrayList<>();
    commands.forEach(command -> names.add(command.getFirstKey()));
    return names;
  }

  public void reset() {
    commands.clear();
  }

  @Override
  public void close() throws Exception {
    server.close().await(10, SECONDS);
    client.close().await(10, SECONDS);
  }

  /** Splits one connection's bytes into wire-protocol messages, which TCP may cut anywhere. */
  private final class FrameReader {

    private Buffer pending = Buffer.buffer();

    void append(Buffer bytes) {
      pending.appendBuffer(bytes);
      while (pending.length() >= 4 && pending.length() >= pending.getIntLE(0)) {
        int length = pending.getIntLE(0);
        record(pending.getBytes(0, length));
        pending = pending.getBuffer(length, pending.length());
      }
    }

    /**
     * An OP_MSG: header, flag bits, then sections up to the optional checksum. The kind-0 section is the command;
     * kind-1 sections carry its document lists (the documents of an insert, the statements of a delete), which are
     * put back into the command as arrays.
     */
    private void record(byte[] message) {
      Buffer frame = Buffer.buffer(message);
      if (frame.getIntLE(12) != OP_MSG) {
        return;
      }
      int end = (frame.getIntLE(HEADER_BYTES) & 1) != 0 ? message.length - 4 : message.length;
      BsonDocument command = null;
      BsonDocument sequences = new BsonDocument();
      int offset = HEADER_BYTES + 4;
      while (offset < end) {
        byte kind = frame.getByte(offset);
        int size = frame.getIntLE(offset + 1);
        if (kind == 0) {
          command = new BsonDocument();
          command.putAll(new RawBsonDocument(message, offset + 1, size));
        } else {
          int name = offset + 5;
          int nameEnd = name;
          while (message[nameEnd] != 0) {
            nameEnd++;
          }
          BsonArray documents = new BsonArray();
          for (int doc = nameEnd + 1; doc < offset + 1 + size; doc += frame.getIntLE(doc)) {
            documents.add(new RawBsonDocument(message, doc, frame.getIntLE(doc)));
          }
          sequences.put(new String(message, name, nameEnd - name, StandardCharsets.UTF_8), documents);
        }
        offset += 1 + size;
      }
      if (command != null && !CONNECTION_CHATTER.contains(command.getFirstKey().toLowerCase(Locale.ROOT))) {
        command.putAll(sequences);
        commands.add(command);
      }
    }
  }
}
