package io.github.vertxsessions.testkit;

import io.github.vertxsessions.spi.DuplicateSessionIdException;
import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionGoneException;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.SessionStore;
import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of {@link SessionStore}, run against every store: each store's tests extend this class and say how
 * to build the store. Every test uses fresh random IDs and a namespace of its own, so a shared server is safe.
 */
@ExtendWith(VertxExtension.class)
public abstract class SessionStoreContractTest {

  protected static final long IDLE = Duration.ofMinutes(30).toMillis();
  protected static final long TOUCH_INTERVAL = IDLE / 100;

  /** One of each kind of value a route may put, by name. */
  private static final Map<String, Object> RAW_VALUES = new LinkedHashMap<>();
  /** What each must load back as, whatever the store: the classes and values JSON decoding gives. */
  private static final Map<String, Object> NORMAL_VALUES = new LinkedHashMap<>();

  static {
    expect("int", 5, 5);
    expect("smallLong", 5L, 5);
    expect("bigLong", 5_000_000_000L, 5_000_000_000L);
    expect("short", (short) 3, 3);
    expect("bigInteger", BigInteger.valueOf(7), 7);
    expect("double", 1.5, 1.5);
    expect("wholeDouble", 2.0, 2.0);
    expect("float", 1.5f, 1.5);
    expect("tenthFloat", 0.1f, 0.1);
    expect("decimal", new BigDecimal("2.50"), 2.5);
    expect("boolean", true, true);
    expect("string", "s", "s");
    expect("null", null, null);
  }

  /** The test's Vert.x, injected by {@link VertxExtension}, which closes it after the test. */
  protected Vertx vertx;
  protected TestClock clock;
  protected SessionStore store;
  private final List<SessionStore> stores = new ArrayList<>();

  /**
   * A store of the kind under test whose time comes from {@code clock} and whose sessions are kept apart from
   * those of stores built with another {@code namespace} (a key prefix, a collection, a map).
   */
  protected abstract SessionStore newStore(Vertx vertx, Clock clock, String namespace) throws Exception;

