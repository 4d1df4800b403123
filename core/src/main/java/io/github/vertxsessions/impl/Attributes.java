package io.github.vertxsessions.impl;

import io.github.vertxsessions.spi.support.JsonValues;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A session's attributes, and which of them changed since the last save: those set or removed, and the JSON
 * containers handed to the caller that were changed in place (noticed by comparing their encoding).
 */
final class Attributes {

  /** What a save must write: the attributes to set, with copies of their values, and those to remove. */
  record Pending(Map<String, Object> set, Set<String> unset) {

    boolean isEmpty() {
      return set.isEmpty() && unset.isEmpty();
    }

    Set<String> names() {
      Set<String> names = new HashSet<>(set.keySet());
      names.addAll(unset);
      return names;
    }
  }

  private final Map<String, Object> data;
  /** Attributes set or removed since the last save. */
  private final Set<String> changed = new HashSet<>();
  /** JSON containers handed to the caller, with their encoding at that moment. */
  private final Map<String, String> handedOut = new HashMap<>();

  Attributes(Map<String, Object> data) {
    this.data = new HashMap<>(data);
  }

  Object get(String name) {
    Object value = data.get(name);
    noteHandedOut(name, value);
    return value;
  }

  /** @param value a JSON value, already checked */
  void put(String name, Object value) {
    data.put(name, value);
    changed.add(name);
    handedOut.remove(name);
  }

  Object remove(String name) {
    if (data.containsKey(name)) {
      changed.add(name);
      handedOut.remove(name);
    }
    return data.remove(name);
  }

  boolean contains(String name) {
    return data.containsKey(name);
  }

  /** A read-only view; its containers count as handed out. */
  Map<String, Object> view() {
    data.forEach(this::noteHandedOut);
    return Collections.unmodifiableMap(data);
  }

  boolean isEmpty() {
    return data.isEmpty();
  }

  boolean hasChanges() {
    return !changed.isEmpty();
  }

  /** Every attribute, copied, as a creation stores them. */
  Map<String, Object> snapshot() {
    return JsonValues.copyAll(data);
  }

  /**
   * What a save must write.
   *
   * @param all every attribute (the {@code resave} option), not only those that changed
   */
  Pending pending(boolean all) {
    Map<String, Object> set = new HashMap<>();
    Set<String> unset = new HashSet<>();
    for (String name : all ? unionOf(changed, data.keySet()) : changedOrEditedInPlace()) {
      if (data.containsKey(name)) {
        set.put(name, JsonValues.copy(data.get(name)));
      } else {
        unset.add(name);
      }
    }
    return new Pending(set, unset);
  }

  /** A save has taken the changes: from now on, only later ones count. */
  void saved() {
    changed.clear();
    handedOut.replaceAll((name, encoded) -> Json.encode(data.get(name)));
  }

  /** A save of {@code names} failed: they count as changed again, for a later save to try. */
  void unsaved(Set<String> names) {
    changed.addAll(names);
  }

  /** Replaces every attribute with what the store holds, with no change pending. */
  void reset(Map<String, Object> stored) {
    clear();
    data.putAll(stored);
  }

  void clear() {
    data.clear();
    changed.clear();
    handedOut.clear();
  }

  private Set<String> changedOrEditedInPlace() {
    if (handedOut.isEmpty()) {
      return changed;
    }
    Set<String> names = new HashSet<>(changed);
    handedOut.forEach((name, encoded) -> {
      if (!encoded.equals(Json.encode(data.get(name)))) {
        names.add(name);
      }
    });
    return names;
  }

  private void noteHandedOut(String name, Object value) {
    if ((value instanceof JsonObject || value instanceof JsonArray) && !changed.contains(name)) {
      handedOut.computeIfAbsent(name, n -> Json.encode(value));
    }
  }

  private static Set<String> unionOf(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return union;
  }
}
