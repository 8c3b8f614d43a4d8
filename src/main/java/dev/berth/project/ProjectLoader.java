package dev.berth.project;

import dev.berth.compose.ComposeLoadResult;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeOptions;
import dev.berth.compose.ComposeProject;
import dev.berth.config.BerthConfig;
import dev.berth.context.GitIgnores;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileParser;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discovery and loading: walks the root once ({@link FileTree}), picks the files to lint from the
 * targets, reads them safely and parses them in parallel. Nothing here judges; every problem
 * becomes a {@link Diagnostic}.
 */
public final class ProjectLoader {
  /** Dockerfiles and compose files larger than this are not real ones; refuse rather than stall. */
  static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
  static final int MAX_TREE_ENTRIES = 500_000;

  private ProjectLoader() {}

  /**
   * @param root project root; every path in the model is relative to it
   * @param targets files or directories to lint (absolute or relative to the root); empty = root.
   *     Files named explicitly are linted even if the config's ignore globs match them.
   */
  public static Project load(Path root, List<Path> targets, BerthConfig config) {
    return load(root, targets, config,
        ComposeOptions.defaults().withGroups(config.composeProjects()));
  }

  /**
   * @param compose how compose files are grouped and interpolated (groups from .berth.yaml and
   *     {@code -f}, {@code --env-file}, opt-in process environment)
   */
  public static Project load(Path root, List<Path> targets, BerthConfig config,
      ComposeOptions compose) {
    Path absRoot = root.toAbsolutePath().normalize();
    List<Diagnostic> diagnostics = new ArrayList<>();
    FileTree tree = scan(absRoot, diagnostics);
    if (tree.truncated()) {
      diagnostics.add(new Diagnostic(Range.wholeFile("."), Diagnostic.Kind.LIMIT,
          "more than " + MAX_TREE_ENTRIES + " paths under the root; the rest were not scanned"));
    }

    // Ignore files anywhere under the root decide what builds see and what git tracks, whichever
    // files were named on the command line, so they are always read (they are small).
    List<SourceFile> support = readSupportFiles(absRoot, tree, diagnostics);
    Map<String, SourceFile> supportByPath = new LinkedHashMap<>();
    support.forEach(f -> supportByPath.put(f.path(), f));
    GitIgnores gitIgnores = GitIgnores.of(tree, p -> Optional.ofNullable(supportByPath.get(p)));

    Map<String, ProjectFile> selected = select(absRoot, tree, targets, config, gitIgnores,
        diagnostics);
    List<ProjectFile> files = new ArrayList<>(selected.values());
    if (compose.onlyGroups()) {
      // -f: the named compose files are the whole set; others under the targets are not linted.
      List<String> named = compose.groups().stream().flatMap(List::stream).toList();
      files.removeIf(f -> f.kind() == ProjectFile.Kind.COMPOSE && !named.contains(f.path()));
    }

    // Reading and parsing are independent per file: do them in parallel, keep file order.
    // Compose files are read by the compose loader, which follows includes, extends and .env.
    List<String> composeFiles = files.stream()
        .filter(f -> f.kind() == ProjectFile.Kind.COMPOSE).map(ProjectFile::path).toList();
    List<Loaded> loaded = files.stream()
        .filter(f -> f.kind() != ProjectFile.Kind.COMPOSE)
        .toList()
        .parallelStream()
        .map(f -> load(absRoot, tree, f))
        .toList();
    List<Dockerfile> dockerfiles = new ArrayList<>();
    List<SourceFile> sources = new ArrayList<>();
    for (Loaded l : loaded) {
      diagnostics.addAll(l.diagnostics);
      l.source.ifPresent(s -> {
        sources.add(s);
        supportByPath.remove(s.path());
      });
      l.dockerfile.ifPresent(d -> {
        dockerfiles.add(d);
        diagnostics.addAll(d.diagnostics());
      });
    }
    List<ComposeProject> composeProjects = List.of();
    if (!composeFiles.isEmpty()) {
      ComposeLoadResult result = ComposeLoader.load(absRoot, composeFiles, compose);
      composeProjects = result.projects();
      diagnostics.addAll(result.diagnostics());
      for (SourceFile f : result.sourcesRead()) {
        supportByPath.remove(f.path());
        sources.add(f);
      }
    }
    sources.addAll(supportByPath.values());
    return Project.builder(absRoot, config)
        .files(files)
        .dockerfiles(dockerfiles)
        .composeProjects(composeProjects)
        .sources(sources)
        .diagnostics(diagnostics)
        .fileTree(tree)
        .build();
  }

  private static FileTree scan(Path root, List<Diagnostic> diagnostics) {
    try {
      return FileTree.scan(root, MAX_TREE_ENTRIES);
    } catch (IOException e) {
      diagnostics.add(new Diagnostic(Range.wholeFile("."), Diagnostic.Kind.IO_ERROR,
          "cannot read the project root: " + e.getMessage()));
      return FileTree.of(List.of(), false);
    }
  }

  private record Loaded(Optional<SourceFile> source, Optional<Dockerfile> dockerfile,
      List<Diagnostic> diagnostics) {}

