package io.github.vertxsessions.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;
import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Two application nodes (two Vert.x instances, each with its own client and store) sharing one server whose data
 * lives in a file: sessions move between the nodes and outlive a restart of the server. Node A runs on the injected
 * Vert.x, node B on one of its own.
 */
@ExtendWith(VertxExtension.class)
class MongoRestartTest {

  private static final long IDLE = Duration.ofMinutes(30).toMillis();

  @TempDir
  Path dir;
  private MongoTestServer mongo;
  private final TestClock clock = new TestClock();
  private Vertx nodeA;
  private Vertx nodeB;
  private MongoSessionStore storeA;
  private MongoSessionStore storeB;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    String file = dir.resolve("sessions.mv").toString();
    mongo = MongoTestServer.startInProcess(() -> new H2Backend(file));
    nodeA = vertx;
    nodeB = Vertx.vertx();
    storeA = open(nodeA);
    storeB = open(nodeB);
  }

  @AfterEach
  void tearDown() throws Exception {
    storeA.close().await(10, SECONDS);
    storeB.close().await(10, SECONDS);
    // node A, the injected Vert.x, too: before the server stops, rather than after by the extension
    nodeA.close().await(10, SECONDS);
    nodeB.close().await(10, SECONDS);
    mongo.close();
  }

  @Test
  void sessionsMoveBetweenNodesAndSurviveAServerRestart() throws Exception {
    long now = clock.millis();
    SessionRecord created = SessionRecord.builder(UUID.randomUUID().toString()).data(Map.of("user", "alice", "a.b", 1))
      .createdAt(now).idleTimeout(IDLE).build();
    storeA.save(SessionDelta.creationOf(created)).await(10, SECONDS);

    SessionRecord onB = storeB.load(created.id(), Long.MAX_VALUE).await(10, SECONDS);
    assertNotNull(onB, "node B reads what node A wrote");
    storeB.save(SessionDelta.builder(created.id()).set(Map.of("cart", 3)).unset(Set.of("user"))
      .createdAt(onB.createdAt()).idleTimeout(IDLE).build()).await(10, SECONDS);
    assertEquals(new JsonObject().put("a.b", 1).put("cart", 3), data(storeA.load(created.id(), Long.MAX_VALUE).await(10, SECONDS)));

    mongo.stop();
    mongo.restart();

    SessionRecord afterRestart = loadWhenBack(storeA, created.id());
    assertEquals(new JsonObject().put("a.b", 1).put("cart", 3), data(afterRestart));
    assertEquals(2, afterRestart.version());
    loadWhenBack(storeB, created.id());
    assertEquals(3L, storeB.save(SessionDelta.builder(created.id()).set(Map.of("n", 1)).createdAt(now)
      .idleTimeout(IDLE).build()).await(10, SECONDS), "node B changes it too");
  }

  private MongoSessionStore open(Vertx node) throws Exception {
    return MongoSessionStore.createAndInit(node, mongo.newClient(node),
      new MongoStoreOptions().setCollection("sessions").setClock(clock)).await(10, SECONDS);
  }

  /**
   * The same store, polled while its client reconnects: on a standalone server the first operation on each pooled
   * connection fails once after a restart. A bounded wait for the server, not for expiry.
   */
  private static SessionRecord loadWhenBack(MongoSessionStore store, String id) throws Exception {
    Future<SessionRecord>[] last = new Future[1];
    eventually(Duration.ofSeconds(30), "the server back", () -> MongoStoreTestBase.succeeds(last[0] = store.load(id, Long.MAX_VALUE)));
    return last[0].result();
  }

  private static JsonObject data(SessionRecord record) {
    assertNotNull(record);
    return new JsonObject(new HashMap<>(record.data()));
  }
}
