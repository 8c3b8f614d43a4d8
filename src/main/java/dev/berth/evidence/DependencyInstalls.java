package dev.berth.evidence;

import dev.berth.source.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of host dependency installs ({@code berth/evidence/dependency-installs.tsv}, each
 * entry with its reference): {@code npm install} makes {@code node_modules} where it runs,
 * {@code uv sync} makes {@code .venv}.
 */
final class DependencyInstalls {
  private record Entry(String program, List<String> words, String directory) {}

  /**
   * @param directory what the install makes where it runs ({@code node_modules})
   * @param how the command as the catalog names it ({@code npm ci}, {@code yarn}), for messages
   */
  record Install(String directory, String how) {}

  private static final List<Entry> ENTRIES = load();

  /** Options that install globally or into another directory than where the command runs. */
  private static final java.util.Set<String> GLOBAL_OR_ELSEWHERE = java.util.Set.of("-g",
      "--global", "--location=global", "--prefix", "-C", "--dir", "--cwd", "--modules-folder",
      "--project", "--directory");

  private DependencyInstalls() {}

  private static List<Entry> load() {
    List<Entry> out = new ArrayList<>();
    for (String[] f : DataResources.tsvRows(DependencyInstalls.class,
        "/berth/evidence/dependency-installs.tsv")) {
      out.add(new Entry(f[0], f[1].equals("-") ? List.of() : List.of(f[1].split(" ")), f[2]));
    }
    return List.copyOf(out);
  }

  /**
   * The install {@code program} (a base name) with these literal arguments (null for a word that
   * is not literal) is, and the directory it makes where it runs; a program listed alone
   * ({@code yarn}) only when it has no operand.
   */
  static Optional<Install> of(String program, List<String> args) {
    // a global or elsewhere install makes nothing where it runs (npm install -g serve,
    // --prefix DIR, yarn --cwd DIR, uv sync --project DIR)
    if (args.stream().anyMatch(a -> a == null || GLOBAL_OR_ELSEWHERE.contains(a)
        || a.startsWith("--prefix=") || a.startsWith("--cwd=") || a.startsWith("--project=")
        || a.startsWith("--directory="))) {
      return Optional.empty();
    }
    for (Entry e : ENTRIES) {
      if (!e.program().equals(program)) continue;
      if (e.words().isEmpty()) {
        if (args.stream().allMatch(a -> a != null && a.startsWith("-"))) {
          return Optional.of(new Install(e.directory(), program));
        }
        continue;
      }
      String first = args.stream().filter(a -> a == null || !a.startsWith("-")).findFirst()
          .orElse(null);
      if (e.words().get(0).equals(first)) {
        return Optional.of(new Install(e.directory(), program + " " + String.join(" ", e.words())));
      }
    }
    return Optional.empty();
  }
}