  @BeforeEach
  void setUpStore(Vertx vertx) throws Exception {
    this.vertx = vertx;
    clock = new TestClock();
    store = open("contract-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterEach
  void tearDownStore() throws Exception {
    for (SessionStore s : stores) {
      s.clear().await(10, SECONDS);
      s.close().await(10, SECONDS);
    }
  }

  protected SessionStore open(String namespace) throws Exception {
    SessionStore s = newStore(vertx, clock, namespace);
    stores.add(s);
    return s;
  }

  protected static String newId() {
    return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  protected SessionRecord newRecord(Map<String, Object> data) {
    long now = clock.millis();
    return SessionRecord.builder(newId()).data(data).createdAt(now).idleTimeout(IDLE).build();
  }

  protected SessionRecord create(Map<String, Object> data) throws Exception {
    SessionRecord record = newRecord(data);
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);
    return record;
  }

  protected static SessionDelta update(SessionRecord base, Map<String, Object> set, Set<String> unset) {
    return SessionDelta.builder(base.id()).set(set).unset(unset).createdAt(base.createdAt())
      .idleTimeout(base.idleTimeout()).maxLifetime(base.maxLifetime()).cookieMaxAge(base.cookieMaxAge()).build();
  }

  protected SessionRecord load(String id) throws Exception {
    return store.load(id, TOUCH_INTERVAL).await(10, SECONDS);
  }

  @Test
  void missingSessionLoadsAsNull() throws Exception {
    assertNull(load(newId()));
  }

  @Test
  void createdSessionRoundTripsEveryJsonValueAndAwkwardName() throws Exception {
    Map<String, Object> data = new HashMap<>();
    data.put("string", "héllo \"wörld\" ✓");
    data.put("int", 42);
    data.put("long", 9_007_199_254_740_993L);
    data.put("double", 1.5);
    data.put("true", true);
    data.put("null", null);
    data.put("object", new JsonObject().put("nested", new JsonObject().put("a", 1)).put("list", new JsonArray().add("x")));
    data.put("array", new JsonArray().add(1).add("two").addNull().add(new JsonObject().put("k", false)));
    data.put("dotted.name", "d");
    data.put("$dollar", "s");
    data.put("", "empty name");
    SessionRecord created = create(data);

    SessionRecord loaded = load(created.id());

    assertNotNull(loaded);
    assertEquals(new JsonObject(data), new JsonObject(new HashMap<>(loaded.data())));
    assertTrue(loaded.data().containsKey("null"), "a null value is kept, not dropped");
    assertEquals(1, loaded.version());
    assertEquals(created.createdAt(), loaded.createdAt());
    assertEquals(IDLE, loaded.idleTimeout());
    assertEquals(0, loaded.maxLifetime());
    assertEquals(-1, loaded.cookieMaxAge());
  }

  @Test
  void everyKindOfValueLoadsBackAsExactlyTheClassItWasSavedAs() throws Exception {
    // The values in the form a session hands them to its store.
    Map<String, Object> normalised = JsonValues.copyAll(withContainers(RAW_VALUES));
    SessionRecord created = create(normalised);
    SessionRecord updated = create(Map.of());
    store.save(update(updated, normalised, Set.of())).await(10, SECONDS);

    for (SessionRecord saved : List.of(created, updated)) {
      String how = saved == created ? "created: " : "updated: ";
      Map<String, Object> loaded = load(saved.id()).data();
      assertValues(how, NORMAL_VALUES, loaded::get);
      assertTrue(loaded.containsKey("null"), how + "a null value is kept");
      JsonObject object = assertInstanceOf(JsonObject.class, loaded.get("object"), how + "object");
      assertValues(how + "object.", NORMAL_VALUES, object::getValue);
      JsonArray inObject = assertInstanceOf(JsonArray.class, object.getValue("array"), how + "object.array");
      assertValues(how + "object.array[].", NORMAL_VALUES, inArray(inObject));
      JsonArray array = assertInstanceOf(JsonArray.class, loaded.get("array"), how + "array");
      assertValues(how + "array[].", NORMAL_VALUES, inArray(array));
      JsonObject inArray = assertInstanceOf(JsonObject.class, array.getValue(RAW_VALUES.size()), how + "array[n]");
      assertValues(how + "array[n].", NORMAL_VALUES, inArray::getValue);
    }
  }

  @Test
  void creationNeverOverwritesALiveSession() throws Exception {
    SessionRecord created = create(Map.of("owner", "first"));
    SessionRecord impostor = SessionRecord.builder(created.id()).data(Map.of("owner", "second"))
      .createdAt(clock.millis()).idleTimeout(IDLE).build();

    assertThrows(DuplicateSessionIdException.class,
      () -> store.save(SessionDelta.creationOf(impostor)).await(10, SECONDS));
    assertEquals("first", load(created.id()).data().get("owner"));
  }

  @Test
  void deltaSetsAndRemovesOnlyWhatItNames() throws Exception {
    SessionRecord created = create(Map.of("keep", "k", "change", 1, "drop", true));

    long version = store.save(update(created, Map.of("change", 2, "add", "new"), Set.of("drop"))).await(10, SECONDS);

    SessionRecord loaded = load(created.id());
    assertEquals(2, version);
    assertEquals(2, loaded.version());
    assertEquals(new JsonObject().put("keep", "k").put("change", 2).put("add", "new"),
      new JsonObject(new HashMap<>(loaded.data())));
  }

  @Test
  void saveCarriesTheSessionsTimingSettings() throws Exception {
    SessionRecord created = create(Map.of());
    long rememberMe = Duration.ofDays(30).toMillis();
    SessionDelta delta = SessionDelta.builder(created.id()).createdAt(created.createdAt()).idleTimeout(rememberMe)
      .cookieMaxAge(rememberMe).build();

    store.save(delta).await(10, SECONDS);
    clock.advance(Duration.ofDays(2));

    SessionRecord loaded = load(created.id());
    assertNotNull(loaded, "the longer idle timeout applies");
    assertEquals(rememberMe, loaded.idleTimeout());
    assertEquals(rememberMe, loaded.cookieMaxAge());
  }

  @Test
  void saveOfADeletedSessionFailsAndDoesNotResurrectIt() throws Exception {
    SessionRecord created = create(Map.of("user", "alice"));
    store.delete(created.id()).await(10, SECONDS);

    assertThrows(SessionGoneException.class,
      () -> store.save(update(created, Map.of("views", 3), Set.of())).await(10, SECONDS));
    assertNull(load(created.id()));
    assertEquals(0L, store.count().await(10, SECONDS));
  }

  @Test
  void saveOfAnUnknownSessionFails() throws Exception {
    SessionRecord unknown = newRecord(Map.of());

    assertThrows(SessionGoneException.class, () -> store.save(update(unknown, Map.of("x", 1), Set.of()))
      .await(10, SECONDS));
    assertNull(load(unknown.id()));
  }

  @Test
  void changeIdMovesTheWholeSessionAndLeavesNothingUnderTheOldId() throws Exception {
    SessionRecord created = create(Map.of("cart", 3, "name", "alice"));
    store.save(update(created, Map.of("views", 1), Set.of())).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(1));
    String newId = newId();

    long version = store.changeId(created.id(), newId).await(10, SECONDS);

    assertNull(load(created.id()), "the old ID reaches nothing");
    SessionRecord moved = load(newId);
    assertNotNull(moved);
    assertEquals(3, version, "one version up from the save before it");
    assertEquals(3, moved.version());
    assertEquals(new JsonObject().put("cart", 3).put("name", "alice").put("views", 1),
      new JsonObject(new HashMap<>(moved.data())));
    assertEquals(created.createdAt(), moved.createdAt());
    assertEquals(clock.millis(), moved.lastAccessedAt(), "accessed by the change");
    assertEquals(created.idleTimeout(), moved.idleTimeout());
    assertEquals(1L, store.count().await(10, SECONDS));
  }

  @Test
  void changeIdOfADeletedSessionFailsAndCreatesNothing() throws Exception {
    SessionRecord created = create(Map.of("user", "alice"));
    store.delete(created.id(), true).await(10, SECONDS);
    String newId = newId();

    assertThrows(SessionGoneException.class, () -> store.changeId(created.id(), newId).await(10, SECONDS));

    assertNull(load(newId), "a revoked session never comes back under a new ID");
    assertNull(load(created.id()));
    assertEquals(0L, store.count().await(10, SECONDS));
  }

  @Test
  void changeIdOfAnExpiredSessionFailsAndCreatesNothing() throws Exception {
    SessionRecord created = create(Map.of("user", "alice"));
    clock.advance(Duration.ofMillis(IDLE));
    String newId = newId();

    assertThrows(SessionGoneException.class, () -> store.changeId(created.id(), newId).await(10, SECONDS));

    clock.advance(Duration.ofMillis(-IDLE));
    assertNull(load(newId));
  }

  @Test
  void changeIdToALiveIdFailsAndChangesNeitherSession() throws Exception {
    SessionRecord moving = create(Map.of("who", "moving"));
    SessionRecord other = create(Map.of("who", "other"));

    assertThrows(DuplicateSessionIdException.class, () -> store.changeId(moving.id(), other.id()).await(10, SECONDS));

    assertEquals("moving", load(moving.id()).data().get("who"));
    assertEquals("other", load(other.id()).data().get("who"));
  }

  @Test
  void aSaveUnderTheOldIdAfterAChangeIdFailsAndBringsNothingBack() throws Exception {
    SessionRecord created = create(Map.of("n", 1));
    String newId = newId();
    store.changeId(created.id(), newId).await(10, SECONDS);

    assertThrows(SessionGoneException.class, () -> store.save(update(created, Map.of("late", true), Set.of()))
      .await(10, SECONDS));

    assertNull(load(created.id()));
    assertFalse(load(newId).data().containsKey("late"));
  }

  @Test
  void changeIdRacingADeleteNeverLeavesBothOrAResurrection() throws Exception {
    for (int round = 0; round < 30; round++) {
      SessionRecord created = create(Map.of("round", round));
      String newId = newId();

      Future<Long> moving = store.changeId(created.id(), newId);
      Future<Void> deleting = store.delete(created.id(), true);
      Future.join(moving, deleting).otherwiseEmpty().await(10, SECONDS);

      assertNull(load(created.id()), "round " + round);
      if (moving.failed()) {
        assertInstanceOf(SessionGoneException.class, moving.cause(), "round " + round);
        assertNull(load(newId), "round " + round + ": a failed change leaves nothing under the new ID");
      }
      store.delete(newId).await(10, SECONDS);
    }
  }

  @Test
  void concurrentSavesOfDifferentAttributesBothPersist() throws Exception {
    for (int round = 0; round < 100; round++) {
      SessionRecord created = create(Map.of("base", round));

      Future<Long> first = store.save(update(created, Map.of("a", round), Set.of()));
      Future<Long> second = store.save(update(created, Map.of("b", round), Set.of("base")));
      Future.all(first, second).await(10, SECONDS);

      SessionRecord loaded = load(created.id());
      assertEquals(new JsonObject().put("a", round).put("b", round), new JsonObject(new HashMap<>(loaded.data())),
        "round " + round);
      assertEquals(3, loaded.version(), "round " + round);
    }
  }

  @Test
  void concurrentSavesOfOneAttributeKeepOneOfTheValues() throws Exception {
    SessionRecord created = create(Map.of());

    Future.all(store.save(update(created, Map.of("k", "first"), Set.of())),
      store.save(update(created, Map.of("k", "second"), Set.of()))).await(10, SECONDS);

    Object value = load(created.id()).data().get("k");
    assertTrue("first".equals(value) || "second".equals(value), String.valueOf(value));
  }

  @Test
  void idleSessionExpiresEvenIfNothingSweeps() throws Exception {
    SessionRecord created = create(Map.of("x", 1));

    clock.advance(Duration.ofMillis(IDLE - 1));
    assertNotNull(store.load(created.id(), Long.MAX_VALUE)
      .await(10, SECONDS), "still live 1 ms before its idle timeout");
    clock.advance(Duration.ofMillis(1));

    assertNull(load(created.id()));
    assertThrows(SessionGoneException.class, () -> store.save(update(created, Map.of("x", 2), Set.of()))
      .await(10, SECONDS), "an expired session is not revived");
  }

  @Test
  void absoluteLifetimeCapsRollingExpiry() throws Exception {
    long now = clock.millis();
    SessionRecord record = SessionRecord.builder(newId()).createdAt(now).idleTimeout(IDLE)
      .maxLifetime(Duration.ofHours(1).toMillis()).build();
    store.save(SessionDelta.creationOf(record)).await(10, SECONDS);

    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(10));
      assertNotNull(store.load(record.id(), 0).await(10, SECONDS), "touched at minute " + (i + 1) * 10);
    }
    clock.advance(Duration.ofMinutes(10));

