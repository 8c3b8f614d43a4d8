package dev.berth.context;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.dockerfile.Word;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Stage;
import dev.berth.project.FileTree;
import dev.berth.project.FactDiagnostics;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fact: every build of the project and what its builder receives. Each compose service with
 * {@code build:} is one build (Dockerfiles shared by services with the same settings counted
 * once); a Dockerfile no compose service builds uses the context {@code .berth.yaml} gives it
 * ({@code contexts:}), else its own directory (or an ancestor its sources need, see
 * {@link #guess}).
 */
public final class BuildContexts implements FactDiagnostics {
  private final List<BuildContext> contexts;
  private final FileTree tree;
  private final GitIgnores git;
  private final Map<BuildContext, Optional<ContextFiles>> files = new ConcurrentHashMap<>();
  private final Map<BuildContext.NamedContext, Optional<ContextFiles>> namedFiles =
      new ConcurrentHashMap<>();
  private final Map<String, Dockerfile> dockerfiles = new java.util.HashMap<>();
  private final Map<BuildContext, List<StageFacts>> stageFacts = new ConcurrentHashMap<>();

  private BuildContexts(List<BuildContext> contexts, FileTree tree, GitIgnores git,
      List<Dockerfile> dockerfiles) {
    for (Dockerfile d : dockerfiles) this.dockerfiles.putIfAbsent(d.path(), d);
    this.contexts = List.copyOf(contexts);
    this.tree = tree;
    this.git = git;
  }

  /** The cached fact for a project. */
  public static BuildContexts of(Project project) {
    return project.fact(BuildContexts.class, BuildContexts::compute);
  }

  private static BuildContexts compute(Project project) {
    GitIgnores git = GitIgnores.of(project.fileTree(), project::source);
    List<BuildContext> list = new ArrayList<>(ComposeContexts.of(project));
    Set<String> byCompose = new HashSet<>();
    for (BuildContext c : list) byCompose.add(c.dockerfile());
    Map<String, String> configured = project.config().contexts();
    for (Dockerfile df : project.dockerfiles()) {
      // a Dockerfile some compose service builds is judged with that service's context only
      if (byCompose.contains(df.path())) continue;
      String dir = configured.get(df.path());
      if (dir != null) {
        list.add(resolve(df.path(), new ContextLocation.Local(dir), df.path(), Optional.empty(),
            BuildContext.Origin.CONFIG, List.of(), project.fileTree(), project::source));
      } else {
        list.add(guess(df, project, git));
      }
    }
    return new BuildContexts(list, project.fileTree(), git, project.dockerfiles());
  }

  /**
   * Nobody said which context a lone Dockerfile is built with. Its own directory is the default,
   * but a monorepo Dockerfile is often built from an ancestor ({@code docker build -f
   * apps/web/Dockerfile .}); when every source resolves from exactly such an ancestor and not
   * from the Dockerfile's directory, that ancestor is the context. Otherwise the default stands.
   */
  private static BuildContext guess(Dockerfile df, Project project, GitIgnores git) {
    String own = Paths.parent(df.path());
    BuildContext dflt = resolve(df.path(), new ContextLocation.Local(own), df.path(),
        Optional.empty(), BuildContext.Origin.DOCKERFILE_DIRECTORY, List.of(),
        project.fileTree(), project::source);
    if (own.isEmpty() || plausible(df, dflt, project, git)) return dflt;
    String dir = own;
    while (!dir.isEmpty()) {
      dir = Paths.parent(dir);
      BuildContext candidate = resolve(df.path(), new ContextLocation.Local(dir), df.path(),
          Optional.empty(), BuildContext.Origin.INFERRED, List.of(), project.fileTree(),
          project::source);
      if (plausible(df, candidate, project, git)) return candidate;
    }
    return dflt;
  }

  /** Every literal context source of the built stages exists in this context (at least one). */
  private static boolean plausible(Dockerfile df, BuildContext ctx, Project project,
      GitIgnores git) {
    BuildContexts probe = new BuildContexts(List.of(ctx), project.fileTree(), git,
        project.dockerfiles());
    int judged = 0;
    for (Stage stage : StageGraph.reachable(df, Optional.empty())) {
      for (Instruction i : stage.instructions()) {
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        for (SourceMatch m : probe.sourceOutcomes(ctx, t)) {
          switch (m.outcome()) {
            case MISSING:
            case OUTSIDE_CONTEXT:
              return false;
            case MATCHED:
            case EXCLUDED:
            case DEVELOPER_ONLY:
              judged++;
              break;
            default:
              break;
          }
        }
      }
    }
    return judged > 0;
  }

  /** A fact over explicitly given contexts (compose, config, tests). */
  public static BuildContexts of(Project project, List<BuildContext> contexts) {
    return new BuildContexts(contexts, project.fileTree(),
        GitIgnores.of(project.fileTree(), project::source), project.dockerfiles());
  }

  /**
   * Builds a context, picking its ignore file as BuildKit does: {@code <Dockerfile>.dockerignore}
   * next to the Dockerfile wins over {@code <context>/.dockerignore}.
   */
  public static BuildContext resolve(String name, ContextLocation location, String dockerfile,
      Optional<String> target, BuildContext.Origin origin, List<dev.berth.source.Range> definedAt,
      FileTree tree, Function<String, Optional<SourceFile>> sources) {
    return new BuildContext(name, location, dockerfile, target, origin, definedAt,
        ignoreFile(location, Optional.of(dockerfile), tree, sources));
  }

  /**
   * The ignore file of a context: {@code <Dockerfile>.dockerignore} (when there is a Dockerfile
   * path) wins over {@code <context>/.dockerignore}.
   */
  static BuildContext.IgnoreFile ignoreFile(ContextLocation location,
      Optional<String> dockerfile, FileTree tree,
      Function<String, Optional<SourceFile>> sources) {
    if (!(location instanceof ContextLocation.Local local)) {
      return new BuildContext.IgnoreFile.None();
    }
    List<String> candidates = new ArrayList<>();
    dockerfile.ifPresent(d -> candidates.add(d + ".dockerignore"));
    candidates.add(Paths.join(local.dir(), ".dockerignore"));
    for (String candidate : candidates) {
      if (tree.get(candidate).isPresent()) {
        Optional<SourceFile> text = sources.apply(candidate);
        return text.<BuildContext.IgnoreFile>map(
                f -> new BuildContext.IgnoreFile.Read(DockerIgnore.parse(f)))
            .orElse(new BuildContext.IgnoreFile.Unreadable(candidate));
      }
    }
    return new BuildContext.IgnoreFile.None();
  }

  public List<BuildContext> all() {
    return contexts;
  }

  public List<BuildContext> forDockerfile(String path) {
    return contexts.stream().filter(c -> c.dockerfile().equals(path)).toList();
  }

  /**
   * Malformed patterns of the ignore files in use, once per file: BuildKit refuses to start such
   * a build. For the pipeline to report as load diagnostics.
   */
  @Override
  public List<dev.berth.source.Diagnostic> diagnostics() {
    Map<String, List<dev.berth.source.Diagnostic>> byFile = new java.util.TreeMap<>();
    for (BuildContext c : contexts) {
      c.dockerIgnore().ifPresent(d -> byFile.putIfAbsent(d.path(), d.diagnostics()));
      for (BuildContext.NamedContext n : c.namedContexts().values()) {
        if (n.ignore() instanceof BuildContext.IgnoreFile.Read r) {
          byFile.putIfAbsent(r.file().path(), r.file().diagnostics());
        }
      }
    }
    return byFile.values().stream().flatMap(List::stream).toList();
  }

  public FileTree tree() {
    return tree;
  }

  public GitIgnores gitIgnores() {
    return git;
  }

  /**
   * The files of a local context whose filtering is known; empty for remote contexts, an
   * unreadable ignore file, or when the loader did not walk the tree.
   */
  public Optional<ContextFiles> files(BuildContext ctx) {
    return files.computeIfAbsent(ctx, c -> localFiles(c.location(), c.ignore()));
  }

  /** The files of a local named context ({@code additional_contexts}), like {@link #files}. */
  public Optional<ContextFiles> files(BuildContext.NamedContext named) {
    return namedFiles.computeIfAbsent(named, n -> localFiles(n.location(), n.ignore()));
  }

  private Optional<ContextFiles> localFiles(ContextLocation location,
      BuildContext.IgnoreFile ignore) {
    if (!(location instanceof ContextLocation.Local local)
        || ignore instanceof BuildContext.IgnoreFile.Unreadable) {
      return Optional.empty();
    }
    String dir = local.dir();
    if (dir.isEmpty() ? tree.all().findAny().isEmpty() : !tree.isDirectory(dir)) {
      return Optional.empty();
    }
    Optional<DockerIgnore> read = ignore instanceof BuildContext.IgnoreFile.Read r
        ? Optional.of(r.file()) : Optional.empty();
    return Optional.of(new ContextFiles(tree, dir, read, git));
  }

  /**
   * What each source of a COPY/ADD finds in the context, in source order. A {@code --from}
   * naming an additional context is looked up in that context.
   */
  public List<SourceMatch> sources(BuildContext ctx, Instruction.FileTransfer transfer) {
    return match(ctx, transfer, true);
  }

  /**
   * Like {@link #sources} but without listing the files below matched directories (the
   * {@code files} of such a match stay empty): enough for rules that judge outcomes, and cheap on
   * large trees.
   */
  public List<SourceMatch> sourceOutcomes(BuildContext ctx, Instruction.FileTransfer transfer) {
    return match(ctx, transfer, false);
  }

  private List<SourceMatch> match(BuildContext ctx, Instruction.FileTransfer t, boolean list) {
    Optional<BuildContext.NamedContext> named = t.from().flatMap(ctx::namedContext);
    Function<Word, String> text = w -> expanded(ctx, t, w);
    if (named.isPresent()) return SourceMatcher.match(files(named.get()), t, list, true, text);
    return SourceMatcher.match(files(ctx), t, list, false, text);
  }

  /**
   * A source with variables, expanded with the stage's ARG/ENV values and this build's args
   * (compose {@code build.args}; ARG defaults otherwise); as written when any part is unknown.
   */
  private String expanded(BuildContext ctx, Instruction.FileTransfer t, Word w) {
    if (w.text().indexOf('$') < 0) return w.text();
    Dockerfile df = dockerfiles.get(ctx.dockerfile());
    if (df == null) return w.text();
    List<StageFacts> facts = stageFacts.computeIfAbsent(ctx, c -> {
      Map<String, String> args = new java.util.HashMap<>();
      c.buildArgs().forEach((k, v) -> args.put(k, v.orElse(null)));
      return StageResolver.resolve(df, args);
    });
    for (StageFacts f : facts) {
      for (Instruction i : f.stage().instructions()) {
        if (i != t) continue;
        Expansion e = new Expander(df.escape()).word(w.text(), f.varsBefore(t));
        return e.known() && e.unset().isEmpty() ? e.value() : w.text();
      }
    }
    return w.text();
  }

  /** What a {@code RUN --mount=type=bind} finds (only meaningful for bind mounts). */
  public SourceMatch mountSource(BuildContext ctx, Mount mount) {
    Optional<BuildContext.NamedContext> named = mount.option("from").flatMap(ctx::namedContext);
    if (named.isPresent()) return SourceMatcher.mount(files(named.get()), mount, true);
    return SourceMatcher.mount(files(ctx), mount, false);
  }

  /** The context a transfer reads from: a named context's name, or empty for the main one. */
  public static Optional<BuildContext.NamedContext> namedSource(BuildContext ctx,
      Instruction.FileTransfer transfer) {
    return transfer.from().flatMap(ctx::namedContext);
  }
}
