package io.github.vertxsessions.impl;

import io.github.vertxsessions.Session;
import io.github.vertxsessions.SessionOptions;
import io.github.vertxsessions.local.LocalSessionStore;
import io.github.vertxsessions.local.LocalStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Session}'s typed getters on a real session: conversions between number classes, and mismatches. */
@ExtendWith(VertxExtension.class)
class TypedGettersTest {

  private Vertx vertx;
  private Session session;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    session = SessionImpl.fresh(HandlerRuntime.of(vertx, LocalSessionStore.create(vertx, new LocalStoreOptions()),
      new SessionOptions()));
  }

  @Test
  void eachGetterReturnsAValueOfItsType() {
    JsonObject profile = new JsonObject().put("name", "alice");
    JsonArray roles = new JsonArray().add("admin");
    session.put("user", "alice").put("admin", true).put("profile", profile).put("roles", roles)
      .put("views", 5L).put("ratio", 1.5f);

    assertEquals("alice", session.getString("user"));
    assertEquals(true, session.getBoolean("admin"));
    assertSame(profile, session.getJsonObject("profile"));
    assertSame(roles, session.getJsonArray("roles"));
    assertEquals(5L, session.getLong("views"));
    assertEquals(5, session.getInteger("views"));
    assertEquals(1.5, session.getDouble("ratio"));
  }

  @Test
  void numericGettersConvertBetweenNumberClassesWhenTheValueFitsExactly() {
    session.put("int", 5).put("long", 5_000_000_000L).put("whole", 2.0).put("huge", 1L << 53 | 1);

    assertEquals(5L, session.getLong("int"));
    assertEquals(5.0, session.getDouble("int"));
    assertEquals(5_000_000_000L, session.getLong("long"));
    assertEquals(5e9, session.getDouble("long"));
    assertEquals(2, session.getInteger("whole"));
    assertEquals(2L, session.getLong("whole"));
    assertEquals((1L << 53) + 1, session.getLong("huge"));
  }

  @Test
  void aNumberThatDoesNotFitTheAskedTypeIsAMismatch() {
    session.put("long", 5_000_000_000L).put("ratio", 1.5).put("huge", 1L << 53 | 1).put("far", 1e19);

    assertMismatch("Session attribute 'long' is a Long, not an Integer: its value does not fit one",
      () -> session.getInteger("long"));
    assertMismatch("Session attribute 'ratio' is a Double, not a Long: its value does not fit one",
      () -> session.getLong("ratio"));
    assertMismatch("Session attribute 'ratio' is a Double, not an Integer: its value does not fit one",
      () -> session.getInteger("ratio"));
    assertMismatch("Session attribute 'huge' is a Long, not a Double: its value does not fit one",
      () -> session.getDouble("huge"));
    assertMismatch("Session attribute 'far' is a Double, not a Long: its value does not fit one",
      () -> session.getLong("far"));
  }

  @Test
  void anotherTypeIsAMismatchNamingTheAttributeAndBothTypes() {
    session.put("views", "5").put("admin", true).put("roles", new JsonArray()).put("count", 3);

    assertMismatch("Session attribute 'views' is a String, not a Long", () -> session.getLong("views"));
    assertMismatch("Session attribute 'views' is a String, not an Integer", () -> session.getInteger("views"));
    assertMismatch("Session attribute 'views' is a String, not a Double", () -> session.getDouble("views"));
    assertMismatch("Session attribute 'admin' is a Boolean, not a String", () -> session.getString("admin"));
    assertMismatch("Session attribute 'count' is an Integer, not a Boolean", () -> session.getBoolean("count"));
    assertMismatch("Session attribute 'roles' is a JsonArray, not a JsonObject",
      () -> session.getJsonObject("roles"));
    assertMismatch("Session attribute 'admin' is a Boolean, not a JsonArray", () -> session.getJsonArray("admin"));
  }

  @Test
  void aMissingOrNullAttributeReadsAsNull() {
    session.put("none", null);

    for (String name : new String[] {"missing", "none"}) {
      assertNull(session.getString(name));
      assertNull(session.getInteger(name));
      assertNull(session.getLong(name));
      assertNull(session.getDouble(name));
      assertNull(session.getBoolean(name));
      assertNull(session.getJsonObject(name));
      assertNull(session.getJsonArray(name));
    }
  }

  private static void assertMismatch(String message, Executable read) {
    assertEquals(message, assertThrows(ClassCastException.class, read).getMessage());
  }
}
