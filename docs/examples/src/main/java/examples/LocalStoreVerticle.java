package examples;

// tag::imports[]
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
// end::imports[]

import java.util.List;

/**
 * The local store's page: a verticle deployed in several instances, each of which creates the store and so gets a
 * handle on the one store of its Vert.x instance.
 */
public class LocalStoreVerticle extends VerticleBase {

  private final int port;
  private final List<String> secrets;
  private LocalSessionStore store;

  /**
   * A verticle serving a visit counter.
   *
   * @param port    the port every instance listens on
   * @param secrets the secrets that sign the cookies
   */
  public LocalStoreVerticle(int port, List<String> secrets) {
    this.port = port;
    this.secrets = secrets;
  }

  /**
   * Deploys four instances of the verticle.
   *
   * @param vertx   the Vert.x instance
   * @param port    the port they share
   * @param secrets the secrets that sign the cookies
   * @return the deployment's ID
   */
  public static Future<String> deploy(Vertx vertx, int port, List<String> secrets) {
    // tag::deploy[]
    return vertx.deployVerticle(() -> new LocalStoreVerticle(port, secrets), new DeploymentOptions().setInstances(4));
    // end::deploy[]
  }

  // tag::verticle[]
  @Override
  public Future<?> start() {
    store = LocalSessionStore.create(vertx, new LocalStoreOptions()    // a handle on this Vert.x's store
        .setMaxSessions(50_000));                                      // the first creation's options hold
    Router router = Router.router(vertx);
    router.route().handler(SessionHandler.create(vertx, store, new SessionOptions().setSecrets(secrets)));
    router.post("/visits").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      Integer visits = session.getInteger("visits");
      session.put("visits", visits == null ? 1 : visits + 1);
      ctx.json(new JsonObject().put("visits", session.getInteger("visits")));
    });
    return vertx.createHttpServer().requestHandler(router).listen(port);
  }

  @Override
  public Future<?> stop() {
    return store.close();          // releases this handle; the last one stops the sweeper and drops the sessions
  }
  // end::verticle[]
}
