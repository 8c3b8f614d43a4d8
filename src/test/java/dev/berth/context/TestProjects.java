package dev.berth.context;

import dev.berth.config.BerthConfig;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileParser;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds small in-memory projects for context and rule tests: Dockerfiles parsed by the real
 * parser, a FileTree from a list of paths. Text files given with content become project sources.
 */
public final class TestProjects {
  private final Map<String, String> files = new LinkedHashMap<>();
  private final TreeSet<String> dirs = new TreeSet<>();
  private final List<String> dockerfiles = new ArrayList<>();
  private final Map<String, String> links = new LinkedHashMap<>();

  public static TestProjects create() {
    return new TestProjects();
  }

  /** A file with content; parent directories are implied. */
  public TestProjects file(String path, String content) {
    files.put(path, content);
    return this;
  }

  /** Files without interesting content ("x"); a path ending in '/' is a directory. */
  public TestProjects paths(String... paths) {
    for (String p : paths) {
      if (p.endsWith("/")) {
        dirs.add(p.substring(0, p.length() - 1));
      } else {
        files.putIfAbsent(p, "x\n");
      }
    }
    return this;
  }

  /**
   * Declares how the repository builds a Dockerfile: a line {@code docker build -f <dockerfile>
   * <context>} in a {@code build.sh} at the root, the way a project's own script would (without
   * it, a lone Dockerfile's context is only inferred or assumed).
   */
  public TestProjects builtWith(String dockerfile, String context) {
    files.merge("build.sh", "docker build -f " + dockerfile + " " + (context.isEmpty() ? "."
        : context) + "\n", String::concat);
    return this;
  }

  /** A symbolic link at {@code path} whose target, resolved and root-relative, is {@code target}. */
  public TestProjects symlink(String path, String target) {
    links.put(path, target);
    return this;
  }

  public TestProjects dockerfile(String path, String content) {
    files.put(path, content);
    dockerfiles.add(path);
    return this;
  }

  public FileTree tree() {
    TreeSet<String> allDirs = new TreeSet<>(dirs);
    for (String f : files.keySet()) addParents(f, allDirs);
    for (String d : dirs) addParents(d, allDirs);
    for (String l : links.keySet()) addParents(l, allDirs);
    List<FileTree.Entry> entries = new ArrayList<>();
    entries.add(new FileTree.Entry("", FileTree.Kind.DIRECTORY, 0, Optional.empty(), false, false));
    for (String d : allDirs) {
      boolean pruned = FileTree.PRUNED.contains(Paths.name(d));
      entries.add(new FileTree.Entry(d, FileTree.Kind.DIRECTORY, 0, Optional.empty(), false,
          pruned));
    }
    for (String f : files.keySet()) {
      entries.add(new FileTree.Entry(f, FileTree.Kind.FILE, files.get(f).length(),
          Optional.empty(), false, false));
    }
    for (Map.Entry<String, String> l : links.entrySet()) {
      entries.add(new FileTree.Entry(l.getKey(), FileTree.Kind.SYMLINK, 0,
          Optional.of(l.getValue()), false, false));
    }
    return FileTree.of(entries, false);
  }

  private static void addParents(String p, TreeSet<String> into) {
    String d = Paths.parent(p);
    while (!d.isEmpty()) {
      into.add(d);
      d = Paths.parent(d);
    }
  }

  public Project build() {
    List<SourceFile> sources = new ArrayList<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      sources.add(new SourceFile(e.getKey(), e.getValue()));
    }
    List<Dockerfile> parsed = new ArrayList<>();
    for (String d : dockerfiles) parsed.add(parse(new SourceFile(d, files.get(d))));
    return Project.builder(Path.of("/project"), BerthConfig.defaults())
        .dockerfiles(parsed)
        .sources(sources)
        .fileTree(tree())
        .build();
  }

  /** A deliberately tiny Dockerfile reader: one instruction per line, shell form only. */
  public static Dockerfile parse(SourceFile src) {
    return DockerfileParser.parse(src);
  }
}
