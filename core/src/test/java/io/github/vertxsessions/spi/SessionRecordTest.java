package io.github.vertxsessions.spi;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record's own rules: expiry, and how an ID appears in logs. */
class SessionRecordTest {

  private static final String ID = "abcdefghijklmnopqrstuvwxyz";

  @Test
  void expiryIsTheIdleExpiryCappedByTheLifetimeAndSaturates() {
    assertEquals(5_000, SessionRecord.builder(ID).version(1).createdAt(0).lastAccessedAt(5_000).idleTimeout(0)
      .build().expiresAt(), "no idle time at all");
    assertEquals(3_000, SessionRecord.builder(ID).version(1).createdAt(1_000).lastAccessedAt(2_000).idleTimeout(5_000)
      .maxLifetime(2_000).build().expiresAt());
    assertEquals(Long.MAX_VALUE, SessionRecord.builder(ID).version(1).createdAt(0).lastAccessedAt(Long.MAX_VALUE - 1)
      .idleTimeout(10).build().expiresAt());
    assertEquals(Long.MAX_VALUE - 1, SessionRecord.builder(ID).version(1).createdAt(0)
      .lastAccessedAt(Long.MAX_VALUE - 2).idleTimeout(1).build().expiresAt());
    SessionRecord record = SessionRecord.builder(ID).version(1).createdAt(0).lastAccessedAt(1_000).idleTimeout(1_000)
      .build();
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
      SessionRecord.builder(ID).data(Map.of("a", 1, "b", 2)).version(3).createdAt(0).idleTimeout(1).build().toString());
  }
}
