package examples;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.redis.RedisStoreOptions;
import io.github.vertxsessions.redis.ReplicaAckException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.time.Duration;

/** The failover page: log-ins that succeed only once a Redis replica holds them. */
public final class ReplicaAcks {

  private ReplicaAcks() {
  }

  /**
   * The options of a store whose explicit writes wait for one replica.
   *
   * @return the options
   */
  public static RedisStoreOptions options() {
    // tag::store[]
    return new RedisStoreOptions()
        .setReplicaAcks(1)                                  // save(), regenerate(), destroy(): once a replica has it
        .setReplicaAckTimeout(Duration.ofMillis(500));      // below the handler's storeTimeout (2 s)
    // end::store[]
  }

  /**
   * A router whose log-in answers 503 when no replica confirms it.
   *
   * @param vertx   the Vert.x instance
   * @param store   the store
   * @param options the handler's options
   * @return the router
   */
  public static Router router(Vertx vertx, RedisSessionStore store, SessionOptions options) {
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, options));
    // tag::log-in[]
    router.post("/login").handler(ctx -> {                    // once the user's password is checked
      Session session = SessionHandler.session(ctx).setPrincipal("alice");
      session.regenerate()
          .onSuccess(v -> ctx.json(new JsonObject().put("user", session.principal())))
          .onFailure(err -> ctx.response().setStatusCode(503).end(err instanceof ReplicaAckException
              ? "Not confirmed by a replica: please sign in again"    // on the primary, may be lost in a failover
              : "Sessions are unavailable"));
    });
    // end::log-in[]
    router.get("/me").handler(ctx -> ctx.json(new JsonObject().put("user", SessionHandler.session(ctx).principal())));
    return router;
  }
}
