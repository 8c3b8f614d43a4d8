package dev.berth.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * compose-go's tree paths: the keys from the document root to a value, a list item being
 * {@code []}. A pattern is dotted; {@code *} matches any one segment (a key or a list item).
 * Segments are kept apart, so a key holding a dot ({@code com.example.label}) is one segment,
 * as compose-go escapes it.
 */
record TreePath(List<String> segments) {
  static final String ITEM = "[]";
  static final TreePath ROOT = new TreePath(List.of());
  /** Patterns are a few dozen constants matched against every node: split them once. */
  private static final Map<String, String[]> SPLIT = new ConcurrentHashMap<>();

  TreePath {
    segments = List.copyOf(segments);
  }

  TreePath next(String key) {
    List<String> s = new ArrayList<>(segments);
    s.add(key);
    return new TreePath(s);
  }

  TreePath item() {
    return next(ITEM);
  }

  boolean matches(String pattern) {
    String[] p = SPLIT.computeIfAbsent(pattern, k -> k.split("\\."));
    if (p.length != segments.size()) return false;
    for (int i = 0; i < p.length; i++) {
      if (!p[i].equals("*") && !p[i].equals(segments.get(i))) return false;
    }
    return true;
  }

  /** Dotted, for messages ("services.web.ports"). */
  @Override
  public String toString() {
    return String.join(".", segments);
  }
}