  private static Loaded load(Path root, FileTree tree, ProjectFile file) {
    List<Diagnostic> diags = new ArrayList<>();
    Optional<SourceFile> source = read(root, tree, file.path(), diags);
    Optional<Dockerfile> df = Optional.empty();
    if (source.isPresent() && file.kind() == ProjectFile.Kind.DOCKERFILE) {
      df = Optional.of(DockerfileParser.parse(source.get()));
    }
    return new Loaded(source, df, diags);
  }

  /**
   * Every .gitignore, .dockerignore and *.dockerignore outside pruned dirs, .git/info/exclude, and
   * the framework settings modules that say what an app reads at run time (Django settings.py).
   */
  private static List<SourceFile> readSupportFiles(Path root, FileTree tree,
      List<Diagnostic> diagnostics) {
    List<String> paths = tree.all()
        .filter(e -> e.kind() == FileTree.Kind.FILE && !insidePruned(tree, e.path()))
        .filter(e -> e.name().equals(".gitignore") || e.name().endsWith(".dockerignore")
            || FileKinds.isAppSettings(e.path()))
        .map(FileTree.Entry::path)
        .toList();
    List<SourceFile> out = new ArrayList<>();
    for (String p : paths) read(root, tree, p, diagnostics).ifPresent(out::add);
    Path exclude = root.resolve(".git").resolve("info").resolve("exclude");
    if (tree.isDirectory(".git") && Files.isRegularFile(exclude, LinkOption.NOFOLLOW_LINKS)) {
      try {
        if (Files.size(exclude) <= MAX_FILE_BYTES) {
          out.add(new SourceFile(".git/info/exclude", Files.readString(exclude)));
        }
      } catch (IOException | RuntimeException e) {
        // git's own exclude file is optional knowledge; unreadable means "no extra patterns"
      }
    }
    return out;
  }

  private static Map<String, ProjectFile> select(Path root, FileTree tree, List<Path> targets,
      BerthConfig config, GitIgnores gitIgnores, List<Diagnostic> diagnostics) {
    List<PathMatcher> ignores = config.ignore().stream()
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
        .toList();
    Map<String, ProjectFile> out = new LinkedHashMap<>();
    List<Path> effective = targets.isEmpty() ? List.of(root) : targets;
    for (Path target : effective) {
      Path abs = (target.isAbsolute() ? target : root.resolve(target.toString())).normalize();
      if (!abs.startsWith(root)) {
        diagnostics.add(new Diagnostic(Range.wholeFile(target.toString().replace('\\', '/')),
            Diagnostic.Kind.CONFIG, "outside the project root " + root + "; not linted"));
        continue;
      }
      String rel = FileTree.relative(root, abs);
      Optional<FileTree.Entry> entry = tree.get(rel);
      if (entry.isEmpty()) {
        diagnostics.add(new Diagnostic(Range.wholeFile(rel), Diagnostic.Kind.IO_ERROR,
            "no such file or directory"));
      } else if (entry.get().kind() == FileTree.Kind.DIRECTORY) {
        tree.under(rel)
            .filter(e -> e.kind() != FileTree.Kind.DIRECTORY && !insidePruned(tree, e.path()))
            .filter(e -> ignores.stream().noneMatch(m -> m.matches(Path.of(e.path()))))
            .filter(e -> !gitIgnores.isIgnored(e.path()))
            .forEach(e -> {
              ProjectFile.Kind kind = FileKinds.classify(e.name());
              if (kind != ProjectFile.Kind.OTHER) out.putIfAbsent(e.path(), new ProjectFile(e.path(), kind));
            });
      } else {
        // Named explicitly: lint it whatever its name, as a Dockerfile unless it looks like compose.
        ProjectFile.Kind kind = FileKinds.classify(entry.get().name());
        if (kind == ProjectFile.Kind.OTHER) kind = looksLikeYaml(rel) ? ProjectFile.Kind.COMPOSE
            : ProjectFile.Kind.DOCKERFILE;
        out.putIfAbsent(rel, new ProjectFile(rel, kind));
      }
    }
    return out;
  }

  private static boolean looksLikeYaml(String path) {
    return path.endsWith(".yml") || path.endsWith(".yaml");
  }

  private static boolean insidePruned(FileTree tree, String path) {
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      Optional<FileTree.Entry> dir = tree.get(path.substring(0, i));
      if (dir.isPresent() && dir.get().pruned()) return true;
    }
    return false;
  }

  /**
   * Reads a root-relative file as text. Symlinks are followed only when their target stays inside
   * the root; binary, huge and undecodable files become diagnostics.
   */
  static Optional<SourceFile> read(Path root, FileTree tree, String rel, List<Diagnostic> diags) {
    SafeRead.Result r = SafeRead.read(root, tree, rel, MAX_FILE_BYTES);
    if (r instanceof SafeRead.Text t) return Optional.of(t.file());
    SafeRead.Refused refused = (SafeRead.Refused) r;
    diags.add(new Diagnostic(Range.wholeFile(rel), refused.kind(), refused.why()));
    return Optional.empty();
  }
}
