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

  private static final Pending NOTHING = new Pending(Map.of(), Set.of());

  /**
   * The attributes: the loaded map itself until the first change, which copies it, since most requests change
   * nothing (the store never hands out a map it changes later).
   */
  private Map<String, Object> data;
  private boolean copied;
  /** Attributes set or removed since the last save; made at the first change. */
  private Set<String> changed = Collections.emptySet();
  /** JSON containers handed to the caller, with their encoding at that moment; made at the first one. */
  private Map<String, String> handedOut = Collections.emptyMap();

  Attributes(Map<String, Object> data) {
    this.data = data;
  }

  private Map<String, Object> writable() {
    if (!copied) {
      data = new HashMap<>(data);
      copied = true;
    }
    return data;
  }

  private Set<String> changedSet() {
    if (changed.isEmpty() && !(changed instanceof HashSet)) {
      changed = new HashSet<>();
    }
    return changed;
  }

  private Map<String, String> handedOutMap() {
    if (handedOut.isEmpty() && !(handedOut instanceof HashMap)) {
      handedOut = new HashMap<>();
    }
    return handedOut;
  }

  Object get(String name) {
    if (name == null) {
      return null; // the compact maps a loaded session starts with refuse null keys
    }
    Object value = data.get(name);
    noteHandedOut(name, value);
    return value;
  }

  /** @param value a JSON value, already checked */
  void put(String name, Object value) {
    writable().put(name, value);
    changedSet().add(name);
    handedOut.remove(name);
  }

  Object remove(String name) {
    if (name == null || !data.containsKey(name)) {
      return null;
    }
    changedSet().add(name);
    handedOut.remove(name);
    return writable().remove(name);
  }

  boolean contains(String name) {
    return name != null && data.containsKey(name);
  }

  /**
   * A read-only view of the attributes other than flash values, which follows later changes (so over the map that
   * takes them); its containers count as handed out.
   */
  Map<String, Object> view() {
    data.forEach((name, value) -> {
      if (!FlashNames.isFlash(name)) {
        noteHandedOut(name, value);
      }
    });
    return new AttributesWithoutFlashes(writable());
  }

  /** Whether there is no attribute at all, flash values included. */
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
    if (!all && changed.isEmpty() && handedOut.isEmpty()) {
      return NOTHING;
    }
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
    changedSet().addAll(names);
  }

  /** Replaces every attribute with what the store holds, with no change pending. */
  void reset(Map<String, Object> stored) {
    clear();
    data.putAll(stored);
  }

  void clear() {
    writable().clear();
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
      handedOutMap().computeIfAbsent(name, n -> Json.encode(value));
    }
  }

  private static Set<String> unionOf(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return union;
  }
}
