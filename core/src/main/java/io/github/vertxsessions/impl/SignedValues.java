package io.github.vertxsessions.impl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed cookie values one thread signed or verified lately under the current secret, by session ID: at most
 * {@value #CAPACITY}, the least recently used dropped first. Sized for the sessions one event loop serves within a
 * few moments (about 270 bytes each, so about 280 kB per thread at most); a session used less often than that is
 * verified in full, which costs one HMAC more and nothing else. Only a value that verified (or was just signed) gets
 * in, so a client cannot fill it with values of its own making. Not thread-safe: one per thread.
 */
final class SignedValues {

  static final int CAPACITY = 1024;

  private final Map<String, String> byId = new LinkedHashMap<>(CAPACITY * 4 / 3 + 1, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CAPACITY;
    }
  };

  /** The value remembered for {@code id}, now the most recently used; null when none is. */
  String get(String id) {
    return byId.get(id);
  }

  void put(String id, String signedValue) {
    byId.put(id, signedValue);
  }
}
