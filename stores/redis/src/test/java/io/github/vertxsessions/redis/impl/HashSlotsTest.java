package io.github.vertxsessions.redis.impl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashSlotsTest {

  @Test
  void slotsMatchRedisCluster() {
    // Values of CLUSTER KEYSLOT on a real cluster, and the check value of the CRC16 that Redis documents.
    assertEquals(12182, HashSlots.slotOfTag("foo"));
    assertEquals(5061, HashSlots.slotOfTag("bar"));
    assertEquals(0x31C3, HashSlots.slotOfTag("123456789"));
  }

  @Test
  void aKeyHashesByItsHashTagAsRedisDoes() {
    // The rules of the Redis Cluster specification: the first '{' up to the next '}', unless nothing is between.
    assertEquals(HashSlots.slotOfTag("user1000"), HashSlots.slotOfKey("{user1000}.following"));
    assertEquals(HashSlots.slotOfTag("user1000"), HashSlots.slotOfKey("foo{user1000}{bar}"));
    assertEquals(HashSlots.slotOfTag("foo{}{bar}"), HashSlots.slotOfKey("foo{}{bar}"));
    assertEquals(HashSlots.slotOfTag("foo"), HashSlots.slotOfKey("foo"));
  }

  @Test
  void routingKeysLandInTheRequestedRanges() {
    for (int[] range : List.of(new int[] {0, 5460}, new int[] {5461, 10922}, new int[] {16383, 16383})) {
      String key = HashSlots.keyInRanges(List.of(range));
      int slot = HashSlots.slotOfTag(key.substring(1, key.length() - 1));
      assertTrue(slot >= range[0] && slot <= range[1], key + " -> " + slot);
    }
  }
}
