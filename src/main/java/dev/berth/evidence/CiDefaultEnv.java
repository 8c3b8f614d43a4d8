package dev.berth.evidence;

import dev.berth.source.DataResources;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a CI runner sets in every step's environment ({@code
 * berth/evidence/ci-default-env.tsv}, each with its reference): a compose command a GitHub
 * Actions step runs, or a script it calls, has {@code GITHUB_WORKSPACE} whatever the workflow's
 * {@code env:} says (proton's compatibility test mounts {@code $GITHUB_WORKSPACE/data}).
 */
final class CiDefaultEnv {
  private static final Map<String, Set<String>> BY_SYSTEM = load();

  private CiDefaultEnv() {}

  /** The names system {@code ci} ("github") sets in every step. */
  static Set<String> of(String ci) {
    return BY_SYSTEM.getOrDefault(ci, Set.of());
  }

  private static Map<String, Set<String>> load() {
    Map<String, Set<String>> out = new HashMap<>();
    for (String[] f : DataResources.tsvRows(CiDefaultEnv.class,
        "/berth/evidence/ci-default-env.tsv")) {
      out.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[1]);
    }
    out.replaceAll((k, v) -> Set.copyOf(v));
    return Map.copyOf(out);
  }

}
