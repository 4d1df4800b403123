package io.github.vertxsessions.micrometer;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import org.junit.jupiter.api.Test;

import static io.github.vertxsessions.micrometer.SessionMetricsTest.awaitValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** An application that uses vertx-micrometer-metrics binds the session meters to the registry Vert.x made. */
class VertxMicrometerMetricsTest {

  @Test
  void theMetersLandInTheDefaultBackendRegistryBesideVertxsOwn() {
    // built with Micrometer metrics, as an injected Vert.x is not; the app closes it
    Vertx vertx = Vertx.builder()
      .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
      .withMetrics(new MicrometerMetricsFactory(new SimpleMeterRegistry()))
      .build();
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    SessionMetrics metrics = SessionMetrics.bind(vertx, registry);
    try (TestApp app = new TestApp(vertx, new TestClock(), new SessionOptions(), null, router -> { },
      new HttpServerOptions())) {
      app.get("/put/views/1", null);

      awaitValue(1, () -> registry.get(SessionMetrics.EVENTS).tags("type", "created", "store", "local").counter()
        .count());
      assertFalse(registry.find("vertx.http.server.requests").meters().isEmpty(), "Vert.x's own meters, same registry");
    } finally {
      metrics.close();
    }
  }
}
