package examples;

// tag::imports[]
import io.github.vertxsessions.CookieSecure;
import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.mongo.MongoSessionStore;
import io.github.vertxsessions.mongo.MongoStoreOptions;
import io.github.vertxsessions.redis.RedisSessionStore;
import io.github.vertxsessions.redis.RedisStoreOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
// end::imports[]

/**
 * The express-session page's samples: what the common express-session tutorials do (the middleware and its options, a
 * view counter, a log-in that regenerates the session, a log-out, connect-redis, connect-mongo, a proxy in front), on
 * vertx-sessions.
 */
public final class FromExpressSession {

  private FromExpressSession() {
  }

  /**
   * The options of the tutorials' {@code app.use(session({...}))}.
   *
   * @param newSecret the secret that signs cookies from now on
   * @param oldSecret the secret before it, which still verifies the cookies it signed
   * @return the options
   */
  public static SessionOptions options(String newSecret, String oldSecret) {
    // tag::options[]
    SessionOptions options = new SessionOptions()
        .setSecrets(List.of(newSecret, oldSecret))  // secret: [...]: the first signs, every one verifies
        .setIdleTimeout(Duration.ofMinutes(30))     // how long the store keeps an unused session
        .setCookieMaxAge(Duration.ofMinutes(30))    // cookie.maxAge: how long the browser keeps the cookie
        .setCookieSecure(CookieSecure.ALWAYS);      // cookie.secure: true; httpOnly: true is the default
    // resave: false and saveUninitialized: false are the defaults
    // end::options[]
    return options;
  }

  /**
   * Trusts the proxy in front of the application, as {@code app.set('trust proxy', 1)} does.
   *
   * @param options the options to change
   * @return the same options
   */
  public static SessionOptions behindProxy(SessionOptions options) {
    // tag::proxy[]
    options.setTrustProxy(true);  // believe the proxy's X-Forwarded-Proto: https, so a Secure cookie can be set
    // end::proxy[]
    return options;
  }

  /**
   * The tutorials' application: a view counter, a log-in and a log-out.
   *
   * @param vertx the Vert.x instance
   * @param store where the sessions live
   * @param options the session options
   * @return the router
   */
  public static Router router(Vertx vertx, SessionStore store, SessionOptions options) {
    Router router = Router.router(vertx);
    // tag::mount[]
    router.route().handler(SessionHandler.create(vertx, store, options));  // app.use(session({...}))
    // end::mount[]

    // tag::views[]
    router.get("/").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      int views = Objects.requireNonNullElse(session.getInteger("views"), 0) + 1;
      session.put("views", views);                       // req.session.views = ...; saved as the response goes
      ctx.end("views: " + views);
    });
    // end::views[]

    // tag::login[]
    router.post("/login").handler(BodyHandler.create()).handler(ctx -> {
      String user = ctx.request().getFormAttribute("user");  // authenticate the user here
      Session session = SessionHandler.session(ctx);
      session.put("user", user).setPrincipal(user);
      session.regenerate()                                    // a new ID for the same data, stored before we answer
          .onSuccess(v -> ctx.redirect("/"))
          .onFailure(ctx::fail);
    });
    // end::login[]

    // tag::logout[]
    router.post("/logout").handler(ctx -> SessionHandler.session(ctx).destroy()  // deleted; the cookie is cleared
        .onSuccess(v -> ctx.redirect("/"))
        .onFailure(ctx::fail));
    // end::logout[]
    return router;
  }

  /**
   * The embedded store, express-session's {@code MemoryStore}.
   *
   * @param vertx the Vert.x instance
   * @return the store
   */
  public static SessionStore memoryStore(Vertx vertx) {
    // tag::memory[]
    SessionStore store = LocalSessionStore.create(vertx);  // new MemoryStore(), but with a cap and a sweeper
    // end::memory[]
    return store;
  }

  /**
   * The Redis store, connect-redis's {@code RedisStore}.
   *
   * @param vertx the Vert.x instance
   * @param url the Redis server, such as {@code redis://localhost:6379}
   * @param keyPrefix the prefix of the sessions' keys, such as {@code myapp:}
   * @return the store
   */
  public static SessionStore redisStore(Vertx vertx, String url, String keyPrefix) {
    // tag::redis[]
    Redis redis = Redis.createClient(vertx, url);        // url: "redis://localhost:6379"
    SessionStore store = RedisSessionStore.create(vertx, redis,
        new RedisStoreOptions().setKeyPrefix(keyPrefix)); // prefix: "myapp:"; the session expires with its key
    // end::redis[]
    return store;
  }

  /**
   * The MongoDB store, connect-mongo's {@code MongoStore}.
   *
   * @param vertx the Vert.x instance
   * @param uri the database, such as {@code mongodb://localhost:27017/app?serverSelectionTimeoutMS=2000}
   * @param collection the sessions' collection, such as {@code sessions}
   * @return the store
   */
  public static SessionStore mongoStore(Vertx vertx, String uri, String collection) {
    // tag::mongo[]
    MongoClient mongo = MongoClient.createShared(vertx,
        new JsonObject().put("connection_string", uri)); // uri: "mongodb://localhost:27017/app"
    SessionStore store = MongoSessionStore.create(vertx, mongo,
        new MongoStoreOptions().setCollection(collection)); // collectionName: "sessions"; a TTL index expires them
    // end::mongo[]
    return store;
  }
}
