package dev.berth.dockerfile;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * A Dockerfile's stages with an index by name: every FROM and --from names a stage, and a scan
 * of all stages per reference made files with thousands of stages quadratic.
 */
final class StageList extends AbstractList<Stage> implements RandomAccess {
  private final List<Stage> stages;
  /** Positions of the stages with each name, ascending. */
  private final Map<String, int[]> byName;

  StageList(List<Stage> stages) {
    this.stages = List.copyOf(stages);
    Map<String, List<Integer>> idx = new HashMap<>();
    for (int i = 0; i < this.stages.size(); i++) {
      int at = i;
      this.stages.get(i).name().ifPresent(n -> idx.computeIfAbsent(n, k -> new ArrayList<>()).add(at));
    }
    this.byName = new HashMap<>();
    idx.forEach((n, l) -> byName.put(n, l.stream().mapToInt(Integer::intValue).toArray()));
  }

  @Override
  public Stage get(int i) {
    return stages.get(i);
  }

  @Override
  public int size() {
    return stages.size();
  }

  /** The first stage with this exact name. */
  Optional<Stage> first(String name) {
    int[] at = byName.get(name);
    return at == null ? Optional.empty() : Optional.of(stages.get(at[0]));
  }

  /** The position of the last stage with this exact name before {@code beforeIndex}. */
  Optional<Integer> lastBefore(String name, int beforeIndex) {
    int[] at = byName.get(name);
    if (at == null) return Optional.empty();
    int k = java.util.Arrays.binarySearch(at, beforeIndex);
    int insertion = k >= 0 ? k : -k - 1;
    return insertion == 0 ? Optional.empty() : Optional.of(at[insertion - 1]);
  }
}
