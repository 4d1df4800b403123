package io.github.vertxsessions.testkit;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionHandler;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.testkit.TestApp;
import io.github.vertxsessions.testkit.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Over real HTTP, what a route puts reads back on later requests as the same classes whichever store keeps the
 * session, so that {@code Long views = session.getLong("views")} behaves in production as it did in development.
 * Runs on the local store; other stores' tests extend it with theirs and expect exactly the same.
 */
@ExtendWith(VertxExtension.class)
public class ValueTypesTest {

  /** What the routes put, by attribute name. */
  private static final Map<String, Object> PUT = new LinkedHashMap<>();
  /** How every store must give each back: its class and value, as {@link #describe(Object)} writes them. */
  private static final Map<String, String> READ = new LinkedHashMap<>();

  static {
    expect("views", 5L, "Integer 5");
    expect("int", 5, "Integer 5");
    expect("bigLong", 5_000_000_000L, "Long 5000000000");
    expect("ratio", 1.5, "Double 1.5");
    expect("wholeDouble", 2.0, "Double 2.0");
    expect("float", 1.5f, "Double 1.5");
    expect("tenthFloat", 0.1f, "Double 0.1");
    expect("flag", true, "Boolean true");
    expect("text", "s", "String s");
    expect("nothing", null, "null");
  }

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  protected Vertx vertx;
  protected TestClock clock;
  private TestApp app;

  /** The store under test, on {@code clock}: here the local store. */
  protected SessionStore newStore(Vertx vertx, Clock clock) throws Exception {
    return LocalSessionStore.create(vertx, new LocalStoreOptions().setClock(clock));
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    clock = new TestClock();
    app = new TestApp(vertx, clock, new SessionOptions(), newStore(vertx, clock), this::routes,
      new HttpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    app.store.clear().await(10, SECONDS);
    app.close();
  }

  private void routes(Router router) {
    router.get("/values/put/:prefix").handler(ctx -> {
      Session session = SessionHandler.session(ctx);
      String prefix = ctx.pathParam("prefix");
      PUT.forEach((name, value) -> session.put(prefix + name, value));
      session.put(prefix + "object", new JsonObject(new LinkedHashMap<>(PUT)));
      session.put(prefix + "array", new JsonArray(new ArrayList<>(PUT.values())));
      ctx.json(read(session, prefix, false));
    });
    router.get("/values/read/:prefix").handler(ctx ->
      ctx.json(read(SessionHandler.session(ctx), ctx.pathParam("prefix"), true)));
  }

  @Test
  void laterRequestsReadEveryValueAsTheSameClassOnEveryStore() {
    String cookie = app.get("/values/put/created_", null).sid(); // saved as a new session
    app.get("/values/put/updated_", cookie); // saved as a change to it

    for (String prefix : List.of("created_", "updated_")) {
      assertReads(expected(true), app.get("/values/read/" + prefix, cookie).json(), prefix);
    }
  }

  @Test
  void theRequestThatPutsAValueReadsItAsLaterRequestsWill() {
    assertReads(expected(false), app.get("/values/put/now_", null).json(), "now_");
  }

  /** What a request reads of the values put under {@code prefix}, by what it read; nested ones too if asked. */
  private static JsonObject read(Session session, String prefix, boolean nested) {
    JsonObject read = new JsonObject()
      .put("getLong(views)", attempt(() -> session.getLong(prefix + "views")))
      .put("getInteger(views)", attempt(() -> session.getInteger(prefix + "views")))
      .put("getDouble(float)", attempt(() -> session.getDouble(prefix + "float")))
      .put("getLong(bigLong)", attempt(() -> session.getLong(prefix + "bigLong")));
    PUT.keySet().forEach(name -> read.put(name, describe(session.get(prefix + name))));
    if (nested) {
      JsonObject object = session.getJsonObject(prefix + "object");
      JsonArray array = session.getJsonArray(prefix + "array");
      List<String> names = new ArrayList<>(PUT.keySet());
      names.forEach(name -> read
        .put("object." + name, describe(object.getValue(name)))
        .put("array." + name, describe(array.getValue(names.indexOf(name)))));
    }
    return read;
  }

  private static Map<String, String> expected(boolean nested) {
    Map<String, String> expected = new LinkedHashMap<>(Map.of("getLong(views)", "Long 5",
      "getInteger(views)", "Integer 5", "getDouble(float)", "Double 1.5", "getLong(bigLong)", "Long 5000000000"));
    expected.putAll(READ);
    if (nested) {
      READ.forEach((name, value) -> {
        expected.put("object." + name, value);
        expected.put("array." + name, value);
      });
    }
    return expected;
  }

  /** Checks every read, so that a failure lists all that differ. */
  private static void assertReads(Map<String, String> expected, JsonObject read, String prefix) {
    assertAll(expected.entrySet().stream().map(entry -> () ->
      assertEquals(entry.getValue(), read.getString(entry.getKey()), prefix + entry.getKey())));
  }

  private static void expect(String name, Object put, String read) {
    PUT.put(name, put);
    READ.put(name, read);
  }

  /** What a typed getter read, or why it could not, so that a failure shows the whole picture. */
  private static String attempt(Supplier<Object> read) {
    try {
      return describe(read.get());
    } catch (ClassCastException e) {
      return e.toString();
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
