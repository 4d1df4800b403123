package examples;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's quick start does what the README says: a browser's visits are counted in its session. */
@ExtendWith(VertxExtension.class)
class QuickStartTest {

  @Test
  void countsABrowsersVisits(Vertx vertx) throws Exception {
    SampleServer browser = new SampleServer(vertx, QuickStart.router(vertx, "a-secret-of-32-characters-or-more", "the-previous-secret-of-32-or-more"));
    assertEquals("{\"visits\":1}", browser.get("/visits").body());
    assertEquals("{\"visits\":2}", browser.get("/visits").body());
  }
}
