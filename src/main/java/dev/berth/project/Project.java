package dev.berth.project;

import dev.berth.compose.ComposeProject;
import dev.berth.config.BerthConfig;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Everything berth knows about the linted tree: parsed files, configuration and load diagnostics,
 * plus derived facts computed once on demand. Later capabilities add a parsed-model list here (via
 * the {@link Builder}) or a fact type, never a new way of reading files.
 */
public final class Project {
  private final Path root;
  private final BerthConfig config;
  private final List<ProjectFile> files;
  private final List<Dockerfile> dockerfiles;
  private final Map<String, Dockerfile> dockerfilesByPath;
  private final List<ComposeProject> composeProjects;
  private final List<Diagnostic> diagnostics;
  private final Map<String, SourceFile> sources;
  private final FileTree fileTree;
  private final Map<Class<?>, Once> facts = new ConcurrentHashMap<>();

  public Project(Path root, BerthConfig config, List<ProjectFile> files,
      List<Dockerfile> dockerfiles, List<Diagnostic> diagnostics, List<SourceFile> sources) {
    this(builder(root, config).files(files).dockerfiles(dockerfiles).diagnostics(diagnostics)
        .sources(sources));
  }

  private Project(Builder b) {
    this.root = b.root;
    this.config = b.config;
    this.files = List.copyOf(b.files);
    this.dockerfiles = List.copyOf(b.dockerfiles);
    Map<String, Dockerfile> byDockerfilePath = new HashMap<>();
    for (Dockerfile d : dockerfiles) byDockerfilePath.putIfAbsent(d.path(), d);
    this.dockerfilesByPath = Collections.unmodifiableMap(byDockerfilePath);
    this.composeProjects = List.copyOf(b.composeProjects);
    this.diagnostics = List.copyOf(b.diagnostics);
    Map<String, SourceFile> byPath = new LinkedHashMap<>();
    for (SourceFile f : b.sources) byPath.put(f.path(), f);
    this.sources = Collections.unmodifiableMap(byPath);
    this.fileTree = b.fileTree;
    b.facts.forEach((type, value) -> {
      Once once = new Once();
      once.value = value;
      this.facts.put(type, once);
    });
  }

  public static Builder builder(Path root, BerthConfig config) {
    return new Builder(root, config);
  }

  /** Lets new parsed models slot in without touching every caller. */
  public static final class Builder {
    private final Path root;
    private final BerthConfig config;
    private List<ProjectFile> files = List.of();
    private List<Dockerfile> dockerfiles = List.of();
    private List<ComposeProject> composeProjects = List.of();
    private List<Diagnostic> diagnostics = List.of();
    private List<SourceFile> sources = List.of();
    private FileTree fileTree = FileTree.of(List.of(), false);
    private final Map<Class<?>, Object> facts = new LinkedHashMap<>();

    private Builder(Path root, BerthConfig config) {
      this.root = root;
      this.config = config;
    }

    public Builder files(List<ProjectFile> v) {
      files = v;
      return this;
    }

    public Builder dockerfiles(List<Dockerfile> v) {
      dockerfiles = v;
      return this;
    }

    public Builder composeProjects(List<ComposeProject> v) {
      composeProjects = v;
      return this;
    }

    public Builder diagnostics(List<Diagnostic> v) {
      diagnostics = v;
      return this;
    }

    public Builder sources(List<SourceFile> v) {
      sources = v;
      return this;
    }

    public Builder fileTree(FileTree v) {
      fileTree = v;
      return this;
    }

    /** A fact already computed while loading (it is not computed again). */
    public <T> Builder fact(Class<T> type, T value) {
      facts.put(type, value);
      return this;
    }

    public Project build() {
      return new Project(this);
    }
  }

  /** The project root on its FileSystem (real disk or jimfs in tests). */
  public Path root() {
    return root;
  }

  public BerthConfig config() {
    return config;
  }

  /** The files selected for linting. */
  public List<ProjectFile> files() {
    return files;
  }

  public List<Dockerfile> dockerfiles() {
    return dockerfiles;
  }

  public Optional<Dockerfile> dockerfile(String path) {
    return Optional.ofNullable(dockerfilesByPath.get(path));
  }

  /** Compose projects as {@code docker compose config} resolves them, in discovery order. */
  public List<ComposeProject> composeProjects() {
    return composeProjects;
  }

  /** Every path under the root, from the one walk the loader made. */
  public FileTree fileTree() {
    return fileTree;
  }

  /** Text of every file berth read (Dockerfiles, compose files, ignore files), by relative path. */
  public Optional<SourceFile> source(String path) {
    return Optional.ofNullable(sources.get(path));
  }

  /**
   * The text of the line {@code r} starts on, from its start column: how a value of a file berth
   * read was written before interpolation (a compose image's {@code ci/$PROJECT_NAME:$TAG}).
   */
  public Optional<String> writtenFrom(dev.berth.source.Range r) {
    return source(r.file()).filter(f -> r.startLine() <= f.lineCount())
        .map(f -> f.lineText(r.startLine()))
        .filter(line -> r.startColumn() - 1 <= line.length())
        .map(line -> line.substring(r.startColumn() - 1));
  }

  public Collection<SourceFile> sources() {
    return sources.values();
  }

  /** Problems met while loading (parse errors, unreadable files); each makes the exit code 2. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * Diagnostics of the facts computed so far (see {@link FactDiagnostics}), in the order of the
   * facts' class names: the same whichever thread computed which fact first.
   */
  public List<Diagnostic> factDiagnostics() {
    return facts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Class::getName)))
        .map(e -> e.getValue().value)
        .filter(java.util.Objects::nonNull)
        .filter(FactDiagnostics.class::isInstance)
        .flatMap(f -> ((FactDiagnostics) f).diagnostics().stream())
        .toList();
  }

  /**
   * A derived fact, computed on first request and cached: {@code project.fact(BuildContexts.class,
   * BuildContexts::compute)}. Facts are pure functions of the project, so caching is safe. Rules
   * run in parallel: a fact is computed once, and a thread that asks while another computes it
   * waits for that result. A fact that throws is not cached (the next request tries again).
   */
  public <T> T fact(Class<T> type, Function<Project, T> compute) {
    Once once = facts.computeIfAbsent(type, k -> new Once());
    Object value = once.value;
    if (value == null) {
      once.lock();
      try {
        value = once.value;
        if (value == null) {
          value = compute.apply(this);
          once.value = value;
        }
      } finally {
        once.lock.unlock();
      }
    }
    return type.cast(value);
  }

  /**
   * One fact's slot; {@code value} is written once, under the slot's lock. A rule thread that
   * waits for another to finish a fact tells its fork-join pool so ({@code managedBlock}): the
   * pool then lends a thread to the parallel work the computing fact splits off, where a plain
   * lock would leave that processor idle until the fact is done.
   */
  private static final class Once implements ForkJoinPool.ManagedBlocker {
    private volatile Object value;
    private final ReentrantLock lock = new ReentrantLock();

    void lock() {
      if (lock.tryLock()) return;
      try {
        ForkJoinPool.managedBlock(this);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lock.lock();
      }
    }

    @Override
    public boolean block() {
      lock.lock();
      return true;
    }

    @Override
    public boolean isReleasable() {
      return lock.tryLock();
    }
  }
}
