package dev.berth.compose;

import dev.berth.compose.yaml.YamlScalar;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Scalars whose text uses a variable nobody sets: their value depends on an environment berth
 * does not have (BTH107 reports the variable), so checks on the value stay silent.
 */
final class UnknownValues implements Predicate<YamlScalar> {
  /** file → start line → references of unset variables starting on that line. */
  private final Map<String, TreeMap<Integer, List<Range>>> byFile = new HashMap<>();

  UnknownValues(List<UnsetVariable> unset) {
    for (UnsetVariable u : unset) {
      Range r = u.range();
      byFile.computeIfAbsent(r.file(), f -> new TreeMap<>())
          .computeIfAbsent(r.startLine(), l -> new ArrayList<>()).add(r);
    }
  }

  @Override
  public boolean test(YamlScalar s) {
    return covers(s.range());
  }

  /** Whether the text at {@code v} uses one of the unset variables. */
  boolean covers(Range v) {
    TreeMap<Integer, List<Range>> lines = byFile.get(v.file());
    if (lines == null) return false;
    for (List<Range> refs : lines.subMap(v.startLine(), true, v.endLine(), true).values()) {
      for (Range r : refs) {
        if (v.encloses(r)) return true;
      }
    }
    return false;
  }
}
