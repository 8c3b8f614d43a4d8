package dev.berth.evidence;

import dev.berth.project.FileTree;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The compose files of the tree a partly known {@code -f} path may name ({@link Value#pattern}:
 * {@code test/runs/*}{@code /docker-compose.yml}), each {@code *} one path segment's part.
 */
public final class ComposeFilePattern {
  private ComposeFilePattern() {}

  /** The YAML files matching, or empty when none does or more than {@code limit} do. */
  public static Optional<List<String>> matches(FileTree tree, String pattern, int limit) {
    Pattern glob = glob(pattern);
    List<String> out = tree.all()
        .filter(e -> e.kind() == FileTree.Kind.FILE
            && (e.name().endsWith(".yml") || e.name().endsWith(".yaml"))
            && glob.matcher(e.path()).matches())
        .map(FileTree.Entry::path)
        .limit(limit + 1L)
        .toList();
    return out.isEmpty() || out.size() > limit ? Optional.empty() : Optional.of(out);
  }

  private static Pattern glob(String pattern) {
    StringBuilder b = new StringBuilder();
    String[] parts = pattern.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) b.append("[^/]*");
      b.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(b.toString());
  }
}
