package io.github.vertxsessions.bench.peer;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * One peer as an HTTP server on 127.0.0.1: {@code PeerServer <peer> <port> [<backend host:port>]}. Every peer runs
 * on ONE event loop with one verticle instance, so the comparison measures the session code, not the core count.
 * Prints {@code READY} once listening; the suite stops it with SIGTERM.
 */
public final class PeerServer extends VerticleBase {

  private final PeerKind kind;
  private final int port;
  private final String backend;

  private PeerServer(PeerKind kind, int port, String backend) {
    this.kind = kind;
    this.port = port;
    this.backend = backend;
  }

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: PeerServer <peer> <port> [<backend host:port>]");
      System.exit(2);
    }
    PeerKind kind = PeerKind.byId(args[0]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    vertx.deployVerticle(new PeerServer(kind, Integer.parseInt(args[1]), args.length > 2 ? args[2] : null))
      .onSuccess(id -> System.out.println("READY " + kind.id() + " on " + args[1]))
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(1);
      });
  }

  @Override
  public Future<?> start() {
    return kind.create(vertx, backend)
      .compose(peer -> vertx.createHttpServer().requestHandler(Routes.router(vertx, peer)).listen(port, "127.0.0.1"));
  }
}
