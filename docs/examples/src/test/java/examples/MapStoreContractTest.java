package examples;

// tag::contract[]
import com.example.sessions.MapSessionStore;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.SessionStoreContractTest;
import io.vertx.core.Vertx;

import java.time.Clock;

/** The whole store contract, run on the example store: its own clock, and a namespace per test. */
class MapStoreContractTest extends SessionStoreContractTest {

  @Override
  protected SessionStore newStore(Vertx vertx, Clock clock, String namespace) {
    return new MapSessionStore(vertx, clock);     // a map of its own: apart from every other store
  }
}
// end::contract[]
