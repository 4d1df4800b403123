package examples;

import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.testservers.EmbeddedRedis;
import io.github.vertxsessions.testservers.FreePorts;
import io.github.vertxsessions.testservers.RedisAdmin;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.github.vertxsessions.testkit.Eventually.eventually;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The failover page, on a real primary and replica: a log-in succeeds once the replica has it, and not otherwise. */
@ExtendWith(VertxExtension.class)
class ReplicaAcksTest {

  @Test
  void aLogInIsConfirmedByTheReplicaOrRefused(Vertx vertx) throws Exception {
    try (EmbeddedRedis primary = EmbeddedRedis.start();
         EmbeddedRedis replica = EmbeddedRedis.start(FreePorts.any(), List.of("replicaof 127.0.0.1 " + primary.port()))) {
      RedisAdmin onReplica = new RedisAdmin(vertx, replica.connectionString());
      eventually(Duration.ofSeconds(10), "the replica's first sync",
        () -> onReplica.call("INFO", "replication").toString().contains("master_link_status:up"));
      RedisSessionStore store = RedisSessionStore.create(vertx, Redis.createClient(vertx, primary.connectionString()),
        ReplicaAcks.options().setReplicaAckTimeout(Duration.ofMillis(1500)));   // room for a loaded machine's replica
      // the write timeout well above the acknowledgement's, so that the change of ID that the replica does not confirm
      // is found where it went before the caller is answered, however loaded the machine
      int port = Browser.serve(vertx, ReplicaAcks.router(vertx, store, new SessionOptions()
        .setSecrets(List.of("a-secret-of-32-characters-or-more")).setWriteTimeout(Duration.ofSeconds(8))));

      Browser confirmed = new Browser(vertx, port);
      assertEquals("alice", confirmed.post("/login").json().getString("user"));
      assertEquals("alice", confirmed.get("/me").json().getString("user"));

      replica.freeze();
      try {
        Browser refused = new Browser(vertx, port);
        Browser.Answer login = refused.post("/login");

        assertEquals(503, login.status());
        assertEquals("Not confirmed by a replica: please sign in again", login.body());
        assertNull(refused.cookie(), "no cookie for a log-in that failed");
        assertNull(refused.get("/me").json().getString("user"));

        // a stored session's change of ID is on the primary, unconfirmed: the cookie follows it to its new ID
        String before = confirmed.cookie();
        assertEquals(503, confirmed.post("/login").status());
        assertNotEquals(before, confirmed.cookie());
        assertEquals("alice", confirmed.get("/me").json().getString("user"));
      } finally {
        replica.thaw();
      }
      store.close().await(10, SECONDS);
    }
  }
}
