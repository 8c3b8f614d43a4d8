package dev.berth.rules.context;

import dev.berth.context.Paths;
import dev.berth.project.FileTree;
import java.util.Optional;

/** Existence questions on root-relative host paths, with "cannot tell" as an answer. */
final class TreePaths {
  private TreePaths() {}

  /**
   * True when the loader's walk cannot say whether {@code path} exists: the walk was truncated,
   * or an ancestor is a directory it did not descend into (.git, node_modules), could not list,
   * or a symlink.
   */
  static boolean unknown(FileTree tree, String path) {
    if (tree.truncated()) return true;
    for (String p = Paths.parent(path); !p.isEmpty(); p = Paths.parent(p)) {
      if (tree.unreadable().containsKey(p)) return true;
      Optional<FileTree.Entry> e = tree.get(p);
      if (e.isPresent() && (e.get().pruned() || e.get().kind() == FileTree.Kind.SYMLINK)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A path the host makes before the build or the run: git ignores it, or a command of the
   * repository makes it ({@code RepoEvidence}); what it will hold is unknown.
   */
  static boolean madeOnHost(dev.berth.project.Project project, String path, boolean directory) {
    return !path.isEmpty() && (dev.berth.context.GitIgnores.of(project)
        .ignoredBy(path, directory).isPresent()
        || dev.berth.evidence.RepoEvidence.of(project).producer(path).isPresent());
  }

  /**
   * A compose host path (already rebased onto the root by the loader: "./x", ".", "../x" or
   * absolute) as a root-relative path; empty when it is absolute, home-relative or leaves the
   * root, about which berth says nothing.
   */
  static Optional<String> rootRelative(String hostPath) {
    String v = hostPath.trim();
    if (v.isEmpty() || v.startsWith("/") || v.startsWith("~") || v.startsWith("\\")
        || v.matches("^[A-Za-z]:.*") || v.contains("$")) {
      return Optional.empty();
    }
    String clean = Paths.clean(v);
    if (clean.equals("..") || clean.startsWith("../")) return Optional.empty();
    return Optional.of(clean.equals(".") ? "" : clean);
  }

  /** The path as a user would write it in messages: "." for the root. */
  static String show(String rootRelative) {
    return rootRelative.isEmpty() ? "." : rootRelative;
  }

  /**
   * The committed template of a root-relative file a service mounts: a conventional name beside
   * it (or above it, for {@code .env}), else a {@code .env.NAME.example} named for the setup of
   * the compose file {@code hint} (EnvTemplates.find, then EnvTemplates.variant over the tree's
   * listings).
   */
  static Optional<String> envTemplate(FileTree tree, String path, String hint) {
    return withVariant(tree, path, hint, dev.berth.compose.EnvTemplates.find(path, tree::isFile));
  }

  /**
   * As {@link #envTemplate}, for a service's {@code env_file}: a template by the file's own name
   * may also sit in a directory above (EnvTemplates.findEnvFile), or beside the compose file
   * {@code hint} that reads it from a directory below (EnvTemplates.besideUser).
   */
  static Optional<String> envFileTemplate(FileTree tree, String path, String hint) {
    return withVariant(tree, path, hint,
        dev.berth.compose.EnvTemplates.findEnvFile(path, tree::isFile)
            .or(() -> dev.berth.compose.EnvTemplates.besideUser(path, hint, tree::isFile))
            .or(() -> dev.berth.compose.EnvTemplates.developmentTwin(path, tree::isFile)));
  }

  private static Optional<String> withVariant(FileTree tree, String path, String hint,
      Optional<String> named) {
    return named.or(() -> dev.berth.compose.EnvTemplates.variant(path, d -> tree.children(d)
        .filter(e -> e.kind() == FileTree.Kind.FILE).map(FileTree.Entry::name).toList(), hint));
  }
}
