package dev.berth.context;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Stage;
import dev.berth.project.FileTree;
import dev.berth.project.FactDiagnostics;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fact: every build of the project and what its builder receives. For now each Dockerfile is
 * built with its own directory as context; compose services and {@code .berth.yaml} entries will
 * add contexts through {@link #of(Project, List)} without changing the questions rules ask.
 */
public final class BuildContexts implements FactDiagnostics {
  private final List<BuildContext> contexts;
  private final FileTree tree;
  private final GitIgnores git;
  private final Map<BuildContext, Optional<ContextFiles>> files = new ConcurrentHashMap<>();

  private BuildContexts(List<BuildContext> contexts, FileTree tree, GitIgnores git) {
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
    List<BuildContext> list = new ArrayList<>();
    for (Dockerfile df : project.dockerfiles()) {
      list.add(guess(df, project, git));
    }
    return new BuildContexts(list, project.fileTree(), git);
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
    BuildContexts probe = new BuildContexts(List.of(ctx), project.fileTree(), git);
    int judged = 0;
    for (Stage stage : StageGraph.reachable(df, Optional.empty())) {
      for (Instruction i : stage.instructions()) {
        if (!(i instanceof Instruction.FileTransfer t)) continue;
        for (SourceMatch m : SourceMatcher.match(ctx, probe.files(ctx), t, false)) {
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
        GitIgnores.of(project.fileTree(), project::source));
  }

  /**
   * Builds a context, picking its ignore file as BuildKit does: {@code <Dockerfile>.dockerignore}
   * next to the Dockerfile wins over {@code <context>/.dockerignore}.
   */
  public static BuildContext resolve(String name, ContextLocation location, String dockerfile,
      Optional<String> target, BuildContext.Origin origin, List<dev.berth.source.Range> definedAt,
      FileTree tree, Function<String, Optional<SourceFile>> sources) {
    BuildContext.IgnoreFile ignore = new BuildContext.IgnoreFile.None();
    if (location instanceof ContextLocation.Local local) {
      String specific = dockerfile + ".dockerignore";
      String common = Paths.join(local.dir(), ".dockerignore");
      for (String candidate : List.of(specific, common)) {
        if (tree.get(candidate).isPresent()) {
          Optional<SourceFile> text = sources.apply(candidate);
          ignore = text.<BuildContext.IgnoreFile>map(
                  f -> new BuildContext.IgnoreFile.Read(DockerIgnore.parse(f)))
              .orElse(new BuildContext.IgnoreFile.Unreadable(candidate));
          break;
        }
      }
    }
    return new BuildContext(name, location, dockerfile, target, origin, definedAt, ignore);
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
    return files.computeIfAbsent(ctx, c -> {
      if (c.localDir().isEmpty() || c.ignore() instanceof BuildContext.IgnoreFile.Unreadable) {
        return Optional.empty();
      }
      String dir = c.localDir().get();
      if (dir.isEmpty() ? tree.all().findAny().isEmpty() : !tree.isDirectory(dir)) {
        return Optional.empty();
      }
      return Optional.of(new ContextFiles(tree, dir, c.dockerIgnore(), git));
    });
  }

  /** What each source of a COPY/ADD finds in the context, in source order. */
  public List<SourceMatch> sources(BuildContext ctx, Instruction.FileTransfer transfer) {
    return SourceMatcher.match(ctx, files(ctx), transfer, true);
  }

  /**
   * Like {@link #sources} but without listing the files below matched directories (the
   * {@code files} of such a match stay empty): enough for rules that judge outcomes, and cheap on
   * large trees.
   */
  public List<SourceMatch> sourceOutcomes(BuildContext ctx, Instruction.FileTransfer transfer) {
    return SourceMatcher.match(ctx, files(ctx), transfer, false);
  }

  /** What a {@code RUN --mount=type=bind} finds (only meaningful for bind mounts). */
  public SourceMatch mountSource(BuildContext ctx, Mount mount) {
    return SourceMatcher.mount(files(ctx), mount);
  }
}
