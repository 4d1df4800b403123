package examples;

import io.github.vertxsessions.SessionEvent;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.health.SessionStoreHealth;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.micrometer.SessionMetrics;
import io.github.vertxsessions.spi.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The observability page: session events on the event bus, Micrometer meters, and a health check of the store. */
public final class Observability {

  private Observability() {
  }

  /**
   * Options that publish session events, and a consumer that is told who signed out.
   *
   * @param vertx     the Vert.x instance
   * @param secrets   the secrets that sign the cookies
   * @param signedOut told the principal of each session destroyed or revoked
   * @return the handler's options
   */
  public static SessionOptions events(Vertx vertx, List<String> secrets, Consumer<String> signedOut) {
    // tag::events[]
    SessionOptions options = new SessionOptions().setSecrets(secrets)
        .setEventsAddress("sessions.events");                           // none by default: no events
    vertx.eventBus().<JsonObject>consumer("sessions.events", message -> {
      SessionEvent event = new SessionEvent(message.body());
      if (event.type() == SessionEvent.Type.DESTROYED || event.type() == SessionEvent.Type.REVOKED) {
        signedOut.accept(event.principal());                             // close that user's WebSockets, say
      }
    });
    // end::events[]
    return options;
  }

  /**
   * Binds the session meters.
   *
   * @param vertx    the Vert.x instance whose sessions are measured
   * @param registry the application's registry
   * @param store    the local store, for its gauge
   * @return the binding, to close when the application stops
   */
  public static SessionMetrics metrics(Vertx vertx, MeterRegistry registry, LocalSessionStore store) {
    // tag::metrics[]
    SessionMetrics metrics = SessionMetrics.bind(vertx, registry)   // or BackendRegistries.getDefaultNow()
        .bindLocalStore(store);                                      // the gauge of the local store only
    // at shutdown, metrics.close() removes its observer and every meter it registered
    // end::metrics[]
    return metrics;
  }

  /**
   * Serves the store's health at {@code /health}.
   *
   * @param vertx  the Vert.x instance
   * @param router the router
   * @param store  the store to probe
   */
  public static void health(Vertx vertx, Router router, SessionStore store) {
    // tag::health[]
    HealthCheckHandler health = HealthCheckHandler.create(vertx);
    health.register("session-store", 6_000,                          // longer than the probe's first wait (5 s)
        SessionStoreHealth.procedure(vertx, store, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    router.get("/health").handler(health);
    // end::health[]
  }
}
