package examples;

import io.github.vertxsessions.testservers.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.BindException;
import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local store's page: the instances of a verticle share one store, which the last one to stop empties. */
@ExtendWith(VertxExtension.class)
class LocalStoreVerticleTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");

  @Test
  void instancesShareTheStoreAndTheLastToStopEmptiesIt(Vertx vertx) throws Exception {
    int port = FreePorts.any();
    String deployment;
    try {
      deployment = LocalStoreVerticle.deploy(vertx, port, SECRETS).await(10, SECONDS);
    } catch (Exception failure) {
      if (!(failure instanceof BindException)) {
        throw failure;
      }
      // another process took the free port between its release and the deployment (other builds share this machine)
      port = FreePorts.any();
      deployment = LocalStoreVerticle.deploy(vertx, port, SECRETS).await(10, SECONDS);
    }
    Browser browser = new Browser(vertx, port);
    // a connection per request: the instances take turns accepting them, and each finds the count of the others
    for (int visit = 1; visit <= 8; visit++) {
      assertEquals(visit, Visits.of(browser.post("/visits")));
    }

    vertx.undeploy(deployment).await(10, SECONDS);
    LocalStoreVerticle.deploy(vertx, port, SECRETS).await(10, SECONDS);

    assertEquals(1, Visits.of(browser.post("/visits")), "a new store, without the sessions of the last one");
  }
}
