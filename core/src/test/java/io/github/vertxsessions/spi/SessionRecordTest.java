package io.github.vertxsessions.spi;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record's own rules: expiry, a new session, and how an ID appears in logs. */
class SessionRecordTest {

  private static final String ID = "abcdefghijklmnopqrstuvwxyz";

  @Test
  void aNewSessionIsUnstoredAndAccessedWhenCreated() {
    SessionRecord record = SessionRecord.newSession(ID, Map.of("n", 1), 1_000, 60_000, 0, -1);

    assertEquals(new SessionRecord(ID, Map.of("n", 1), SessionRecord.UNSTORED_VERSION, 1_000, 1_000, 60_000, 0, -1),
      record);
    assertEquals(61_000, record.expiresAt());
  }

  @Test
  void expiryIsTheIdleExpiryCappedByTheLifetimeAndSaturates() {
    assertEquals(5_000, new SessionRecord(ID, Map.of(), 1, 0, 5_000, 0, 0, -1).expiresAt(), "no idle time at all");
    assertEquals(3_000, new SessionRecord(ID, Map.of(), 1, 1_000, 2_000, 5_000, 2_000, -1).expiresAt());
    assertEquals(Long.MAX_VALUE, new SessionRecord(ID, Map.of(), 1, 0, Long.MAX_VALUE - 1, 10, 0, -1).expiresAt());
    assertEquals(Long.MAX_VALUE - 1, new SessionRecord(ID, Map.of(), 1, 0, Long.MAX_VALUE - 2, 1, 0, -1).expiresAt());
    SessionRecord record = new SessionRecord(ID, Map.of(), 1, 0, 1_000, 1_000, 0, -1);
    assertTrue(record.isLiveAt(1_999));
    assertFalse(record.isLiveAt(2_000));
  }

  @Test
  void logsShowSixCharactersOfAnIdAtMost() {
    assertEquals("null", SessionRecord.redact(null));
    assertEquals("…", SessionRecord.redact(""));
    assertEquals("…", SessionRecord.redact("abcdef"));
    assertEquals("abcdef…", SessionRecord.redact("abcdefg"));
    assertEquals("abcdef…", SessionRecord.redact(ID));
    assertEquals("SessionRecord[abcdef… v3, 2 attributes]",
      new SessionRecord(ID, Map.of("a", 1, "b", 2), 3, 0, 0, 1, 0, -1).toString());
  }
}
