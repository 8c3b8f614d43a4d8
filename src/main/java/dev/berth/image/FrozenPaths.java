package dev.berth.image;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * The nodes of a finished simulation step: paths in sorted arrays instead of a tree. Every step of
 * every stage keeps its own image state, so a large tree holds millions of these entries; a tree
 * map entry costs five times the two array slots (a 28,000-file project: 1.5 million entries,
 * 60 MB as tree entries). Immutable; views ({@link #subMap}) share the arrays.
 */
final class FrozenPaths extends AbstractMap<String, Node> implements SortedMap<String, Node> {
  private final String[] keys;
  private final Node[] values;
  private final int from;
  private final int to;

  private FrozenPaths(String[] keys, Node[] values, int from, int to) {
    this.keys = keys;
    this.values = values;
    this.from = from;
    this.to = to;
  }

  /** A copy of {@code m}, whose keys are sorted in natural order. */
  static FrozenPaths of(SortedMap<String, Node> m) {
    if (m instanceof FrozenPaths f) return f;
    String[] k = new String[m.size()];
    Node[] v = new Node[m.size()];
    int i = 0;
    for (Entry<String, Node> e : m.entrySet()) {
      k[i] = e.getKey();
      v[i++] = e.getValue();
    }
    return new FrozenPaths(k, v, 0, k.length);
  }

  /** The index of the first key at or after {@code key} within the view. */
  private int lowerBound(String key) {
    int i = Arrays.binarySearch(keys, from, to, key);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public Node get(Object key) {
    if (!(key instanceof String s)) return null;
    int i = Arrays.binarySearch(keys, from, to, s);
    return i >= 0 ? values[i] : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public int size() {
    return to - from;
  }

  @Override
  public Comparator<? super String> comparator() {
    return null;
  }

  @Override
  public SortedMap<String, Node> subMap(String fromKey, String toKey) {
    if (fromKey.compareTo(toKey) > 0) throw new IllegalArgumentException("fromKey > toKey");
    int a = lowerBound(fromKey);
    return new FrozenPaths(keys, values, a, Math.max(a, lowerBound(toKey)));
  }

  @Override
  public SortedMap<String, Node> headMap(String toKey) {
    return new FrozenPaths(keys, values, from, lowerBound(toKey));
  }

  @Override
  public SortedMap<String, Node> tailMap(String fromKey) {
    return new FrozenPaths(keys, values, lowerBound(fromKey), to);
  }

  @Override
  public String firstKey() {
    if (from == to) throw new NoSuchElementException();
    return keys[from];
  }

  @Override
  public String lastKey() {
    if (from == to) throw new NoSuchElementException();
    return keys[to - 1];
  }

  @Override
  public Set<Entry<String, Node>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Node>> iterator() {
        return new Iterator<>() {
          private int i = from;

          @Override
          public boolean hasNext() {
            return i < to;
          }

          @Override
          public Entry<String, Node> next() {
            if (i >= to) throw new NoSuchElementException();
            Entry<String, Node> e = new SimpleImmutableEntry<>(keys[i], values[i]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return to - from;
      }
    };
  }
}
