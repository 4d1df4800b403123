package io.github.vertxsessions.impl;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only view of a session's attributes that leaves out its flash values, which only
 * {@link io.github.vertxsessions.Session#takeFlash} reads: what {@link io.github.vertxsessions.Session#data()} shows.
 * It follows later changes of the map it views.
 */
final class AttributesWithoutFlashes extends AbstractMap<String, Object> {

  private final Map<String, Object> attributes;
  private final Set<Entry<String, Object>> entries = new Entries();

  AttributesWithoutFlashes(Map<String, Object> attributes) {
    this.attributes = attributes;
  }

  @Override
  public Object get(Object key) {
    return key instanceof String name && !FlashNames.isFlash(name) ? attributes.get(name) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && !FlashNames.isFlash(name) && attributes.containsKey(name);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return entries;
  }

  private final class Entries extends AbstractSet<Entry<String, Object>> {

    @Override
    public Iterator<Entry<String, Object>> iterator() {
      return new Visible(attributes.entrySet().iterator());
    }

    @Override
    public int size() {
      int size = 0;
      for (String name : attributes.keySet()) {
        if (!FlashNames.isFlash(name)) {
          size++;
        }
      }
      return size;
    }
  }

  /** The entries that are not flashes, as immutable copies (an entry of the map itself could set its value). */
  private static final class Visible implements Iterator<Entry<String, Object>> {

    private final Iterator<Entry<String, Object>> all;
    private Entry<String, Object> next;

    Visible(Iterator<Entry<String, Object>> all) {
      this.all = all;
      advance();
    }

    private void advance() {
      next = null;
      while (next == null && all.hasNext()) {
        Entry<String, Object> entry = all.next();
        if (!FlashNames.isFlash(entry.getKey())) {
          next = new SimpleImmutableEntry<>(entry);
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Entry<String, Object> next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Entry<String, Object> current = next;
      advance();
      return current;
    }
  }
}
