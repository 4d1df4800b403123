package io.github.vertxsessions;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionOwner;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testkit.TestApp;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which writes reach the store as explicit (the application asked for them, so a store may make them more durable)
 * and which as automatic, over real HTTP.
 */
@ExtendWith(VertxExtension.class)
class ExplicitWritesTest {

  private TestApp app;

  @BeforeEach
  void start(Vertx vertx) {
    app = new TestApp(vertx, new SessionOptions());
  }

  @Test
  void theAutomaticSaveAtTheEndOfARequestIsNotExplicit() {
    String cookie = app.get("/put/user/alice", null).sid();
    app.get("/incr/n", cookie);

    assertEquals(List.of("auto save", "auto save"), app.store.writeKinds());
  }

  @Test
  void saveRegenerateAndDestroyAreExplicit() {
    String cookie = app.get("/put/user/alice", null).sid();
    app.store.resetCalls();

    app.post("/save", cookie);
    String regenerated = app.post("/regenerate", cookie).sid();
    app.post("/destroy", regenerated);

    // regenerate: one ID change, always explicit; destroy: the delete
    assertEquals(List.of("save", "changeId", "delete"), app.store.writeKinds());
  }

  @Test
  void revocationsAreExplicitDeletes() throws Exception {
    long now = app.clock.millis();
    for (String id : List.of("a", "b")) {
      app.store.save(SessionDelta.creationOf(SessionRecord.builder(id).createdAt(now).idleTimeout(60_000)
        .owner(SessionOwner.NONE.withPrincipal("alice")).build())).await(10, SECONDS);
    }
    app.store.resetCalls();
    SessionRegistry registry = SessionRegistry.create(app.vertx, app.store,
      new SessionOptions().setSecrets(List.of(TestApp.SECRET)));

    assertEquals(2, registry.revokeAll("alice").await(10, SECONDS));
    assertEquals(List.of("delete", "delete"), app.store.writeKinds());
  }
}
