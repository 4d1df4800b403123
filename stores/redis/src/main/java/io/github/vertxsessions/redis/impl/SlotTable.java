package io.github.vertxsessions.redis.impl;

import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which master serves which slots of a Redis Cluster, as a CLUSTER SLOTS reply says: masters named "host:port". */
final class SlotTable {

  /** Each master's slot ranges (inclusive {start, end} pairs), in the order of the reply. */
  private final Map<String, List<int[]>> rangesByMaster = new LinkedHashMap<>();
  /** The master of each slot; null for a slot no master serves. */
  private final String[] masterOfSlot = new String[HashSlots.SLOTS];

  /** @param clusterSlots a reply of CLUSTER SLOTS: per range its first and last slot, then its master and replicas */
  SlotTable(Response clusterSlots) {
    for (Response range : clusterSlots) {
      Response master = range.get(2);
      String name = master.get(0) + ":" + master.get(1);
      int start = range.get(0).toInteger();
      int end = range.get(1).toInteger();
      rangesByMaster.computeIfAbsent(name, k -> new ArrayList<>()).add(new int[] {start, end});
      for (int slot = start; slot <= end; slot++) {
        masterOfSlot[slot] = name;
      }
    }
  }

  /** Each master's slot ranges. */
  Map<String, List<int[]>> rangesByMaster() {
    return rangesByMaster;
  }

  /** The master that serves {@code key}'s slot, or null when none does. */
  String masterOf(String key) {
    return masterOfSlot[HashSlots.slotOfKey(key)];
  }
}
