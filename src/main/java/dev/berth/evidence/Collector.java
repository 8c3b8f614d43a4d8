package dev.berth.evidence;

import dev.berth.project.FileTree;
import dev.berth.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns what the interpreter finds in one file into evidence records. */
final class Collector implements ScriptInterpreter.Sink {
  private static final List<String> COMPOSE_DEFAULTS = List.of("compose.yaml", "compose.yml",
      "docker-compose.yaml", "docker-compose.yml");
  private static final List<String> COMPOSE_VARIABLES = List.of("COMPOSE_FILE",
      "COMPOSE_PROJECT_NAME", "COMPOSE_PROFILES", "COMPOSE_ENV_FILES", "COMPOSE_PATH_SEPARATOR");

  private final SourceKind kind;
  private final FileTree tree;
  final List<DockerBuild> builds = new ArrayList<>();
  final List<ComposeRun> composeRuns = new ArrayList<>();
  /**
   * Files a command names as compose files ({@code docker compose -f F}, {@code docker stack
   * deploy -c F}), root-relative, whatever their names.
   */
  final java.util.Set<String> namedComposeFiles = new java.util.LinkedHashSet<>();
  final List<ImageRun> runs = new ArrayList<>();
  /**
   * {@code docker run}s a README shows: how the project tells people to run its images, kept
   * apart from the runs its own scripts do (only what they give the container is read).
   */
  final List<ImageRun> documentedRuns = new ArrayList<>();
  /**
   * {@code docker build}s a README shows: the names it gives the images tie them to their
   * Dockerfiles (pinot's base images, built by hand from docker/images/pinot-base/README.md);
   * nothing else is taken from them (their contexts are a reader's, not the repository's).
   */
  final List<DockerBuild> documentedBuilds = new ArrayList<>();
  final List<Produced> produced = new ArrayList<>();
  final List<Placed> placed = new ArrayList<>();

  /**
   * A file a command writes, named as written (see {@link ScriptInterpreter.Sink#placed}).
   *
   * @param urlTail for a download, the known end of the URL it fetches
   */
  record Placed(String written, Range range, String how, Optional<String> urlTail) {}

  @Override
  public void placed(String written, Range at, String how, Optional<String> urlTail) {
    placed.add(new Placed(written, at, how, urlTail));
  }
  /**
   * Files a document's prose tells the reader to create ("create a `.env` file in the root"):
   * {@code path} is the name as written, whose directory the sentence rarely says.
   */
  final List<Produced> described = new ArrayList<>();
  /**
   * Bake files a CI step builds with docker/metadata-action's bake file on top: their targets
   * that inherit {@code docker-metadata-action} are tagged with these image names.
   */
  final List<MetadataBake> metadataBakes = new ArrayList<>();
  /** The repository's scripts that other files run, with the variables they are given. */
  final List<ScriptCall> scriptCalls = new ArrayList<>();
  /**
   * The repository's scripts a README's setup runs (proton's docker/bare/README.md: `./prepare`
   * before `docker build .`): what they make there is made by the documented setup.
   */
  final List<ScriptCall> documentedScriptCalls = new ArrayList<>();
  /** Bake invocations whose working directory and files are known. */
  final List<BakeRun> bakeRuns = new ArrayList<>();
  /**
   * The {@code docker compose} commands a README's shell blocks show: how a reader is told to
   * start a project, which the repository's scripts may not say.
   */
  final List<ComposeRun> documentedComposeRuns = new ArrayList<>();
  /** Dev Container configurations that build a Dockerfile of the repository. */
  final List<DevContainer> devContainers = new ArrayList<>();
  /** The binaries GoReleaser configurations build, by name, with where each is named. */
  final Map<String, Range> releaseBinaries = new java.util.LinkedHashMap<>();

  /**
   * {@code docker buildx bake} run from {@code cwd} (root-relative) on these Bake files of the
   * repository, after the project was built ({@code builtAfter}) or not.
   */
  /** @param cwdAssumed the directory is a start berth assumed, confirmed only by the files */
  record BakeRun(List<String> files, String cwd, boolean cwdAssumed, Optional<Range> builtAfter,
      Range at) {}

