package examples;

import io.github.vertxsessions.demo.DemoVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The demo's page: the demo verticle deployed from an application's code, on Redis. */
public final class DemoDeployment {

  private DemoDeployment() {
  }

  /**
   * Deploys the demo on Redis, on a free port.
   *
   * @param vertx    the Vert.x instance
   * @param redisUrl where Redis is
   * @param secret   the secret that signs the cookies
   * @return the deployed verticle, which knows its port
   */
  public static Future<DemoVerticle> deploy(Vertx vertx, String redisUrl, String secret) {
    // tag::deploy[]
    DemoVerticle demo = new DemoVerticle();
    return vertx.deployVerticle(demo, new DeploymentOptions().setConfig(new JsonObject()
        .put("store", "redis")
        .put("redisUrl", redisUrl)                                // such as "redis://localhost:6379"
        .put("port", 0)                                           // any free port: see demo.actualPort()
        .put("idleTimeout", "PT30M")
        .put("secrets", new JsonArray().add(secret))              // from System.getenv("SESSION_SECRET"), say
        .put("users", new JsonObject().put("carol", "a-long-passphrase"))
        .put("redisStoreOptions", new JsonObject().put("keyPrefix", "demo:"))))
        .map(deployed -> demo);
    // end::deploy[]
  }
}