    assertNull(store.load(record.id(), 0).await(10, SECONDS), "gone at one hour, however often it was touched");
  }

  @Test
  void loadTouchesOnlyWhenTheTouchIntervalHasPassed() throws Exception {
    SessionRecord created = create(Map.of());
    long createdAt = created.lastAccessedAt();

    clock.advance(Duration.ofMillis(TOUCH_INTERVAL - 1));
    assertEquals(createdAt, load(created.id()).lastAccessedAt(), "not touched before the interval");
    clock.advance(Duration.ofMillis(1));
    long touchedAt = clock.millis();
    load(created.id());
    clock.advance(Duration.ofMillis(IDLE - 1));

    SessionRecord loaded = store.load(created.id(), Long.MAX_VALUE).await(10, SECONDS);
    assertNotNull(loaded, "the touch moved the idle expiry forward");
    assertEquals(touchedAt, loaded.lastAccessedAt());
  }

  @Test
  void touchMovesIdleExpiryAndIgnoresMissingSessions() throws Exception {
    SessionRecord created = create(Map.of());
    clock.advance(Duration.ofMinutes(20));

    store.touch(created.id()).await(10, SECONDS);
    store.touch(newId()).await(10, SECONDS);
    clock.advance(Duration.ofMinutes(20));

    assertNotNull(store.load(created.id(), Long.MAX_VALUE).await(10, SECONDS));
    assertEquals(1L, store.count().await(10, SECONDS));
  }

  @Test
  void deleteRemovesAndToleratesMissingSessions() throws Exception {
    SessionRecord created = create(Map.of("x", 1));

    store.delete(created.id()).await(10, SECONDS);
    store.delete(created.id()).await(10, SECONDS);

    assertNull(load(created.id()));
  }

  @Test
  void expiredIdCanBeCreatedAgain() throws Exception {
    SessionRecord created = create(Map.of("old", true));
    clock.advance(Duration.ofMillis(IDLE));

    store.save(SessionDelta.creationOf(SessionRecord.builder(created.id()).data(Map.of("new", true))
      .createdAt(clock.millis()).idleTimeout(IDLE).build())).await(10, SECONDS);

    assertEquals(Map.of("new", true), load(created.id()).data());
  }

  @Test
  void countAndClearSeeOnlyThisStoresSessions() throws Exception {
    SessionStore other = open("contract-other-" + UUID.randomUUID().toString().substring(0, 8));
    for (int i = 0; i < 3; i++) {
      create(Map.of("i", i));
    }
    SessionRecord foreign = newRecord(Map.of("mine", false));
    other.save(SessionDelta.creationOf(foreign)).await(10, SECONDS);

    assertEquals(3L, store.count().await(10, SECONDS));
    store.clear().await(10, SECONDS);

    assertEquals(0L, store.count().await(10, SECONDS));
    assertEquals(1L, other.count().await(10, SECONDS));
    assertNotNull(other.load(foreign.id(), TOUCH_INTERVAL).await(10, SECONDS));
  }

  @Test
  void countIgnoresExpiredSessions() throws Exception {
    create(Map.of());
    clock.advance(Duration.ofMillis(IDLE / 2));
    create(Map.of());
    clock.advance(Duration.ofMillis(IDLE / 2));

    assertEquals(1L, store.count().await(10, SECONDS));
  }

  @Test
  void resultsArriveOnTheCallersContext(VertxTestContext test) throws Exception {
    SessionRecord created = create(Map.of());
    Context context = vertx.getOrCreateContext();
    // load, save, touch, count and delete: each one's result flags it on the context that called
    Checkpoint onTheCallersContext = test.checkpoint(5);

    context.runOnContext(v -> store.load(created.id(), 0)
      .compose(r -> ranOn(test, context, onTheCallersContext, store.save(update(r, Map.of("a", 1), Set.of()))))
      .compose(r -> ranOn(test, context, onTheCallersContext, store.touch(created.id())))
      .compose(r -> ranOn(test, context, onTheCallersContext, store.count()))
      .compose(r -> ranOn(test, context, onTheCallersContext, store.delete(created.id())))
      .onComplete(test.succeeding(r -> ranOn(test, context, onTheCallersContext, null))));
  }

  /** Checks that this callback runs on {@code caller} and flags {@code step}; then {@code next}. */
  private static <T> Future<T> ranOn(VertxTestContext test, Context caller, Checkpoint step, Future<T> next) {
    test.verify(() -> {
      assertSame(caller, Vertx.currentContext());
      step.flag();
    });
    return next;
  }

  @Test
  void loadedDataCannotChangeTheStoredSession() throws Exception {
    JsonObject profile = new JsonObject().put("name", "alice");
    SessionRecord created = create(Map.of("profile", profile));
    profile.put("name", "mallory");

    SessionRecord loaded = load(created.id());
    ((JsonObject) loaded.data().get("profile")).put("name", "eve");

    assertEquals("alice", ((JsonObject) load(created.id()).data().get("profile")).getString("name"));
    assertFalse(load(created.id()).data().isEmpty());
  }

  private static void expect(String name, Object raw, Object normal) {
    RAW_VALUES.put(name, raw);
    NORMAL_VALUES.put(name, normal);
  }

  /** {@code values}, plus an object and an array holding them, each with the other container nested. */
  private static Map<String, Object> withContainers(Map<String, Object> values) {
    Map<String, Object> data = new HashMap<>(values);
    data.put("object", new JsonObject(new LinkedHashMap<>(values)).put("array", arrayOf(values)));
    data.put("array", arrayOf(values).add(new JsonObject(new LinkedHashMap<>(values))));
    return data;
  }

  private static JsonArray arrayOf(Map<String, Object> values) {
    return new JsonArray(new ArrayList<>(values.values()));
  }

  private static Function<String, Object> inArray(JsonArray array) {
    List<String> names = new ArrayList<>(RAW_VALUES.keySet());
    return name -> array.getValue(names.indexOf(name));
  }

  private static void assertValues(String where, Map<String, Object> expected, Function<String, Object> actual) {
    expected.forEach((name, value) -> {
      Object loaded = actual.apply(name);
      String what = where + name + " = " + loaded;
      assertEquals(value == null ? null : value.getClass(), loaded == null ? null : loaded.getClass(), what);
      assertEquals(value, loaded, what);
    });
  }
}
