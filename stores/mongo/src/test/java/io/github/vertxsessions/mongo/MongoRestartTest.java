package io.github.vertxsessions.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.github.vertxsessions.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two application nodes (two Vert.x instances, each with its own client and store) sharing one server whose data
 * lives in a file: sessions move between the nodes and outlive a restart of the server.
 */
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
  void setUp() {
    String file = dir.resolve("sessions.mv").toString();
    mongo = MongoTestServer.startInProcess(() -> new H2Backend(file));
    nodeA = Vertx.vertx();
    nodeB = Vertx.vertx();
    storeA = open(nodeA);
    storeB = open(nodeB);
  }

  @AfterEach
  void tearDown() {
    await(storeA.close());
    await(storeB.close());
    await(nodeA.close());
    await(nodeB.close());
    mongo.close();
  }

  @Test
  void sessionsMoveBetweenNodesAndSurviveAServerRestart() {
    long now = clock.millis();
    SessionRecord created = SessionRecord.builder(UUID.randomUUID().toString()).data(Map.of("user", "alice", "a.b", 1))
      .createdAt(now).idleTimeout(IDLE).build();
    await(storeA.save(SessionDelta.creationOf(created)));

    SessionRecord onB = await(storeB.load(created.id(), Long.MAX_VALUE));
    assertNotNull(onB, "node B reads what node A wrote");
    await(storeB.save(SessionDelta.builder(created.id()).set(Map.of("cart", 3)).unset(Set.of("user"))
      .createdAt(onB.createdAt()).idleTimeout(IDLE).build()));
    assertEquals(new JsonObject().put("a.b", 1).put("cart", 3), data(await(storeA.load(created.id(), Long.MAX_VALUE))));

    mongo.stop();
    mongo.restart();

    SessionRecord afterRestart = loadWhenBack(storeA, created.id());
    assertEquals(new JsonObject().put("a.b", 1).put("cart", 3), data(afterRestart));
    assertEquals(2, afterRestart.version());
    loadWhenBack(storeB, created.id());
    assertEquals(3L, await(storeB.save(SessionDelta.builder(created.id()).set(Map.of("n", 1)).createdAt(now)
      .idleTimeout(IDLE).build())), "node B changes it too");
  }

  private MongoSessionStore open(Vertx node) {
    return await(MongoSessionStore.createAndInit(node, mongo.newClient(node),
      new MongoStoreOptions().setCollection("sessions").setClock(clock)));
  }

  /**
   * The same store, polled while its client reconnects: on a standalone server the first operation on each pooled
   * connection fails once after a restart. A bounded wait for the server, not for expiry.
   */
  private static SessionRecord loadWhenBack(MongoSessionStore store, String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return await(store.load(id, Long.MAX_VALUE));
      } catch (RuntimeException | AssertionError stillDown) {
        if (System.nanoTime() > deadline) {
          fail("the server did not come back within 10 s", stillDown);
        }
      }
    }
  }

  private static JsonObject data(SessionRecord record) {
    assertNotNull(record);
    return new JsonObject(new HashMap<>(record.data()));
  }
}