  /** Bake's default definition files (reference/cli/docker/buildx/bake, --file), Bake's own. */
  private static final List<String> BAKE_DEFAULTS = List.of("docker-bake.json",
      "docker-bake.hcl", "docker-bake.override.json", "docker-bake.override.hcl");

  @Override
  public void bake(DockerCli.Bake b, Range at, ScriptInterpreter.State state) {
    // contexts a --set moves elsewhere are not the file's
    if (state.cwd.isEmpty() || b.overridesPaths()) return;
    String cwd = state.cwd.get();
    List<String> files = new ArrayList<>();
    if (b.files().isEmpty()) {
      for (String name : BAKE_DEFAULTS) {
        String f = join(cwd, name);
        if (tree.isFile(f)) files.add(f);
      }
    }
    for (Value f : b.files()) {
      // a file berth cannot name, or one not in the repository from here (a start directory
      // assumed for a script that is wrong): the run says nothing certain
      if (f.value().isEmpty() || !tree.isFile(f.value().get())) return;
      files.add(f.value().get());
    }
    if (!files.isEmpty()) {
      bakeRuns.add(new BakeRun(files, cwd, state.cwdAssumed, state.builtAfter, at));
    }
  }

  /**
   * @param path root-relative; @param cwd the caller's working directory, root-relative;
   * @param env the variables the caller exports to it, with their values when known
   * @param args the call's arguments, the script's {@code $1}..{@code $9} (empty: unknown)
   */
  record ScriptCall(String path, String cwd, Map<String, Optional<String>> env,
      List<Optional<String>> args, Range at) {}

  /**
   * @param files root-relative Bake files; @param targets the targets the step builds;
   * @param images the metadata step's image names
   */
  record MetadataBake(List<String> files, List<String> targets, List<String> images) {}

  /** Reads a repository file a script sources; none unless the reader of this file sets it. */
  java.util.function.Function<String, Optional<dev.berth.source.SourceFile>> sources =
      path -> Optional.empty();

  @Override
  public Optional<dev.berth.source.SourceFile> sourced(String path) {
    return tree.isFile(path) ? sources.apply(path) : Optional.empty();
  }

  @Override
  public boolean isDirectory(String path) {
    return path.isEmpty() || tree.isDirectory(path);
  }

  @Override
  public boolean isFile(String path) {
    return tree.isFile(path);
  }

  Collector(SourceKind kind, FileTree tree) {
    this.kind = kind;
    this.tree = tree;
  }

  @Override
  public void build(DockerCli.Build b, Range at, ScriptInterpreter.State state) {
    builds.add(new DockerBuild(at, kind, b.tool(), state.cwdFact(),
        dockerfile(b.file(), b.context(), b.tool()), b.context(), b.target(), b.args(), b.tags(),
        state.builtAfter, b.filesOnly()));
  }

  /** {@code -f} when given, else the default name in the context. */
  Value dockerfile(Optional<Value> file, Value context, String tool) {
    if (file.isPresent()) return file.get();
    if (context.value().isEmpty()) return context;
    String dir = context.value().get();
    String dockerfile = join(dir, "Dockerfile");
    // podman and buildah fall back to Containerfile
    if ((tool.startsWith("podman") || tool.startsWith("buildah")) && !tree.isFile(dockerfile)
        && tree.isFile(join(dir, "Containerfile"))) {
      dockerfile = join(dir, "Containerfile");
    }
    return Value.known(context.raw(), dockerfile);
  }

  /** The repository's files, which the evidence's paths are checked against. */
  FileTree tree() {
    return tree;
  }

