package io.github.vertxsessions.local.impl;

import io.github.vertxsessions.spi.SessionDelta;
import io.github.vertxsessions.spi.SessionRecord;
import io.github.vertxsessions.spi.support.JsonValues;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a local store hands out of the records it holds: the record itself when its data holds only immutable values,
 * which is most of the time, else a copy, since a caller must never share a JSON container with the store.
 */
final class RecordCopies {

  /** What {@code Map.copyOf} makes, which {@link SessionDelta} gives this store's records only without containers. */
  private static final Set<Class<?>> COMPACT_MAPS = Set.copyOf(List.of(Map.of().getClass(),
    Map.of("k", 1).getClass(), Map.of("k", 1, "l", 2, "m", 3).getClass()));

  private RecordCopies() {
  }

  /** The record as it is when its data holds only immutable values, else with a copy of its data. */
  static SessionRecord withCopiedData(SessionRecord record) {
    if (!mayHoldContainers(record.data())) {
      return record;
    }
    return record.toBuilder().data(JsonValues.copyAll(record.data())).build();
  }

  /**
   * Whether a stored session's attributes may hold a container: not when their map is a compact one, so that the
   * common load checks a class instead of walking the map (which for a compact map makes a new view every time).
   */
  private static boolean mayHoldContainers(Map<String, Object> data) {
    return !COMPACT_MAPS.contains(data.getClass()) && JsonValues.hasContainers(data);
  }
}
