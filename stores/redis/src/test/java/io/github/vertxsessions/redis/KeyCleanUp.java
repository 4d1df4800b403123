package io.github.vertxsessions.redis;

import io.github.vertxsessions.testservers.RedisAdmin;
import io.vertx.core.Vertx;

import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Deletes a test's keys once its application is closed, for the testkit's suites, whose {@code closeServers()} runs
 * after the app closed the test's Vert.x: the clean-up runs on a short-lived Vert.x of its own. Deleting them earlier
 * could race with the automatic saves of the test's last requests.
 */
final class KeyCleanUp {

  private KeyCleanUp() {
  }

  /** Deletes the keys under {@code prefix} on each of {@code nodes} (connection strings). */
  static void deleteKeys(String prefix, List<String> nodes) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      for (String node : nodes) {
        try (RedisAdmin admin = new RedisAdmin(vertx, node)) {
          admin.deleteKeys(prefix);
        }
      }
    } finally {
      vertx.close().await(10, SECONDS);
    }
  }
}
