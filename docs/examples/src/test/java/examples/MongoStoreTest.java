package examples;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.mongo.MongoStoreOptions;
import io.github.vertxsessions.testservers.MongoTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Base64;
import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The MongoDB store's page, on an in-process MongoDB server: sessions in a collection, encrypted when asked. */
@ExtendWith(VertxExtension.class)
class MongoStoreTest {

  private static final List<String> SECRETS = List.of("a-secret-of-32-characters-or-more");

  @Test
  void keepsSessionsInTheCollection(Vertx vertx) throws Exception {
    try (MongoTestServer server = MongoTestServer.startInProcess(MemoryBackend::new)) {
      JsonObject document = visitTwice(vertx, server, new MongoStoreOptions().setCollection("sessions"));

      assertEquals(2, document.getJsonObject("data").getInteger("visits"));
    }
  }

  @Test
  void encryptsWhatItStores(Vertx vertx) throws Exception {
    try (MongoTestServer server = MongoTestServer.startInProcess(MemoryBackend::new)) {
      JsonObject document = visitTwice(vertx, server, MongoStore.encrypted(key(1), key(2)));

      assertNull(document.getValue("data"), document.encode());
      assertNotNull(document.getJsonObject("encryptedData"), document.encode());
    }
  }

  private static JsonObject visitTwice(Vertx vertx, MongoTestServer server, MongoStoreOptions options) throws Exception {
    Router router = Router.router(vertx);
    MongoSessionStore store = MongoStore.mount(vertx, router, server.connectionString(), options, SECRETS)
      .await(10, SECONDS);
    Browser browser = new Browser(vertx, Browser.serve(vertx, Visits.counted(router)));

    assertEquals(1, Visits.of(browser.post("/visits")));
    assertEquals(2, Visits.of(browser.post("/visits")));
    assertEquals(1L, store.count().await(10, SECONDS));
    List<JsonObject> documents = server.admin().find("sessions", new JsonObject()).await(10, SECONDS);
    assertEquals(1, documents.size());
    store.close().await(10, SECONDS);
    return documents.get(0);
  }

  private static String key(int fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) fill);
    return Base64.getEncoder().encodeToString(key);
  }
}
