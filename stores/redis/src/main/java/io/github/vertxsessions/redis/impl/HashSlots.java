package io.github.vertxsessions.redis.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Redis Cluster's key-to-slot mapping: CRC16 (XMODEM) of the key, or of its {hash tag}, modulo 16384. */
final class HashSlots {

  static final int SLOTS = 16384;
  /** Decimal tags reach every slot long before this; the bound only guards against a malformed slot table. */
  private static final int MAX_TAGS_TRIED = 1_000_000;

  private HashSlots() {
  }

  /** A key whose slot lies in one of {@code ranges} (inclusive {start, end} pairs), so a command on it goes there. */
  static String keyInRanges(List<int[]> ranges) {
    for (int i = 0; i < MAX_TAGS_TRIED; i++) {
      String tag = Integer.toString(i);
      int slot = slotOfTag(tag);
      for (int[] range : ranges) {
        if (slot >= range[0] && slot <= range[1]) {
          return "{" + tag + "}";
        }
      }
    }
    throw new IllegalArgumentException("No key found for the slot ranges " + ranges.stream()
      .map(r -> r[0] + "-" + r[1]).toList());
  }

  /** The slot of {@code key}: of its hash tag when it has one (the first '{' up to the next '}', not empty). */
  static int slotOfKey(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        return slotOfTag(key.substring(open + 1, close));
      }
    }
    return slotOfTag(key);
  }

  /** The slot of every key whose hash tag is {@code tag}. */
  static int slotOfTag(String tag) {
    return crc16(tag.getBytes(StandardCharsets.UTF_8)) % SLOTS;
  }

  private static int crc16(byte[] bytes) {
    int crc = 0;
    for (byte b : bytes) {
      crc ^= (b & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xffff;
  }
}
