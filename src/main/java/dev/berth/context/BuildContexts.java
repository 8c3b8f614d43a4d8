package dev.berth.context;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.dockerfile.Vars;
import dev.berth.dockerfile.Word;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Mount;
import dev.berth.dockerfile.Stage;
import dev.berth.evidence.DockerBuild;
import dev.berth.evidence.RepoEvidence;
import dev.berth.project.FileTree;
import dev.berth.project.FactDiagnostics;
import dev.berth.project.Project;
import dev.berth.source.SourceFile;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fact: every build of the project and what its builder receives. Each compose service with
 * {@code build:} is one build (Dockerfiles shared by services with the same settings counted
 * once). A Dockerfile no compose service builds uses, in this order: the context
 * {@code .berth.yaml} gives it ({@code contexts:}); every way the repository itself builds it
 * ({@link RepoEvidence}: a {@code docker build} line, a CI step, a Bake target); the one directory,
 * of its own and those above it, that holds every file it copies ({@link BuildContext.Origin#INFERRED});
 * else its own directory, as an assumption rules do not trust ({@link BuildContext.Origin#ASSUMED}).
 */
public final class BuildContexts implements FactDiagnostics {
  /** Evidence ranges kept per build, for related locations. */
  private static final int MAX_EVIDENCE = 3;

  /**
   * How many of the directories at and above a Dockerfile hold every file it copies (by name,
   * whatever the .dockerignore says): the proof behind an inferred context, or why it is assumed.
   */
  public enum Fit {
    ONE, SEVERAL, NONE,
    /**
     * None at or above (or a file it copies is in none of them), but a directory below the
     * Dockerfile's holds every file it copies, two or more (VictoriaLogs'
     * {@code app/vmui/Dockerfile-web}, built from {@code app/vmui/packages/vmui}): it is most
     * likely built from there.
     */
    BELOW
  }

  private final List<BuildContext> contexts;
  /** {@link #contexts} by Dockerfile, in their order: asked once per Dockerfile by many rules. */
  private final Map<String, List<BuildContext>> byDockerfile = new java.util.HashMap<>();
  private final FileTree tree;
  private final GitIgnores git;
  private final Optional<Project> project;
  private final Map<String, Fit> fits;
  private final Map<BuildContext, Range> builtAfter;
  private final Map<BuildContext, Optional<ContextFiles>> files = new ConcurrentHashMap<>();
  private final Map<BuildContext.NamedContext, Optional<ContextFiles>> namedFiles =
      new ConcurrentHashMap<>();
  private final Map<String, Dockerfile> dockerfiles = new java.util.HashMap<>();
  private final Map<BuildContext, List<StageFacts>> stageFacts = new ConcurrentHashMap<>();
  /**
   * Host directories only a container's bind mount makes, each with the Dockerfiles its mounting
   * services build ("" for none) (see filledByContainer); lazy.
   */
  private volatile Map<String, Set<String>> containerOutputs;

  private BuildContexts(List<BuildContext> contexts, FileTree tree, GitIgnores git,
      List<Dockerfile> dockerfiles, Optional<Project> project, Map<String, Fit> fits,
      Map<BuildContext, Range> builtAfter) {
    for (Dockerfile d : dockerfiles) this.dockerfiles.putIfAbsent(d.path(), d);
    this.contexts = List.copyOf(contexts);
    for (BuildContext c : this.contexts) {
      byDockerfile.computeIfAbsent(c.dockerfile(), k -> new java.util.ArrayList<>()).add(c);
    }
    byDockerfile.replaceAll((k, v) -> List.copyOf(v));
    this.tree = tree;
    this.git = git;
    this.project = project;
    this.fits = Map.copyOf(fits);
    this.builtAfter = Map.copyOf(builtAfter);
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
    Map<String, Fit> fits = new HashMap<>();
    Map<BuildContext, Range> built = new HashMap<>();
    // Each Dockerfile's contexts are its own question (inference reads its COPY sources against
    // the tree): answered in parallel, gathered in Dockerfile order.
    List<Decided> decided = project.dockerfiles().parallelStream()
        .map(df -> byCompose.contains(df.path()) ? null : decide(df, project, configured, git))
        .toList();
    for (Decided d : decided) {
      if (d == null) continue; // a Dockerfile some compose service builds: its context only
      list.addAll(d.contexts());
      d.fit().ifPresent(f -> fits.put(d.contexts().get(0).dockerfile(), f));
      built.putAll(d.builtAfter());
    }
    return new BuildContexts(list, project.fileTree(), git, project.dockerfiles(),
        Optional.of(project), fits, built);
  }

  /** The contexts one Dockerfile is built with, how an inferred one fits, and build order. */
  private record Decided(List<BuildContext> contexts, Optional<Fit> fit,
      Map<BuildContext, Range> builtAfter) {}

  private static Decided decide(Dockerfile df, Project project, Map<String, String> configured,
      GitIgnores git) {
    String dir = configured.get(df.path());
    if (dir != null) {
      return new Decided(List.of(resolve(df.path(), new ContextLocation.Local(dir), df.path(),
          Optional.empty(), BuildContext.Origin.CONFIG, List.of(), project.fileTree(),
          project::source)), Optional.empty(), Map.of());
    }
    Map<BuildContext, Range> built = new HashMap<>();
    List<BuildContext> evidenced = evidenced(df, project, built);
    if (!evidenced.isEmpty()) return new Decided(evidenced, Optional.empty(), built);
    Inference inferred = infer(df, project, git);
    return new Decided(List.of(inferred.context()), Optional.of(inferred.fit()), Map.of());
  }

  /**
   * The builds the repository runs for this Dockerfile, one per distinct context, target and
   * build args; a context or target the evidence cannot tell is an unknown location.
   */
  private static List<BuildContext> evidenced(Dockerfile df, Project project,
      Map<BuildContext, Range> built) {
    Map<String, BuildContext> unique = new LinkedHashMap<>();
    Map<String, Optional<Range>> after = new HashMap<>();
    for (DockerBuild b : RepoEvidence.of(project).buildsOf(df.path())) {
      ContextLocation location = b.context().value()
          .<ContextLocation>map(ContextLocation.Local::new)
          .orElse(new ContextLocation.Unknown(b.context().raw(), b.context().why()));
      Optional<String> target = Optional.empty();
      if (b.target().isPresent()) {
        target = b.target().get().value();
        if (target.isEmpty()) {
          location = new ContextLocation.Unknown(b.target().get().raw(),
              "a build target berth cannot know");
        }
      }
      String key = location + "|" + target + "|" + b.buildArgs();
      BuildContext previous = unique.get(key);
      List<Range> ranges = new ArrayList<>(previous == null ? List.of() : previous.definedAt());
      if (ranges.size() < MAX_EVIDENCE) ranges.add(b.range());
      unique.put(key, new BuildContext(df.path(), location, df.path(), target,
          BuildContext.Origin.EVIDENCED, ranges,
          ignoreFile(location, Optional.of(df.path()), project.fileTree(), project::source),
          b.buildArgs(), Map.of(), false));
      if (b.builtAfter().isPresent()) after.putIfAbsent(key, b.builtAfter());
    }
    for (Map.Entry<String, BuildContext> e : unique.entrySet()) {
      after.getOrDefault(e.getKey(), Optional.empty()).ifPresent(r -> built.put(e.getValue(), r));
    }
    return List.copyOf(unique.values());
  }

  private record Inference(BuildContext context, Fit fit) {}

  /**
   * Nobody said which context this Dockerfile is built with. A Dockerfile is built from its own
   * directory or one above it ({@code docker build -f apps/web/Dockerfile .}); when exactly one
   * of those holds every file it copies (those that exist anywhere there: a file that exists
   * nowhere proves nothing), that one is inferred. Otherwise the Dockerfile's own directory is
   * only assumed.
   */
  private static Inference infer(Dockerfile df, Project project, GitIgnores git) {
    String own = Paths.parent(df.path());
    List<String> candidates = new ArrayList<>();
    for (String d = own; ; d = Paths.parent(d)) {
      candidates.add(d);
      if (d.isEmpty()) break;
    }
    BuildContext assumed = resolve(df.path(), new ContextLocation.Local(own), df.path(),
        Optional.empty(), BuildContext.Origin.ASSUMED, List.of(), project.fileTree(),
        project::source);
    Set<String> viable = new java.util.LinkedHashSet<>(candidates);
    List<String> sources = literalSources(df, assumed, project, git);
    boolean nowhere = false;
    for (String source : sources) {
      // A path git ignores in some of the directories is one the repository expects to be put
      // there before the build (seafile-docker's .gitignore lists image/*/scripts_*: the
      // release process copies scripts/scripts_12.0 into each image directory): those hold it
      // too. Ignored everywhere (a plain `dist`), it tells the directories apart no more.
      List<String> ignoredIn = candidates.stream()
          .filter(c -> ignoredThere(git, Paths.join(c, source))).toList();
      boolean tells = ignoredIn.size() < candidates.size();
      List<String> holding = candidates.stream()
          .filter(c -> exists(project.fileTree(), c, Paths.join(c, source), 0)
              || tells && ignoredIn.contains(c)).toList();
      if (!holding.isEmpty()) viable.retainAll(holding);
      nowhere |= holding.isEmpty();
    }
    if ((viable.isEmpty() || nowhere) && fitsBelow(own, sources, project.fileTree(), git)) {
      return new Inference(assumed, Fit.BELOW);
    }
    if (viable.size() != 1) {
      return new Inference(assumed, viable.isEmpty() ? Fit.NONE : Fit.SEVERAL);
    }
    return new Inference(resolve(df.path(), new ContextLocation.Local(viable.iterator().next()),
        df.path(), Optional.empty(), BuildContext.Origin.INFERRED, List.of(), project.fileTree(),
        project::source), Fit.ONE);
  }

  /** How deep below a Dockerfile's directory a context it is built from is looked for. */
  private static final int BELOW_DEPTH = 4;

  /**
   * A directory below {@code own} (at most {@link #BELOW_DEPTH} levels) holds every source, two
   * or more: each is on disk there or git ignores it there (a build output), and at least one is
   * on disk. A test-data, example or development directory does not count: a file of the same
   * name there says nothing of this Dockerfile's build. The candidates are the directories where
   * a source sits on disk, found in one walk of the subtree (by the sources' last names).
   */
  private static boolean fitsBelow(String own, List<String> sources, FileTree tree,
      GitIgnores git) {
    if (sources.size() < 2) return false;
    String prefix = own.isEmpty() ? "" : own + "/";
    Map<String, List<String>> byName = new java.util.HashMap<>();
    for (String source : sources) {
      String s = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
      if (s.isEmpty()) continue;
      byName.computeIfAbsent(s.substring(s.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(s);
    }
    Set<String> dirs = new java.util.LinkedHashSet<>();
    tree.under(own).forEach(e -> {
      List<String> named = byName.get(e.name());
      if (named == null) return;
      for (String s : named) {
        String tail = "/" + s;
        String p = e.path();
        if (!p.endsWith(tail) || p.length() <= prefix.length() + tail.length()) continue;
        String d = p.substring(0, p.length() - tail.length());
        if (d.substring(prefix.length()).split("/").length <= BELOW_DEPTH) dirs.add(d);
      }
    });
    dev.berth.image.DevelopmentImages words = dev.berth.image.DevelopmentImages.standard();
    for (String d : dirs) {
      String below = d.substring(prefix.length());
      if (dev.berth.project.TestData.directory(d).isPresent() || words.matches(below)
          || words.exampleWord(below).isPresent()) {
        continue;
      }
      if (sources.stream().allMatch(src -> exists(tree, d, Paths.join(d, src), 0)
          || ignoredThere(git, Paths.join(d, src)))) {
        return true;
      }
    }
    return false;
  }

  /** Git ignores the path, whether it would be a file or a directory. */
  private static boolean ignoredThere(GitIgnores git, String path) {
    return git.ignoredBy(path, true).isPresent() || git.ignoredBy(path, false).isPresent();
  }

  /**
   * On disk in a build from {@code context}, or below a directory the walk did not enter (so it
   * may be). A directory link on the way is followed only where its target stays in the context:
   * BuildKit resolves links inside the context's root, so passbolt's {@code debian/conf ->
   * ../conf} gives nothing to a build from {@code debian/} and the files to one from the root.
   */
  private static boolean exists(FileTree tree, String context, String path, int links) {
    if (tree.get(path).isPresent()) return true;
    for (String p = Paths.parent(path); !p.isEmpty(); p = Paths.parent(p)) {
      Optional<FileTree.Entry> e = tree.get(p);
      if (e.isEmpty()) continue;
      if (e.get().pruned()) return true;
      if (e.get().kind() != FileTree.Kind.SYMLINK) return false;
      Optional<String> target = e.get().linkTarget();
      if (target.isEmpty() || links >= 8) return false;
      String t = target.get();
      boolean inside = context.isEmpty() || t.equals(context) || t.startsWith(context + "/");
      return inside && exists(tree, context, t + path.substring(p.length()), links + 1);
    }
    return false;
  }

  /**
   * The context paths the built stages copy by name: no stage or image sources, no wildcards,
   * no variables left after the ARG defaults, not the context root itself.
   */
  private static List<String> literalSources(Dockerfile df, BuildContext ctx, Project project,
      GitIgnores git) {
    // only this Dockerfile: indexing all of them per probe was quadratic on a large tree
    BuildContexts probe = new BuildContexts(List.of(ctx), project.fileTree(), git,
        List.of(df), Optional.empty(), Map.of(), Map.of());
    List<String> out = new ArrayList<>();
    for (Stage stage : StageGraph.reachable(df, Optional.empty())) {
      for (Instruction i : stage.instructions()) {
        if (!(i instanceof Instruction.FileTransfer t) || t.from().isPresent()) continue;
        for (Word w : t.sources()) {
          String src = probe.expanded(ctx, t, w);
          if (src.contains("$") || src.contains("://") || src.startsWith("git@")
              || src.startsWith("<<") || GoGlob.hasWildcards(src) || src.indexOf('"') >= 0
              || src.indexOf('\'') >= 0 || src.indexOf('\\') >= 0) {
            continue;
          }
          String p = Paths.withinRoot(src);
          if (!p.isEmpty()) out.add(p);
        }
      }
    }
    return out;
  }

  /**
   * For a Dockerfile whose context is inferred or assumed: how many directories at and above it
   * hold every file it copies. Empty for declared and evidenced builds.
   */
  public Optional<Fit> fit(String dockerfile) {
    return Optional.ofNullable(fits.get(dockerfile));
  }

  /** A fact over explicitly given contexts (compose, config, tests). */
  public static BuildContexts of(Project project, List<BuildContext> contexts) {
    return new BuildContexts(contexts, project.fileTree(),
        GitIgnores.of(project.fileTree(), project::source), project.dockerfiles(),
        Optional.of(project), Map.of(), Map.of());
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
    return byDockerfile.getOrDefault(path, List.of());
  }

  /**
   * Where the repository makes the image of a compose build otherwise: the service names the image
   * it runs, and a build of the same Dockerfile in the repository's scripts (a Makefile, CI step,
   * Bake target) tags that image from another context. Compose builds only when the image is
   * missing, and the repository makes it first (overleaf's services/&#42;/docker-compose.ci.yml:
   * `tar` with {@code build: .} and {@code image: ci/$PROJECT_NAME:$BUILD_NUMBER}, which `make
   * build` tags from ../..). The image is matched as written, each variable standing for any text;
   * a tag berth cannot read may be it.
   *
   * @return that build's context as written for messages, and where it is
   */
  public Optional<Elsewhere> madeElsewhere(BuildContext build) {
    if (build.origin() != BuildContext.Origin.COMPOSE || project.isEmpty()) return Optional.empty();
    Project p = project.get();
    for (dev.berth.compose.ComposeProject cp : p.composeProjects()) {
      dev.berth.compose.Service s = cp.services().get(build.name());
      if (s == null || s.image().isEmpty() || s.build().flatMap(
          dev.berth.compose.Build::dockerfilePath).filter(build.dockerfile()::equals).isEmpty()) {
        continue;
      }
      Optional<java.util.regex.Pattern> image = imagePattern(p, s.image().get());
      if (image.isEmpty()) continue;
      // the repository's own `compose build` / `up --build` builds from this context anyway
      if (cp.invocations().stream().anyMatch(i -> i.builds(build.name()))) continue;
      for (dev.berth.evidence.DockerBuild b
          : dev.berth.evidence.RepoEvidence.of(p).buildsOf(build.dockerfile())) {
        Optional<String> dir = b.context().value();
        if (dir.isEmpty() || build.location() instanceof ContextLocation.Local l
            && l.dir().equals(dir.get())) {
          continue;
        }
        // a tag berth cannot read (overleaf's $(IMAGE_CI), made of the branch name) may be it
        for (dev.berth.evidence.Value tag : b.tags()) {
          if (tag.value().isEmpty() || image.get().matcher(tag.value().get()).matches()) {
            return Optional.of(new Elsewhere(dir.get().isEmpty() ? "." : dir.get(), b.range()));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Another build's context (root-relative, "." for the root) and the command that uses it. */
  public record Elsewhere(String context, dev.berth.source.Range at) {
    /** Whether the root-relative path is below that context: the other build receives it. */
    public boolean holds(String path) {
      return context.equals(".") || path.startsWith(context + "/");
    }

    /** What a finding about the compose build's context then assumes, said in its message. */
    public String assumption() {
      return "; the service also names the image it runs, which the repository builds from `"
          + context + "` first, so Compose builds it from here only when that image is missing";
    }

    /** How the finding names {@link #at}. */
    public String relation() {
      return "the repository builds the image from `" + context + "` here";
    }
  }

  /**
   * The image as written in the compose file, its variables as any text (read by Compose's own
   * interpolation); empty when unreadable or when it is all variables ({@code ${IMAGE}} would
   * match any tag: it names nothing).
   */
  private static Optional<java.util.regex.Pattern> imagePattern(Project p,
      dev.berth.compose.Located<String> image) {
    dev.berth.source.Range r = image.range();
    if (r.startLine() != r.endLine()) return Optional.empty();
    Optional<String> from = p.writtenFrom(r);
    int width = r.endColumn() - r.startColumn();
    if (from.isEmpty() || width > from.get().length()) return Optional.empty();
    String raw = from.get().substring(0, width).strip();
    if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
      raw = raw.substring(1, raw.length() - 1);
    }
    if (!raw.contains("$")) raw = image.value();
    String any = "\u0000";
    dev.berth.compose.Interpolation.Result marked =
        dev.berth.compose.Interpolation.apply(raw, name -> Optional.of(any));
    if (marked.error().isPresent()
        || marked.value().replace(any, "").replaceAll("[/:.-]", "").length() < 2) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    for (String part : marked.value().split(any, -1)) {
      if (b.length() > 0) b.append(".*");
      b.append(java.util.regex.Pattern.quote(part));
    }
    return Optional.of(java.util.regex.Pattern.compile(b.toString()));
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
    return SourceMatcher.match(files(ctx), t, list, false, text).stream()
        .map(m -> generated(ctx, m)).toList();
  }

  /**
   * A source missing from the repository that the repository's own commands may make before this
   * build (a script writes the path, or the project is built earlier in the same script, recipe
   * or job) is not a certain failure. Git-ignored paths are already {@code GENERATED}.
   */
  private SourceMatch generated(BuildContext ctx, SourceMatch m) {
    // A file found only above the context (OUTSIDE_CONTEXT) is made in it by the same commands:
    // grist's sandbox Makefile runs `cp ../requirements.txt .` before `docker build .`. A source
    // written with ".." stays outside whatever is made.
    boolean outside = m.outcome() == SourceMatch.Outcome.OUTSIDE_CONTEXT
        && !m.resolved().equals("..") && !m.resolved().startsWith("../");
    if (m.outcome() != SourceMatch.Outcome.MISSING && !outside || ctx.localDir().isEmpty()) {
      return m;
    }
    String path = Paths.join(ctx.localDir().get(), m.resolved());
    boolean made = builtAfterHere(ctx) || project.map(RepoEvidence::of)
        .flatMap(e -> e.producer(path)).isPresent() || filledByContainer(ctx, path)
        || madeAbove(ctx, m.resolved());
    if (!made) return m;
    return new SourceMatch(m.source(), m.range(), m.resolved(), SourceMatch.Outcome.GENERATED,
        List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * For a context nobody declared (the Dockerfile's directory standing in), the repository's
   * commands make the source in a directory above it, which may be the real context: pigallery2's
   * workflow downloads its release artifact to ./pigallery2-release and builds
   * docker/alpine/Dockerfile.build from the root (through a matrix expression berth does not
   * expand), whose COPY pigallery2-release is then there.
   */
  private boolean madeAbove(BuildContext ctx, String resolved) {
    if (ctx.known() || project.isEmpty() || resolved.startsWith("../") || resolved.equals("..")) {
      return false;
    }
    RepoEvidence evidence = RepoEvidence.of(project.get());
    String dir = ctx.localDir().get();
    while (!dir.isEmpty()) {
      dir = Paths.parent(dir);
      // a path the command names: an archive's files of unknown names are for its own directory
      if (evidence.producer(Paths.join(dir, resolved))
          .filter(p -> !p.how().equals(dev.berth.evidence.Produced.EXTRACTED)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * This build, or another of the same Dockerfile from the same directory, runs after a step that
   * builds the project: the repository's CI makes the files (firezone's data-plane job copies the
   * cargo-built binary into rust/ before building rust/Dockerfile there, which its compose file
   * builds from the same directory, the binary made by hand first as the Dockerfile says).
   */
  private boolean builtAfterHere(BuildContext ctx) {
    if (builtAfter.containsKey(ctx)) return true;
    // the repository's builds of a Dockerfile a compose service builds are not its contexts
    return project.map(RepoEvidence::of).stream()
        .flatMap(e -> e.buildsOf(ctx.dockerfile()).stream())
        .anyMatch(b -> b.builtAfter().isPresent() && b.context().value().isPresent()
            && b.context().value().equals(ctx.localDir()));
  }

  /**
   * Under a directory the repository does not hold that a compose service bind-mounts writable:
   * Docker creates the directory when that container starts, and what is in it afterwards is the
   * container's output (envoyproxy/examples' golang-network: go_plugin_compile builds simple.so
   * into ./lib:/output, which the proxy's Dockerfile copies).
   */
  private boolean filledByContainer(BuildContext ctx, String path) {
    Map<String, Set<String>> dirs = containerOutputs;
    if (dirs == null) {
      Map<String, Set<String>> found = new HashMap<>();
      List<MountedOutput> outputs = new ArrayList<>();
      project.ifPresent(p -> {
        for (dev.berth.compose.ComposeProject cp : p.composeProjects()) {
          for (dev.berth.compose.Service s : cp.services().values()) {
            String builds = s.build().flatMap(dev.berth.compose.Build::dockerfilePath).orElse("");
            for (dev.berth.compose.Mount v : s.volumes()) {
              if (v.type() != dev.berth.compose.Mount.Type.BIND || v.readOnly()
                  || v.hostPath().isEmpty()) {
                continue;
              }
              String h = v.hostPath().get();
              if (!h.isEmpty() && !h.startsWith("../") && !tree.isDirectory(h)
                  && !tree.isFile(h)) {
                found.computeIfAbsent(h, k -> new HashSet<>()).add(builds);
              } else if (!h.startsWith("../") && tree.isDirectory(h)) {
                // a directory the repository holds, mounted writable by a service whose command
                // names the files it makes there (envoy's golang-http: go_plugin_compile mounts
                // .:/source and runs `mkdir -p lib && go build -o ../lib/simple.so`)
                s.definition().get("command").map(BuildContexts::commandText).ifPresent(command ->
                    outputs.add(new MountedOutput(h, command, builds)));
              }
            }
          }
        }
      });
      mountedOutputs = List.copyOf(outputs);
      containerOutputs = dirs = Map.copyOf(found);
    }
    for (Map.Entry<String, Set<String>> d : dirs.entrySet()) {
      // Compose builds an image before any container of it starts: a service's own mount
      // cannot have filled its own build's sources
      boolean other = d.getValue().stream().anyMatch(b -> !b.equals(ctx.dockerfile()));
      if (other && (path.equals(d.getKey()) || path.startsWith(d.getKey() + "/"))) return true;
    }
    String name = Paths.name(path);
    for (MountedOutput o : mountedOutputs) {
      if (!o.builds().equals(ctx.dockerfile()) && path.startsWith(o.hostDir() + "/")
          && !name.isEmpty() && o.command().contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** A compose {@code command}'s words, as one text (a string, or the list's strings). */
  private static String commandText(dev.berth.compose.yaml.YamlNode n) {
    if (n instanceof dev.berth.compose.yaml.YamlScalar sc) return sc.value();
    if (n instanceof dev.berth.compose.yaml.YamlSeq seq) {
      StringBuilder b = new StringBuilder();
      for (dev.berth.compose.yaml.YamlNode i : seq.items()) {
        if (i instanceof dev.berth.compose.yaml.YamlScalar sc) b.append(sc.value()).append(' ');
      }
      return b.toString();
    }
    return "";
  }

  /** A directory a service mounts writable, and the command it runs there. */
  private record MountedOutput(String hostDir, String command, String builds) {}

  // set before containerOutputs, which publishes both
  private volatile List<MountedOutput> mountedOutputs = List.of();

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
      if (c.origin() == BuildContext.Origin.ASSUMED || c.origin() == BuildContext.Origin.INFERRED) {
        // Nobody says how this Dockerfile is built, but a build of a Dockerfile berth cannot
        // name passes the ARG (LocalAI's reusable workflow: `file: ${{ inputs.dockerfile }}`
        // with BACKEND=${{ inputs.backend }}): that build may be this one, so its default,
        // which the repository's builds replace, is not known to be the value
        project.ifPresent(p -> unnamedBuildArgs(p).forEach(k -> args.put(k, null)));
      }
      c.buildArgs().forEach((k, v) -> args.put(k, v.orElse(null)));
      return StageResolver.resolve(df, args);
    });
    for (StageFacts f : facts) {
      for (Instruction i : f.stage().instructions()) {
        if (i != t) continue;
        Vars vars = f.varsBefore(t);
        Expansion e = new Expander(df.escape()).word(w.text(), vars);
        return e.known() && e.unset().isEmpty() && !blankPlaceholder(w.text(), vars)
            ? e.value() : w.text();
      }
    }
    return w.text();
  }

  /** Build args the repository passes to builds whose Dockerfile berth cannot name. */
  private static java.util.Set<String> unnamedBuildArgs(Project project) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (dev.berth.evidence.DockerBuild b : dev.berth.evidence.RepoEvidence.of(project).builds()) {
      if (b.dockerfile().value().isEmpty()) out.addAll(b.buildArgs().keySet());
    }
    return out;
  }

  private static final java.util.regex.Pattern PLAIN_REFERENCE = java.util.regex.Pattern.compile(
      "\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))");

  /**
   * A path that takes a plain {@code $NAME} whose value the Dockerfile sets to the empty string
   * ({@code ENV SEAFILE_VERSION=}, {@code ARG VERSION=} with no build arg): a blank left to be
   * filled in before the build (haiwen/seafile-docker's release process writes the version in),
   * so the path BuildKit would look up is not the one the build will use. Unknown, not missing.
   */
  private static boolean blankPlaceholder(String text, Vars vars) {
    java.util.regex.Matcher m = PLAIN_REFERENCE.matcher(text);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      if (vars.value(name).filter(String::isEmpty).isPresent()) return true;
    }
    return false;
  }

  /** What a {@code RUN --mount=type=bind} finds (only meaningful for bind mounts). */
  public SourceMatch mountSource(BuildContext ctx, Mount mount) {
    Optional<BuildContext.NamedContext> named = mount.option("from").flatMap(ctx::namedContext);
    if (named.isPresent()) return SourceMatcher.mount(files(named.get()), mount, true);
    return generated(ctx, SourceMatcher.mount(files(ctx), mount, false));
  }

  /** The context a transfer reads from: a named context's name, or empty for the main one. */
  public static Optional<BuildContext.NamedContext> namedSource(BuildContext ctx,
      Instruction.FileTransfer transfer) {
    return transfer.from().flatMap(ctx::namedContext);
  }
}
