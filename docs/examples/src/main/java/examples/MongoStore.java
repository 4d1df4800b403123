package examples;

// tag::imports[]
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.mongo.MongoStoreOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
// end::imports[]
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.List;

/** The MongoDB store's page: the store on a client of the application's, and encryption at rest. */
public final class MongoStore {

  private MongoStore() {
  }

  /**
   * Mounts a session handler on MongoDB, once the store's indexes are in place.
   *
   * @param vertx            the Vert.x instance
   * @param router           the router to mount it on
   * @param connectionString where MongoDB is, with the database, such as {@code mongodb://127.0.0.1:27017/app}
   * @param storeOptions     the store's options
   * @param secrets          the secrets that sign the cookies
   * @return the store, once it is ready
   */
  public static Future<MongoSessionStore> mount(Vertx vertx, Router router, String connectionString,
                                                MongoStoreOptions storeOptions, List<String> secrets) {
    // tag::create[]
    MongoClient mongo = MongoClient.createShared(vertx, new JsonObject()
        .put("connection_string", connectionString));                // "mongodb://db1,db2,db3/app?replicaSet=rs0"
    return MongoSessionStore.createAndInit(vertx, mongo, storeOptions)  // fails if its indexes cannot be made
        .onSuccess(store -> router.route().handler(
            SessionHandler.create(vertx, store, new SessionOptions().setSecrets(secrets))));
    // end::create[]
  }

  /**
   * The options of a store that encrypts what it stores.
   *
   * @param key         a base64 AES-256 key, the one that encrypts
   * @param previousKey the key before it, still read
   * @return the options
   */
  public static MongoStoreOptions encrypted(String key, String previousKey) {
    // tag::encryption[]
    return new MongoStoreOptions()
        .setCollection("sessions")
        .setEncryptionKeys(List.of(key, previousKey));   // `openssl rand -base64 32`; the first encrypts, all decrypt
    // end::encryption[]
  }
}
