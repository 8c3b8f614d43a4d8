package dev.berth.context;

import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every {@code .gitignore} of the tree (plus {@code .git/info/exclude}), answering "is this path
 * ignored by git?" with git's precedence: a deeper file overrides a shallower one, the last
 * matching line of a file wins, and nothing under an ignored directory can be re-included.
 * An ignored path is taken to exist on developers' machines only: absent from a clean clone.
 */
public final class GitIgnores {
  private final List<GitIgnore> files;
  private final FileTree tree;
  /** Ignore files by the directory they apply to, highest precedence first. */
  private final Map<String, List<GitIgnore>> byDir = new HashMap<>();
  /**
   * What decides each directory seen so far (itself or an ancestor ignored): every file below a
   * directory shares its answer, so it is computed once, and a tree's cost stays linear.
   */
  private final Map<String, Optional<GitIgnore.Rule>> directories =
      new java.util.concurrent.ConcurrentHashMap<>();

  private GitIgnores(List<GitIgnore> files, FileTree tree) {
    this.files = List.copyOf(files);
    this.tree = tree;
    for (int i = files.size() - 1; i >= 0; i--) {
      byDir.computeIfAbsent(files.get(i).baseDir(), k -> new ArrayList<>()).add(files.get(i));
    }
  }

  public static GitIgnores none() {
    return new GitIgnores(List.of(), FileTree.of(List.of(), false));
  }

  /**
   * @param sources the text of files the loader read, by root-relative path; an ignore file whose
   *     text is missing counts as empty
   */
  public static GitIgnores of(FileTree tree, Function<String, Optional<SourceFile>> sources) {
    List<GitIgnore> files = new ArrayList<>();
    sources.apply(".git/info/exclude").ifPresent(f -> files.add(GitIgnore.parse(f, "")));
    tree.all()
        .filter(e -> e.kind() == FileTree.Kind.FILE && e.name().equals(".gitignore"))
        .sorted(Comparator.comparingInt((FileTree.Entry e) -> depth(e.path())))
        .forEach(e -> sources.apply(e.path()).ifPresent(f -> files.add(GitIgnore.parse(f))));
    return new GitIgnores(files, tree);
  }

  /** The cached fact for a project: its ignore files as the loader read them. */
  public static GitIgnores of(Project project) {
    return project.fact(GitIgnores.class, p -> of(p.fileTree(), p::source));
  }

  private static int depth(String path) {
    return (int) path.chars().filter(c -> c == '/').count();
  }

  public List<GitIgnore> files() {
    return files;
  }

  /** True when git ignores the path; its kind comes from the tree (a missing path is a file). */
  public boolean isIgnored(String path) {
    return ignoredBy(path, tree.isDirectory(path)).isPresent();
  }

  /**
   * The rule that makes git ignore {@code path} (itself or an ancestor directory), if any.
   * {@code isDirectory} lets callers ask about paths that are not on disk ("would .venv be
   * ignored?").
   */
  public Optional<GitIgnore.Rule> ignoredBy(String path, boolean isDirectory) {
    if (path.isEmpty() || files.isEmpty()) return Optional.empty();
    String parent = Paths.parent(path);
    // git does not descend into an ignored directory, so its contents stay ignored
    Optional<GitIgnore.Rule> above = parent.isEmpty() ? Optional.empty() : directory(parent);
    if (above.isPresent()) return above;
    Optional<GitIgnore.Rule> r = decide(path, isDirectory);
    return r.filter(rule -> !rule.negated());
  }

  /**
   * A {@code ./}-prefixed line of an ignore file above {@code path} that names it (see
   * {@link GitIgnore#namesWithDotSlash}): git does not ignore it, but its author keeps it out.
   */
  public Optional<GitIgnore.Rule> namedWithDotSlash(String path) {
    if (path.isEmpty() || files.isEmpty()) return Optional.empty();
    String dir = path;
    do {
      dir = Paths.parent(dir);
      for (GitIgnore g : byDir.getOrDefault(dir, List.of())) {
        Optional<GitIgnore.Rule> r = g.namesWithDotSlash(Paths.relativize(dir, path));
        if (r.isPresent()) return r;
      }
    } while (!dir.isEmpty());
    return Optional.empty();
  }

  /** {@link #ignoredBy} for a directory, memoized. */
  private Optional<GitIgnore.Rule> directory(String dir) {
    Optional<GitIgnore.Rule> known = directories.get(dir);
    if (known != null) return known;
    Optional<GitIgnore.Rule> r = ignoredBy(dir, true);
    directories.put(dir, r);
    return r;
  }

  /** The deepest ignore file with a matching pattern decides. */
  private Optional<GitIgnore.Rule> decide(String path, boolean isDirectory) {
    String dir = path;
    do {
      dir = Paths.parent(dir);
      for (GitIgnore g : byDir.getOrDefault(dir, List.of())) {
        Optional<GitIgnore.Rule> r = g.match(Paths.relativize(dir, path), isDirectory);
        if (r.isPresent()) return r;
      }
    } while (!dir.isEmpty());
    return Optional.empty();
  }
}