  @Override
  public void compose(DockerCli.Compose c, Range at, ScriptInterpreter.State state) {
    Map<String, Value> env = new java.util.LinkedHashMap<>();
    for (String name : COMPOSE_VARIABLES) {
      if (state.exported.contains(name)) env.put(name, exported(state, name));
    }
    // Any other exported variable is one compose interpolation may read.
    for (String name : new java.util.TreeSet<>(state.exported)) {
      env.putIfAbsent(name, exported(state, name));
    }
    // Lines an earlier command wrote into the .env of the project directory: compose reads them
    // as if exported (only names: the .env's values are compose's, not the shell's).
    // Not with --env-file, which replaces .env (unless it names that very file), nor with a
    // --project-directory berth cannot read.
    Optional<String> projectDir = c.projectDirectory().isPresent()
        ? c.projectDirectory().get().value()
        : c.files().isEmpty() ? state.cwd : c.files().get(0).value().map(ScriptReaders::parent);
    Optional<String> dotEnv = projectDir.map(d -> d.isEmpty() ? ".env" : d + "/.env");
    boolean dotEnvRead = c.envFiles().isEmpty() || c.envFiles().stream()
        .anyMatch(f -> f.value().equals(dotEnv));
    if (dotEnvRead) {
      dotEnv.map(state.envLines::get).ifPresent(names -> names.forEach(n -> env.putIfAbsent(n,
          Value.unknown("$" + n, "a line a command of the repository wrote into the .env"))));
    }
    for (Value f : c.files()) f.value().ifPresent(namedComposeFiles::add);
    // a partly known -f ($BASEDIR/$RTE/docker-compose.yml) names each file of the sets it may
    // be, when berth can list them (ScriptedCompose runs those sets)
    if (c.files().stream().anyMatch(Value::partlyKnown)) {
      ComposeFilePattern.sets(tree, c.files(), p -> true)
          .ifPresent(sets -> sets.forEach(namedComposeFiles::addAll));
    }
    composeRuns.add(new ComposeRun(at, kind, c.tool(), state.cwdFact(), c.files(),
        c.projectName(), c.envFiles(), c.profiles(), c.projectDirectory(), env, c.subcommand(),
        c.arguments(), c.background()));
  }

  @Override
  public void scriptCall(String path, ScriptInterpreter.State caller, List<Optional<String>> args,
      Range at) {
    if (caller.cwd.isEmpty() || caller.cwdAssumed || !tree.isFile(path)) return;
    Map<String, Optional<String>> env = new java.util.TreeMap<>();
    for (String name : caller.exported) {
      env.put(name, caller.vars.getOrDefault(name, Optional.empty()));
    }
    scriptCalls.add(new ScriptCall(path, caller.cwd.get(), env, List.copyOf(args), at));
  }

  private static Value exported(ScriptInterpreter.State state, String name) {
    return state.vars.getOrDefault(name, Optional.empty()).map(x -> Value.known(x, x))
        .orElse(Value.unknown("$" + name, "a variable berth cannot know"));
  }

  /**
   * {@code docker stack deploy -c A -c B NAME} layers its files as compose does (the later file
   * merged over the earlier: yiisoft/app's Makefile deploys docker/compose.yml with
   * docker/prod/compose.yml over it) and interpolates with the shell's environment only: it reads
   * no {@code .env} (docs.docker.com reference stack deploy; moby/moby#29133).
   */
  @Override
  public void stack(DockerCli.Stack s, Range at, ScriptInterpreter.State state) {
    for (Value f : s.files()) f.value().ifPresent(namedComposeFiles::add);
    if (s.files().isEmpty()) return;
    Map<String, Value> env = new java.util.LinkedHashMap<>();
    for (String name : new java.util.TreeSet<>(state.exported)) {
      env.put(name, exported(state, name));
    }
    composeRuns.add(new ComposeRun(at, kind, ComposeRun.STACK_DEPLOY, state.cwdFact(), s.files(),
        s.name(), List.of(), List.of(), Optional.empty(), env, Optional.of("deploy"), List.of(),
        false));
  }

  @Override
  public void run(DockerCli.Run r, Range at) {
    runs.add(new ImageRun(at, kind, r.words(), r.background()));
  }

  void produced(String path, Range at, String how) {
    produced(path, at, how, Optional.empty());
  }

  @Override
  public void produced(String path, Range at, String how, Optional<String> from) {
    produced.add(new Produced(at, path, how, from));
  }

