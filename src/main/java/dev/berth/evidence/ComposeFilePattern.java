package dev.berth.evidence;

import dev.berth.project.FileTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file sets a compose run whose {@code -f} paths are partly variables may be ({@link
 * Value#pattern}: {@code test/runs/}{@code VAR}{@code /docker-compose.yml} with the variable's
 * place marked): each variable stands for one path segment's part, and one value throughout a
 * set ({@code -f deploy/$ENV/base.yml -f deploy/$ENV/override.yml} pairs staging with staging).
 */
public final class ComposeFilePattern {
  private ComposeFilePattern() {}

  /** Marks a variable's place in a pattern: MARK + name + MARK. */
  public static final char MARK = '\u0000';

  /** Beyond this many file sets, one run says nothing. */
  public static final int MAX_SETS = 64;

  /**
   * Every file set the run's {@code -f} values may be, each a list of root-relative paths in
   * order; empty when a pattern matches no file, or the sets are more than {@link #MAX_SETS}.
   *
   * @param isCompose which matching files can be compose files at all
   */
  public static Optional<List<List<String>>> sets(FileTree tree, List<Value> files,
      Predicate<String> isCompose) {
    List<List<Match>> choices = new ArrayList<>();
    for (Value f : files) {
      if (f.value().isPresent()) {
        choices.add(List.of(new Match(f.value().get(), Map.of())));
      } else if (f.pattern().isPresent()) {
        List<Match> m = matches(tree, f.pattern().get(), isCompose);
        if (m.isEmpty() || m.size() > MAX_SETS) return Optional.empty();
        choices.add(m);
      } else {
        return Optional.empty();
      }
    }
    List<List<String>> out = new ArrayList<>();
    if (!product(choices, 0, new ArrayList<>(), new HashMap<>(), out)) return Optional.empty();
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /** A file a pattern matches, and the value it gives each variable. */
  private record Match(String path, Map<String, String> bindings) {}

  /** False when the sets exceed the limit. */
  private static boolean product(List<List<Match>> choices, int i, List<String> files,
      Map<String, String> bound, List<List<String>> out) {
    if (i == choices.size()) {
      if (out.size() >= MAX_SETS) return false;
      out.add(List.copyOf(files));
      return true;
    }
    for (Match m : choices.get(i)) {
      // the same file twice in one set is no run anyone makes
      if (files.contains(m.path())) continue;
      boolean consistent = m.bindings().entrySet().stream()
          .allMatch(e -> !bound.containsKey(e.getKey()) || bound.get(e.getKey()).equals(e.getValue()));
      if (!consistent) continue;
      Map<String, String> next = new HashMap<>(bound);
      next.putAll(m.bindings());
      files.add(m.path());
      boolean ok = product(choices, i + 1, files, next, out);
      files.remove(files.size() - 1);
      if (!ok) return false;
    }
    return true;
  }

  private static List<Match> matches(FileTree tree, String pattern, Predicate<String> isCompose) {
    List<String> names = new ArrayList<>();
    Pattern glob = glob(pattern, names);
    // only under the pattern's literal directory: the text before its first variable
    int first = pattern.indexOf(MARK);
    String prefix = first < 0 ? pattern : pattern.substring(0, first);
    String dir = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
    List<Match> out = new ArrayList<>();
    for (FileTree.Entry e : (Iterable<FileTree.Entry>) tree.under(dir)::iterator) {
      if (e.kind() != FileTree.Kind.FILE
          || !(e.name().endsWith(".yml") || e.name().endsWith(".yaml"))) {
        continue;
      }
      Matcher m = glob.matcher(e.path());
      if (!m.matches() || !isCompose.test(e.path())) continue;
      Map<String, String> bindings = new LinkedHashMap<>();
      boolean consistent = true;
      for (int g = 0; g < names.size(); g++) {
        String v = m.group(g + 1);
        String prior = bindings.putIfAbsent(names.get(g), v);
        consistent &= prior == null || prior.equals(v);
      }
      if (consistent) out.add(new Match(e.path(), bindings));
      if (out.size() > MAX_SETS) break;
    }
    return out;
  }

  /** The pattern as a regex: each marked variable a group of one segment's characters. */
  private static Pattern glob(String pattern, List<String> names) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      int open = pattern.indexOf(MARK, i);
      if (open < 0) {
        b.append(Pattern.quote(pattern.substring(i)));
        break;
      }
      int close = pattern.indexOf(MARK, open + 1);
      if (close < 0) {
        b.append(Pattern.quote(pattern.substring(i)));
        break;
      }
      if (open > i) b.append(Pattern.quote(pattern.substring(i, open)));
      names.add(pattern.substring(open + 1, close));
      b.append("([^/]*)");
      i = close + 1;
    }
    return Pattern.compile(b.toString());
  }
}
