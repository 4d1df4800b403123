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
import io.vertx.redis.client.Redis;

import java.time.Duration;
import java.util.List;

/** The failover page: log-ins that succeed only once a Redis replica holds them. */
public final class ReplicaAcks {

  private ReplicaAcks() {
  }

  /**
   * A store whose explicit writes wait for one replica.
   *
   * @param vertx the Vert.x instance
   * @param redis the client of the primary (or of Sentinel, or of a cluster)
   * @return the store
   */
  public static RedisSessionStore store(Vertx vertx, Redis redis) {
    // tag::store[]
    return RedisSessionStore.create(vertx, redis, new RedisStoreOptions()
        .setReplicaAcks(1)                                  // save(), regenerate(), destroy(): once a replica has it
        .setReplicaAckTimeout(Duration.ofMillis(500)));     // below the handler's storeTimeout (2 s)
    // end::store[]
  }

  /**
   * A router whose log-in answers 503 when no replica confirms it.
   *
   * @param vertx   the Vert.x instance
   * @param store   the store
   * @param secrets the secrets that sign the cookies
   * @return the router
   */
  public static Router router(Vertx vertx, RedisSessionStore store, List<String> secrets) {
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions().setSecrets(secrets)));
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
