package io.github.vertxsessions.spi;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builders of the SPI's records: their documented defaults, and copies that change one field. */
class SpiBuildersTest {

  private static final SessionOwner ALICE = new SessionOwner("alice", "laptop");

  @Test
  void aRecordBuiltFromItsRequiredFieldsIsANewSessionNobodyOwns() {
    SessionRecord record = SessionRecord.builder("id").createdAt(1_000).idleTimeout(60_000).build();

    assertEquals("id", record.id());
    assertEquals(Map.of(), record.data());
    assertEquals(SessionRecord.UNSTORED_VERSION, record.version());
    assertEquals(1_000, record.createdAt());
    assertEquals(1_000, record.lastAccessedAt(), "accessed when created");
    assertEquals(60_000, record.idleTimeout());
    assertEquals(SessionRecord.NO_MAX_LIFETIME, record.maxLifetime());
    assertEquals(SessionRecord.DEFAULT_COOKIE_MAX_AGE, record.cookieMaxAge());
    assertEquals(SessionOwner.NONE, record.owner());
  }

  @Test
  void aRecordNeedsItsCreationTimeAndIdleTimeout() {
    assertThrows(IllegalStateException.class, () -> SessionRecord.builder("id").idleTimeout(1).build());
    assertThrows(IllegalStateException.class, () -> SessionRecord.builder("id").createdAt(1).build());
  }

  @Test
  void aRecordSurvivesItsBuilderAndMovesToAnotherIdWhole() {
    SessionRecord record = SessionRecord.builder("id").data(Map.of("n", 1)).version(3).createdAt(1_000)
      .lastAccessedAt(2_000).idleTimeout(60_000).maxLifetime(600_000).cookieMaxAge(86_400_000).owner(ALICE).build();

    assertEquals(record, record.toBuilder().build());
    SessionRecord moved = record.withId("other");
    assertEquals("other", moved.id());
    assertEquals(record, moved.withId("id"));
  }

  @Test
  void aDeltaBuiltFromItsRequiredFieldsIsAnAutomaticChangeOfNothing() {
    SessionDelta delta = SessionDelta.builder("id").createdAt(1_000).idleTimeout(60_000).build();

    assertEquals("id", delta.id());
    assertFalse(delta.creation());
    assertEquals(Map.of(), delta.set());
    assertEquals(Set.of(), delta.unset());
    assertEquals(1_000, delta.createdAt());
    assertEquals(60_000, delta.idleTimeout());
    assertEquals(SessionRecord.NO_MAX_LIFETIME, delta.maxLifetime());
    assertEquals(SessionRecord.DEFAULT_COOKIE_MAX_AGE, delta.cookieMaxAge());
    assertNull(delta.owner(), "the owner is left as it is");
    assertFalse(delta.explicit());
    assertThrows(IllegalStateException.class, () -> SessionDelta.builder("id").createdAt(1).build());
  }

  @Test
  void aDeltaSurvivesItsBuilderAndMovesToAnotherIdWhole() {
    SessionDelta delta = SessionDelta.builder("id").creation(true).set(Map.of("n", 1)).unset(Set.of("gone"))
      .createdAt(1_000).idleTimeout(60_000).maxLifetime(600_000).cookieMaxAge(86_400_000).owner(ALICE).explicit(true)
      .build();

    assertEquals(delta, delta.toBuilder().build());
    SessionDelta moved = delta.toBuilder().id("other").build();
    assertEquals("other", moved.id());
    assertEquals(delta, moved.toBuilder().id("id").build());
    assertTrue(moved.creation() && moved.explicit());
  }
}