  @Override
  public void concatenated(String path, Range at, List<String> parts) {
    produced.add(new Produced(at, path, "cat >", Optional.empty(), parts));
  }

  /** Only the paths this collector's commands create, under {@code kind}. */
  Collector producedOnly(SourceKind kind, FileTree tree) {
    Collector out = new Collector(kind, tree);
    out.produced.addAll(produced);
    out.placed.addAll(placed);
    out.documentedRuns.addAll(runs);
    out.documentedBuilds.addAll(builds);
    out.namedComposeFiles.addAll(namedComposeFiles);
    out.described.addAll(described);
    out.documentedScriptCalls.addAll(scriptCalls);
    // A documented command that layers compose files (hanko's examples README: `docker compose
    // -f deploy/docker-compose/base.yaml -f deploy/docker-compose/todo-nextjs.yaml up`) says how
    // they are used together, which nothing else may say: a set the loader layers.
    // So does one that names the project directory the files are written from (featbit's
    // docker/composes/README.md: "run these compose files from the root directory", `docker
    // compose --project-directory . -f ./docker/composes/docker-compose-dev.yml up -d`).
    // COMPOSE_FILE=a.yml:b.yml layers them as -f does (openlibrary's compose.production.yaml:
    // `## export COMPOSE_FILE="compose.yaml:compose.production.yaml"`)
    composeRuns.stream().filter(r -> r.files().size() >= 2
        || !r.files().isEmpty() && r.projectDirectory().isPresent()
        || r.files().isEmpty() && layersByVariable(r)).forEach(out.composeRuns::add);
    out.documentedComposeRuns.addAll(composeRuns);
    return out;
  }

  private static boolean layersByVariable(ComposeRun r) {
    Value files = r.environment().get("COMPOSE_FILE");
    return files != null && !r.environment().containsKey("COMPOSE_PATH_SEPARATOR")
        && files.value().filter(v -> v.contains(":")).isPresent();
  }

  void addAll(Collector other) {
    builds.addAll(other.builds);
    composeRuns.addAll(other.composeRuns);
    runs.addAll(other.runs);
    documentedRuns.addAll(other.documentedRuns);
    documentedBuilds.addAll(other.documentedBuilds);
    produced.addAll(other.produced);
    placed.addAll(other.placed);
    namedComposeFiles.addAll(other.namedComposeFiles);
    described.addAll(other.described);
    metadataBakes.addAll(other.metadataBakes);
    scriptCalls.addAll(other.scriptCalls);
    documentedScriptCalls.addAll(other.documentedScriptCalls);
    bakeRuns.addAll(other.bakeRuns);
    devContainers.addAll(other.devContainers);
    documentedComposeRuns.addAll(other.documentedComposeRuns);
    other.releaseBinaries.forEach(releaseBinaries::putIfAbsent);
  }

  /**
   * Merges the runs of one script interpreted from each directory it may be started in (its own,
   * the root): a command whose paths do not depend on it is kept; otherwise the one start
   * directory from which the files the command names exist wins, and when none or several do,
   * its paths are unknown.
   */
  static Collector merge(SourceKind kind, FileTree tree, List<Collector> runs) {
    Collector out = new Collector(kind, tree);
    Collector first = runs.get(0);
    if (runs.size() == 1) {
      out.addAll(first);
      return out;
    }
    for (int i = 0; i < first.builds.size(); i++) {
      List<DockerBuild> options = new ArrayList<>();
      for (Collector c : runs) {
        if (i < c.builds.size()) options.add(c.builds.get(i));
      }
      out.builds.add(pickBuild(options, tree));
    }
    for (int i = 0; i < first.composeRuns.size(); i++) {
      List<ComposeRun> options = new ArrayList<>();
      for (Collector c : runs) {
        if (i < c.composeRuns.size()) options.add(c.composeRuns.get(i));
      }
      out.composeRuns.add(pickCompose(options, tree));
    }
    out.runs.addAll(first.runs);
    // each start directory's reading: only the files that exist are taken (ProjectLoader)
    for (Collector c : runs) out.namedComposeFiles.addAll(c.namedComposeFiles);
    java.util.Set<Produced> produced = new java.util.LinkedHashSet<>();
    for (Collector c : runs) produced.addAll(c.produced);
    out.produced.addAll(produced);
    java.util.Set<Placed> placed = new java.util.LinkedHashSet<>();
    for (Collector c : runs) placed.addAll(c.placed);
    out.placed.addAll(placed);
    // calls from a directory the script itself chose (cd): the same from every start
    java.util.Set<ScriptCall> calls = new java.util.LinkedHashSet<>();
    for (Collector c : runs) calls.addAll(c.scriptCalls);
    out.scriptCalls.addAll(calls);
    // each start's runs name files that exist from there (see bake): all are kept, once
    java.util.Set<BakeRun> bakes = new java.util.LinkedHashSet<>();
    for (Collector c : runs) bakes.addAll(c.bakeRuns);
    out.bakeRuns.addAll(bakes);
    return out;
  }

  private static DockerBuild pickBuild(List<DockerBuild> options, FileTree tree) {
    DockerBuild first = options.get(0);
    boolean same = options.stream().allMatch(o -> o.dockerfile().equals(first.dockerfile())
        && o.context().equals(first.context()));
    if (same) return first;
    List<DockerBuild> viable = options.stream()
        .filter(o -> o.dockerfile().value().filter(tree::isFile).isPresent()
            && o.context().value().filter(d -> d.isEmpty() || tree.isDirectory(d)).isPresent())
        .toList();
    if (viable.size() == 1) return viable.get(0);
    String why = "the script may run from its own directory or from the root";
    return new DockerBuild(first.range(), first.source(), first.tool(), Cwd.unknown(),
        Value.unknown(first.dockerfile().raw(), why), Value.unknown(first.context().raw(), why),
        first.target(), first.buildArgs(), first.tags(), first.builtAfter(), first.filesOnly());
  }

  private static ComposeRun pickCompose(List<ComposeRun> options, FileTree tree) {
    ComposeRun first = options.get(0);
    boolean same = options.stream().allMatch(o -> o.files().equals(first.files())
        && o.envFiles().equals(first.envFiles())
        && o.projectDirectory().equals(first.projectDirectory())
        && (!first.files().isEmpty() || o.cwd().dir().equals(first.cwd().dir())));
    if (same) return first;
    List<ComposeRun> viable = options.stream().filter(o -> composeFilesExist(o, tree)).toList();
    if (viable.size() == 1) return viable.get(0);
    String why = "the script may run from its own directory or from the root";
    List<Value> files = first.files().stream().map(f -> Value.unknown(f.raw(), why)).toList();
    return new ComposeRun(first.range(), first.source(), first.tool(), Cwd.unknown(), files,
        first.projectName(), first.envFiles().stream().map(f -> Value.unknown(f.raw(), why))
        .toList(), first.profiles(), first.projectDirectory().map(d -> Value.unknown(d.raw(), why)),
        first.environment(), first.subcommand(), first.arguments(), first.background());
  }

  private static boolean composeFilesExist(ComposeRun r, FileTree tree) {
    if (!r.files().isEmpty()) {
      return r.files().stream().allMatch(f -> f.value().filter(tree::isFile).isPresent());
    }
    // COMPOSE_FILE=a.yml:b.yml (the default separator) names the files from the working directory
    Value composeFile = r.environment().get("COMPOSE_FILE");
    if (composeFile != null && !r.environment().containsKey("COMPOSE_PATH_SEPARATOR")) {
      Optional<String> dir = r.cwd().dir();
      return composeFile.value().isPresent() && dir.isPresent()
          && java.util.Arrays.stream(composeFile.value().get().split(":"))
              .filter(p -> !p.isBlank()).allMatch(p -> {
                String rel = dev.berth.compose.Paths.resolve(dir.get(), p.trim());
                return !dev.berth.compose.Paths.escapes(rel) && tree.isFile(rel);
              });
    }
    return r.cwd().dir().filter(d -> COMPOSE_DEFAULTS.stream()
        .anyMatch(n -> tree.isFile(join(d, n)))).isPresent();
  }

  static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
