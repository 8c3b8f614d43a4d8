package dev.berth.evidence;

import dev.berth.context.GitIgnores;
import dev.berth.project.AppSources;
import dev.berth.project.FileKinds;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fact: how the repository itself invokes Docker, read (never run) from its shell scripts,
 * Makefiles, {@code package.json} scripts, GitHub Actions workflows, GitLab CI, Bake files,
 * Skaffold configs, Taskfiles and justfiles: the image builds with their Dockerfile, context,
 * target, build args and tags; the compose invocations with their {@code -f}, {@code -p},
 * {@code --env-file}, {@code --profile} and {@code --project-directory}; the images it runs; the
 * paths its commands create. Every item carries the range it was read from.
 *
 * <p>Computed on first request only (a project whose builds compose declares never asks), read
 * through {@link AppSources} (root-confined, size-capped), bounded in files and tokens; each
 * file is scanned in one linear pass without backtracking patterns. A file that cannot be read
 * or understood simply gives no evidence.
 */
public final class RepoEvidence {
  /** Candidate files read at most, and per kind. */
  static final int MAX_FILES = 2000;
  static final int MAX_PER_KIND = 500;
  /** Files without an extension probed for a shell shebang, at most. */
  static final int MAX_SHEBANG_PROBES = 300;
  static final long MAX_SHEBANG_BYTES = 256 * 1024;
  /** Tokens read per file; the rest of a longer file is ignored. */
  static final int MAX_TOKENS_PER_FILE = 200_000;

  private final List<DockerBuild> builds;
  private final List<ComposeRun> composeRuns;
  private final List<ImageRun> runs;
  private final List<ImageRun> documentedRuns;
  private final List<DockerBuild> documentedBuilds;
  private final java.util.Set<String> namedComposeFiles;
  private final List<Produced> produced;
  private final List<Produced> described;
  private final List<Collector.Placed> placed;
  private final List<DevContainer> devContainers;
  private final List<ComposeRun> documentedComposeRuns;
  private final java.util.Map<String, Range> releaseBinaries;
  private final FileTree tree;

  private RepoEvidence(Collector all) {
    this.builds = List.copyOf(all.builds);
    this.composeRuns = List.copyOf(all.composeRuns);
    this.runs = List.copyOf(all.runs);
    this.documentedRuns = List.copyOf(all.documentedRuns);
    this.documentedBuilds = List.copyOf(all.documentedBuilds);
    this.namedComposeFiles = java.util.Collections.unmodifiableSet(
        new java.util.LinkedHashSet<>(all.namedComposeFiles));
    this.produced = List.copyOf(all.produced);
    this.described = List.copyOf(all.described);
    this.placed = List.copyOf(all.placed);
    this.devContainers = List.copyOf(all.devContainers);
    this.documentedComposeRuns = List.copyOf(all.documentedComposeRuns);
    this.releaseBinaries = java.util.Map.copyOf(all.releaseBinaries);
    this.tree = all.tree();
  }

  public static RepoEvidence of(Project project) {
    return project.fact(RepoEvidence.class, RepoEvidence::compute);
  }

  private static RepoEvidence compute(Project project) {
    FileTree tree = project.fileTree();
    Collector all = new Collector(SourceKind.SHELL_SCRIPT, tree);
    int[] perKind = new int[SourceKind.values().length];
    int files = 0;
    int probes = 0;
    // A file git ignores is no part of the repository (a tool's cache, a dependency's clone
    // under target/): what it says is not how this repository runs Docker.
    GitIgnores gitIgnores = GitIgnores.of(project);
    for (FileTree.Entry e : (Iterable<FileTree.Entry>) tree.all()::iterator) {
      if (files >= MAX_FILES) break;
      if (e.kind() != FileTree.Kind.FILE || e.size() > AppSources.MAX_BYTES) continue;
      Optional<SourceKind> kind = kind(e.path());
      // the ignore files are asked only about files that could be evidence (a path's kind is a
      // look at its name; matching every path of a monorepo against them is not)
      if (kind.isEmpty() && !(probes < MAX_SHEBANG_PROBES && shebangCandidate(e))) continue;
      if (gitIgnores.isIgnored(e.path())) continue;
      if (kind.isEmpty()) {
        probes++;
        kind = AppSources.of(project).read(e.path()).filter(RepoEvidence::shellShebang)
            .map(f -> SourceKind.SHELL_SCRIPT);
      }
      if (kind.isEmpty() || perKind[kind.get().ordinal()]++ >= MAX_PER_KIND) continue;
      files++;
      read(project, e.path(), kind.get()).ifPresent(all::addAll);
    }
    resolveInstalledDockerfiles(all.builds, tree);
    resolveCopiedDockerfiles(all, tree);
    rebaseBakeFiles(project, all);
    tagMetadataTargets(all.builds, all.metadataBakes);
    readFromCallers(project, all);
    readDocumentedScripts(project, all);
    return new RepoEvidence(all);
  }

  /**
   * The script read as one call runs it: from the call's directory, with the variables it
   * exports; empty when berth cannot read it (evidence is optional).
   */
  private static Optional<Collector> readAsCalled(Project project, String path, SourceFile f,
      Collector.ScriptCall call) {
    Collector c = new Collector(SourceKind.SHELL_SCRIPT, project.fileTree());
    c.sources = sourcedScripts(project);
    // the arguments are its $1..$9, not exported to what it runs
    java.util.Map<String, Optional<String>> vars = new java.util.TreeMap<>(call.env());
    for (int i = 0; i < call.args().size(); i++) {
      vars.put(String.valueOf(i + 1), call.args().get(i));
    }
    ScriptInterpreter.State state = new ScriptInterpreter.State(Optional.of(call.cwd()), false,
        vars, call.env().keySet());
    try {
      ScriptInterpreter.run(f.text(), f::range, Optional.of(path), state, c);
    } catch (RuntimeException | StackOverflowError x) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  /**
   * The calls by script, each script's distinct calls (working directory and variables) once,
   * within MAX_CALLED_SCRIPTS and MAX_CALLS_PER_SCRIPT.
   */
  private static java.util.Map<String, java.util.Map<String, Collector.ScriptCall>> byScript(
      List<Collector.ScriptCall> all) {
    java.util.Map<String, java.util.Map<String, Collector.ScriptCall>> byScript =
        new java.util.LinkedHashMap<>();
    for (Collector.ScriptCall c : all) {
      if (byScript.size() >= MAX_CALLED_SCRIPTS && !byScript.containsKey(c.path())) continue;
      java.util.Map<String, Collector.ScriptCall> calls =
          byScript.computeIfAbsent(c.path(), k -> new java.util.LinkedHashMap<>());
      if (calls.size() < MAX_CALLS_PER_SCRIPT) {
        calls.putIfAbsent(c.cwd() + "\u0000" + c.env() + "\u0000" + c.args(), c);
      }
    }
    return byScript;
  }

  /**
   * The files a script makes when a README's setup runs it from the README's directory (proton's
   * docker/bare/README.md: `./prepare`, whose `mkdir root` fills the context `docker build .`
   * then reads): only what it makes; its builds and runs stay examples, as the README's own.
   * A script that names no container tool is not read otherwise, nor one without an extension
   * unless its first line names a shell.
   */
  private static void readDocumentedScripts(Project project, Collector all) {
    java.util.Map<String, java.util.Map<String, Collector.ScriptCall>> byScript =
        byScript(all.documentedScriptCalls);
    java.util.Set<Produced> known = new java.util.HashSet<>(all.produced);
    for (var e : byScript.entrySet()) {
      Optional<SourceFile> f = AppSources.of(project).read(e.getKey());
      if (f.isEmpty() || GitIgnores.of(project).isIgnored(e.getKey())
          || kind(e.getKey()).filter(k -> k == SourceKind.SHELL_SCRIPT).isEmpty()
              && (kind(e.getKey()).isPresent() || !shellShebang(f.get()))) {
        continue;
      }
      for (Collector.ScriptCall call : e.getValue().values()) {
        Optional<Collector> c = readAsCalled(project, e.getKey(), f.get(), call);
        if (c.isEmpty()) continue;
        for (Produced p : c.get().produced) {
          if (known.add(p)) all.produced.add(p);
        }
      }
    }
  }

  /**
   * The Bake targets that inherit {@code docker-metadata-action} take the image names of the CI
   * step that builds their file with docker/metadata-action's bake file on top (see
   * {@link CiReaders}); without such a step their tags stay unknown.
   */
  private static void tagMetadataTargets(List<DockerBuild> builds,
      List<Collector.MetadataBake> bakes) {
    if (bakes.isEmpty()) return;
    for (int i = 0; i < builds.size(); i++) {
      DockerBuild b = builds.get(i);
      if (b.source() != SourceKind.BAKE_FILE || b.tags().stream().noneMatch(
          t -> t.raw().equals(BuildFileReaders.METADATA_TARGET) && t.value().isEmpty())) {
        continue;
      }
      List<Value> tags = new java.util.ArrayList<>();
      for (Collector.MetadataBake m : bakes) {
        if (!m.files().contains(b.range().file())
            || !m.targets().contains(BuildFileReaders.targetName(b))) {
          continue;
        }
        for (String image : m.images()) {
          Value v = Value.known(BuildFileReaders.METADATA_TARGET, image);
          if (!tags.contains(v)) tags.add(v);
        }
      }
      if (tags.isEmpty()) continue;
      builds.set(i, new DockerBuild(b.range(), b.source(), b.tool(), b.cwd(), b.dockerfile(),
          b.context(), b.target(), b.buildArgs(), tags, b.builtAfter(), b.filesOnly()));
    }
  }

  /** Directories one Bake file is read from at most. */
  private static final int MAX_BAKE_DIRS = 4;

  /**
   * Bake resolves a target's local context from the directory it runs in, not from the Bake
   * file's (docs.docker.com build/bake/reference, target.context; docker/buildx#1028: `docker
   * buildx bake -f tests/docker-compose.yml` from the root fails where `cd tests && docker buildx
   * bake` works). A Bake file the repository's commands run is read from each directory they run
   * it in instead of its own (temporal's build action: `docker buildx bake -f
   * docker/docker-bake.hcl` from the root, whose targets say {@code context = "docker"}), and a
   * run's earlier build step ({@code go build}) carries over to the targets it builds.
   */
  private static void rebaseBakeFiles(Project project, Collector all) {
    java.util.Map<String, java.util.Map<String, Optional<Range>>> dirs =
        new java.util.LinkedHashMap<>();
    java.util.Set<String> assumed = new java.util.HashSet<>();
    GitIgnores ignores = GitIgnores.of(project);
    for (Collector.BakeRun r : all.bakeRuns) {
      for (String f : r.files()) {
        // a git-ignored Bake file (a local docker-bake.override.hcl) is no part of the repository
        if (kind(f).filter(k -> k == SourceKind.BAKE_FILE).isEmpty() || ignores.isIgnored(f)) {
          continue;
        }
        java.util.Map<String, Optional<Range>> byDir =
            dirs.computeIfAbsent(f, k -> new java.util.LinkedHashMap<>());
        if (byDir.size() >= MAX_BAKE_DIRS && !byDir.containsKey(r.cwd())) continue;
        byDir.merge(r.cwd(), r.builtAfter(), (a, b) -> a.isPresent() ? a : b);
        if (r.cwdAssumed()) assumed.add(f + "\u0000" + r.cwd());
      }
    }
    for (var e : dirs.entrySet()) {
      String file = e.getKey();
      Optional<SourceFile> text = AppSources.of(project).read(file);
      if (text.isEmpty()) continue;
      List<DockerBuild> read = new java.util.ArrayList<>();
      try {
        for (var dir : e.getValue().entrySet()) {
          Collector c = file.endsWith(".json")
              ? BuildFileReaders.bakeJson(text.get(), project.fileTree(), Optional.of(dir.getKey()))
              : BuildFileReaders.bakeHcl(text.get(), project.fileTree(), Optional.of(dir.getKey()));
          // a run from a start berth assumed is confirmed by the files only
          Cwd cwd = assumed.contains(file + "\u0000" + dir.getKey())
              ? new Cwd(Optional.of(dir.getKey()), Cwd.Basis.CONFIRMED_BY_FILES) : null;
          for (DockerBuild b : c.builds) {
            read.add(b.withRun(cwd != null ? cwd : b.cwd(), dir.getValue()));
          }
        }
      } catch (RuntimeException | StackOverflowError x) {
        continue; // evidence is optional: the file's own reading stands
      }
      all.builds.removeIf(b -> b.source() == SourceKind.BAKE_FILE
          && b.range().file().equals(file));
      all.builds.addAll(read);
    }
  }

  /** Scripts re-read from their callers' directories, at most, and distinct calls of each. */
  static final int MAX_CALLED_SCRIPTS = 100;
  static final int MAX_CALLS_PER_SCRIPT = 20;

  /**
   * The compose commands of a script another file of the repository runs from a known directory
   * are read as run from there, with what the caller exports (wodby/docker4php's Makefile:
   * {@code cd ./tests && PHP_VER=$(PHP_VER) ./run.sh}, whose {@code docker compose up} then
   * starts tests/compose.yml with PHP_VER set). Alone, a script may start from its own directory
   * or the root, and a command naming no file is ambiguous. Only compose runs are replaced: the
   * builds and files a script makes were already read from both starts; a call with arguments
   * adds what the script makes so called (the files its arguments name among them).
   */
  private static void readFromCallers(Project project, Collector all) {
    java.util.Set<Produced> knownProduced = new java.util.HashSet<>(all.produced);
    // calls that differ only in where they are written read the script the same way: once
    java.util.Map<String, java.util.Map<String, Collector.ScriptCall>> byScript =
        byScript(all.scriptCalls);
    for (var e : byScript.entrySet()) {
      Optional<SourceFile> f = AppSources.of(project).read(e.getKey());
      if (f.isEmpty() || kind(e.getKey()).filter(k -> k == SourceKind.SHELL_SCRIPT).isEmpty()) {
        continue;
      }
      java.util.Set<ComposeRun> runs = new java.util.LinkedHashSet<>();
      java.util.Set<DockerBuild> builds = new java.util.LinkedHashSet<>();
      java.util.Set<ImageRun> imageRuns = new java.util.LinkedHashSet<>();
      for (Collector.ScriptCall call : e.getValue().values()) {
        Optional<Collector> c = readAsCalled(project, e.getKey(), f.get(), call);
        if (c.isEmpty()) continue;
        runs.addAll(c.get().composeRuns);
        builds.addAll(c.get().builds);
        imageRuns.addAll(c.get().runs);
        // what it makes as called with arguments (spire's setup/brokerclient/build.sh
        // "$(pwd)/conf/brokerclient": `go build -o "$1"`), which alone it could not name; the
        // rest of what it makes was read already, and is not added twice
        if (!call.args().isEmpty()) {
          for (Produced p : c.get().produced) {
            if (knownProduced.add(p)) all.produced.add(p);
          }
        }
      }
      // The builds and runs of the script itself, as its callers run it: a build of `.` from
      // where they cd (lnd's Makefile: `cd ./lnrpc; ./gen_protos_docker.sh`, whose `docker
      // build -t lnd-protobuf-builder .` builds lnrpc/Dockerfile, not the root's). Read alone,
      // `.` was either; from the callers it is one.
      replaceScripts(all.builds, builds, DockerBuild::range, e.getKey());
      replaceScripts(all.runs, imageRuns, ImageRun::range, e.getKey());
      if (runs.isEmpty()) continue;
      // the script's runs, and those of the files it sources, as its callers run them
      java.util.Set<String> files = new java.util.HashSet<>();
      files.add(e.getKey());
      runs.forEach(r -> files.add(r.range().file()));
      all.composeRuns.removeIf(r -> files.contains(r.range().file()) && !runs.contains(r));
      all.composeRuns.removeAll(runs);
      all.composeRuns.addAll(runs);
    }
  }

  /** {@code "$PLUGIN_AVAILABLE_PATH/builder-herokuish/dockerfiles/pre-build.Dockerfile"}. */
  private static final java.util.regex.Pattern INSTALLED_PATH = java.util.regex.Pattern.compile(
      "[\"']?+\\$(?:\\{[A-Za-z_][A-Za-z0-9_]*+\\}|[A-Za-z_][A-Za-z0-9_]*+)/([^$\"'*?]++)[\"']?+");

  /**
   * A build whose {@code -f} is a directory variable followed by a literal path of two or more
   * components (dokku's plugins build {@code -f "$PLUGIN_AVAILABLE_PATH/builder-herokuish/
   * dockerfiles/pre-build.Dockerfile"} from a temporary directory) names the one Dockerfile of
   * the repository whose path ends so: where the variable points is the repository installed.
   * The context stays what the command says (here a variable: unknown). A tail that ends more
   * than one file's path names none.
   */
  private static void resolveInstalledDockerfiles(List<DockerBuild> builds, FileTree tree) {
    java.util.Map<Integer, String> tails = new java.util.HashMap<>();
    for (int i = 0; i < builds.size(); i++) {
      if (builds.get(i).dockerfile().known()) continue;
      java.util.regex.Matcher m = INSTALLED_PATH.matcher(builds.get(i).dockerfile().raw().trim());
      if (m.matches() && m.group(1).contains("/")) tails.put(i, m.group(1));
    }
    if (tails.isEmpty()) return;
    java.util.Map<String, List<String>> ending = new java.util.HashMap<>();
    for (FileTree.Entry e : (Iterable<FileTree.Entry>) tree.all()::iterator) {
      if (e.kind() != FileTree.Kind.FILE) continue;
      for (String tail : new java.util.HashSet<>(tails.values())) {
        if (e.path().equals(tail) || e.path().endsWith("/" + tail)) {
          ending.computeIfAbsent(tail, k -> new java.util.ArrayList<>()).add(e.path());
        }
      }
    }
    for (var t : tails.entrySet()) {
      int i = t.getKey();
      DockerBuild b = builds.get(i);
      List<String> files = ending.getOrDefault(t.getValue(), List.of());
      if (files.size() != 1) continue;
      builds.set(i, b.withPaths(Value.known(b.dockerfile().raw(), files.get(0)), b.context()));
    }
  }

  /**
   * A build of a Dockerfile that is not in the repository, under a directory a repository command
   * copies from one that is (OneDev's build spec: `cp -r ../docker docker` in
   * server-product/target, then a BuildImageStep of server-product/target/docker/Dockerfile.server
   * from that directory, where the job has also unzipped the server distribution): a build of the
   * original Dockerfile, from a context the job assembles, whose content berth cannot know.
   */
  private static void resolveCopiedDockerfiles(Collector all, FileTree tree) {
    java.util.Map<String, String> copies = null;
    for (int i = 0; i < all.builds.size(); i++) {
      DockerBuild b = all.builds.get(i);
      Optional<String> df = b.dockerfile().value();
      if (df.isEmpty() || tree.isFile(df.get())) continue;
      if (copies == null) copies = copies(all.produced);
      for (String dir = dev.berth.context.Paths.parent(df.get()); !dir.isEmpty();
          dir = dev.berth.context.Paths.parent(dir)) {
        String from = copies.get(dir);
        if (from == null) continue;
        String original = dev.berth.context.Paths.join(from, df.get().substring(dir.length() + 1));
        if (!tree.isFile(original)) break;
        String copied = dir;
        Value context = b.context().value()
            .filter(c -> c.equals(copied) || c.startsWith(copied + "/"))
            .map(c -> Value.unknown(b.context().raw(), "a directory the build assembles by"
                + " copying `" + from + "` to `" + copied + "`"))
            .orElse(b.context());
        all.builds.set(i, b.withPaths(Value.known(b.dockerfile().raw(), original), context));
        break;
      }
    }
  }

  private static Optional<Collector> read(Project project, String path, SourceKind kind) {
    Optional<SourceFile> text = AppSources.of(project).read(path);
    FileTree tree = project.fileTree();
    if (text.isEmpty()) return Optional.empty();
    // A reusable workflow or composite action may run what its callers pass (proton's
    // run_command.yml: `run: ${{ inputs.command }}`): its text names no Docker command, its
    // callers' scripts do (proton builds and stages its unit-test image so), so it is read in full.
    boolean runsInputs = kind == SourceKind.GITHUB_WORKFLOW
        && (text.get().text().contains("workflow_call") || text.get().text().contains("composite"))
        && text.get().text().contains("inputs.");
    // A file that never names Docker may still run one of the repository's scripts that does,
    // from a directory and with variables of its own (wodby's `cd ./tests && PHP_VER=...
    // ./run.sh`): only those calls are taken from it.
    boolean callsOnly = !runsInputs && !mentionsContainerTool(text.get().text(), kind)
        && !(kind == SourceKind.SHELL_SCRIPT
            && (besideComposeFile(tree, path) || dockerHubHook(path)));
    if (callsOnly && (!CALLS_SCRIPT_KINDS.contains(kind) || !text.get().text().contains(".sh"))) {
      return Optional.empty();
    }
    SourceFile f = text.get();
    try {
      if (callsOnly) {
        Collector all = read(project, f, tree, kind, path, makeDir(project, kind, path));
        Collector calls = new Collector(kind, tree);
        calls.scriptCalls.addAll(all.scriptCalls);
        return Optional.of(calls);
      }
      return Optional.of(read(project, f, tree, kind, path, makeDir(project, kind, path)));
    } catch (RuntimeException | StackOverflowError e) {
      // evidence is optional knowledge: a file berth misreads gives none, never a crash
      return Optional.empty();
    }
  }

  /**
   * The repository files a shell script may source: shell scripts and env files berth reads
   * (AppSources' size limit), not git-ignored ones.
   */
  private static java.util.function.Function<String, Optional<SourceFile>> sourcedScripts(
      Project project) {
    return path -> GitIgnores.of(project).isIgnored(path) ? Optional.empty()
        : AppSources.of(project).read(path);
  }

  /**
   * The records read from {@code script} alone replaced with those read from its callers, when
   * every one of the callers' is the script's own (not a file it sources).
   */
  private static <T> void replaceScripts(List<T> all, java.util.Set<T> fromCallers,
      java.util.function.Function<T, Range> at, String script) {
    if (fromCallers.isEmpty()
        || !fromCallers.stream().allMatch(x -> at.apply(x).file().equals(script))) {
      return;
    }
    all.removeIf(x -> at.apply(x).file().equals(script));
    all.addAll(fromCallers);
  }

  /** Kinds whose commands may run a repository script by its path. */
  private static final java.util.Set<SourceKind> CALLS_SCRIPT_KINDS = java.util.EnumSet.of(
      SourceKind.SHELL_SCRIPT, SourceKind.MAKEFILE, SourceKind.PACKAGE_JSON,
      SourceKind.GITHUB_WORKFLOW, SourceKind.CIRCLECI, SourceKind.BUILDKITE, SourceKind.JUSTFILE,
      SourceKind.TASKFILE);

  /** Where make runs an included Makefile's recipes: the includer's directory. */
  private static Optional<String> makeDir(Project project, SourceKind kind, String path) {
    return kind == SourceKind.MAKEFILE ? MakeIncludes.of(project).runFrom(path)
        : Optional.empty();
  }

  private static Collector read(Project project, SourceFile f, FileTree tree, SourceKind kind,
      String path, Optional<String> makeDir) {
    return switch (kind) {
      case SHELL_SCRIPT -> ScriptReaders.shell(f, tree, sourcedScripts(project));
      case MAKEFILE -> MakefileReader.read(f, tree, makeDir, sourcedScripts(project));
      case PACKAGE_JSON -> ScriptReaders.packageJson(f, tree, sourcedScripts(project));
      case JUSTFILE -> ScriptReaders.justfile(f, tree);
      case SETUP_DOCS, DOCS_PAGE -> DocsReader.read(f, tree, kind);
      case USAGE_COMMENT -> DocsReader.usageComments(f, tree);
      case GITHUB_WORKFLOW -> CiReaders.workflow(f, tree, sourcedScripts(project));
      case GITLAB_CI -> CiReaders.gitlab(f, tree);
      case CIRCLECI -> CiReaders.circleci(f, tree);
      case TASKFILE -> CiReaders.taskfile(f, tree);
      case SKAFFOLD -> BuildFileReaders.skaffold(f, tree);
      case GORELEASER -> BuildFileReaders.goreleaser(f, tree);
      // risingwave's Buildkite pipelines sit in ci/workflows/: a step using the docker-compose
      // plugin says which reader
      case CONCOURSE_TASK -> f.text().contains(CiReaders.BUILDKITE_COMPOSE_PLUGIN)
          ? CiReaders.buildkite(f, tree) : BuildFileReaders.concourseTask(f, tree);
      case BUILDKITE -> CiReaders.buildkite(f, tree);
      case WOODPECKER -> BuildFileReaders.woodpecker(f, tree);
      case ONEDEV -> BuildFileReaders.onedev(f, tree);
      case DEV_CONTAINER -> BuildFileReaders.devContainer(f, tree);
      case BAKE_FILE -> path.endsWith(".json") ? BuildFileReaders.bakeJson(f, tree)
          : BuildFileReaders.bakeHcl(f, tree);
    };
  }

  /**
   * Most scripts and package.json files in a repository never touch Docker: they are skipped
   * with a plain substring check before any parsing. Bake and Skaffold files always describe
   * image builds.
   */
  private static boolean mentionsContainerTool(String text, SourceKind kind) {
    if (kind == SourceKind.BAKE_FILE || kind == SourceKind.SKAFFOLD || kind == SourceKind.ONEDEV
        || kind == SourceKind.DEV_CONTAINER
        || kind == SourceKind.GORELEASER || kind == SourceKind.SETUP_DOCS
        || kind == SourceKind.DOCS_PAGE
        || kind == SourceKind.USAGE_COMMENT && DocsReader.hasUsageComment(text)
        || kind == SourceKind.CONCOURSE_TASK && (text.contains("DOCKERFILE")
            || text.contains(CiReaders.BUILDKITE_COMPOSE_PLUGIN))) {
      return true;
    }
    for (String tool : CONTAINER_TOOLS) {
      if (text.contains(tool)) return true;
    }
    // envoyproxy/examples' verify scripts run "${DOCKER_COMPOSE[@]}" and nothing lower-case
    return kind == SourceKind.SHELL_SCRIPT && text.contains("DOCKER");
  }

  /** The hooks Docker Hub's automated builds run, by name (see {@link #dockerHubHook}). */
  private static final java.util.Set<String> DOCKER_HUB_HOOKS = java.util.Set.of("post_checkout",
      "pre_build", "build", "post_build", "pre_test", "test", "post_test", "pre_push", "push",
      "post_push");

  /**
   * A Docker Hub automated-build hook: {@code hooks/post_checkout}, {@code hooks/pre_build} and
   * the others, "in a folder called hooks ... at the same directory level as your Dockerfile"
   * (docs.docker.com docker-hub/repos/manage/builds/advanced, "Custom build phase hooks");
   * dperson/samba's post_checkout downloads the qemu binaries its arm Dockerfiles copy. It runs
   * in the build's directory, the one that holds {@code hooks/}.
   */
  static boolean dockerHubHook(String path) {
    int slash = path.lastIndexOf('/');
    if (slash < 0 || !DOCKER_HUB_HOOKS.contains(path.substring(slash + 1))) return false;
    String dir = path.substring(0, slash);
    return dir.equals("hooks") || dir.endsWith("/hooks");
  }

  /**
   * A script in a directory that holds a compose file is that setup's script even when it never
   * names Docker: envoyproxy/examples' double-proxy/verify.sh makes the certificates the build
   * copies (mkdir -p certs; openssl ... -out certs/ca.crt) and brings the example up through
   * helpers of another file. Not one beside a Dockerfile only: that is as often a script the
   * image runs, whose files land in the container, not the context.
   */
  private static boolean besideComposeFile(FileTree tree, String path) {
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash);
    return tree.children(dir).anyMatch(e -> e.kind() == FileTree.Kind.FILE
        && FileKinds.classify(e.name()) == dev.berth.project.ProjectFile.Kind.COMPOSE);
  }

  private static final List<String> CONTAINER_TOOLS = List.of("docker", "podman", "buildah",
      "nerdctl", "build-push-action", "kaniko");

  /**
   * A CI system's pipeline file (GitHub Actions, GitLab CI, CircleCI, Woodpecker or Drone,
   * Buildkite by its path).
   */
  public static boolean ciFile(String path) {
    return kind(path).filter(SourceKind::ci).isPresent();
  }

  /**
   * Setup guides a repository keeps beside its README, read the same way: codex-team/codex.docs's
   * DEVELOPMENT.md runs {@code touch docs-config.local.yaml} before its compose file mounts it.
   */
  private static final java.util.regex.Pattern SETUP_GUIDE = java.util.regex.Pattern.compile(
      "(development|developing|contributing|install|installation|setup|deploy|deployment"
      + "|hacking|getting[-_]started|self[-_]?host(ing)?|quickstart|quick[-_]start)\\.md");

  /** What a file is by its path; empty when only its content can tell (a shebang). */
  static Optional<SourceKind> kind(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    if ((path.startsWith(".github/workflows/") && path.indexOf('/', 18) < 0)
        && (lower.endsWith(".yml") || lower.endsWith(".yaml"))) {
      return Optional.of(SourceKind.GITHUB_WORKFLOW);
    }
    // The repository's own composite actions, which its workflows use as steps.
    if (path.startsWith(".github/actions/")
        && (lower.equals("action.yml") || lower.equals("action.yaml"))) {
      return Optional.of(SourceKind.GITHUB_WORKFLOW);
    }
    if (lower.equals(".gitlab-ci.yml") || lower.endsWith(".gitlab-ci.yml")) {
      return Optional.of(SourceKind.GITLAB_CI);
    }
    // CircleCI reads .circleci/config.yml (circleci.com/docs/configuration-reference)
    if (path.equals(".circleci/config.yml") || path.equals(".circleci/config.yaml")) {
      return Optional.of(SourceKind.CIRCLECI);
    }
    // Woodpecker reads .woodpecker.yml or every file of .woodpecker/ (woodpecker-ci.org docs,
    // "Workflows"); Drone reads .drone.yml. Both at the repository's top.
    if (path.equals(".woodpecker.yml") || path.equals(".woodpecker.yaml")
        || path.equals(".drone.yml") || path.equals(".drone.yaml")
        || (path.startsWith(".woodpecker/") && path.indexOf('/', 12) < 0
            && (lower.endsWith(".yml") || lower.endsWith(".yaml")))) {
      return Optional.of(SourceKind.WOODPECKER);
    }
    // OneDev reads its jobs from .onedev-buildspec.yml at the repository's top (docs.onedev.io,
    // "Build Spec").
    if (path.equals(".onedev-buildspec.yml")) return Optional.of(SourceKind.ONEDEV);
    if (name.equals("Makefile") || name.equals("makefile") || name.equals("GNUmakefile")
        || lower.endsWith(".mk")) {
      return Optional.of(SourceKind.MAKEFILE);
    }
    if (name.equals("package.json")) return Optional.of(SourceKind.PACKAGE_JSON);
    // Dev Containers look for .devcontainer/devcontainer.json, .devcontainer.json and
    // .devcontainer/NAME/devcontainer.json (containers.dev/implementors/spec, "devcontainer.json")
    if (name.equals(".devcontainer.json") || name.equals("devcontainer.json")
        && (path.startsWith(".devcontainer/") || path.contains("/.devcontainer/"))) {
      return Optional.of(SourceKind.DEV_CONTAINER);
    }
    if (dev.berth.project.FileKinds.classify(name) == dev.berth.project.ProjectFile.Kind.COMPOSE) {
      return Optional.of(SourceKind.USAGE_COMMENT);
    }
    if (lower.startsWith("readme") && lower.endsWith(".md") || SETUP_GUIDE.matcher(lower).matches()) {
      return Optional.of(SourceKind.SETUP_DOCS);
    }
    // MDX pages of a docs site (sweep's docs/pages/deployment.mdx) are Markdown with components
    if ((lower.endsWith(".md") || lower.endsWith(".mdx")) && dev.berth.project.FileKinds.inDocsDirectory(path)) {
      return Optional.of(SourceKind.DOCS_PAGE);
    }
    if (lower.endsWith(".sh") || lower.endsWith(".bash")) {
      return Optional.of(SourceKind.SHELL_SCRIPT);
    }
    // Buildkite repository hooks: shell scripts without an extension the agent runs around each
    // step (buildkite.com/docs/agent/v3/hooks, "Repository hooks": .buildkite/hooks/pre-command);
    // authelia's pre-command copies .local into the checkout before its coverage image is built.
    if (path.startsWith(".buildkite/hooks/") && path.indexOf('/', 17) < 0) {
      return Optional.of(SourceKind.SHELL_SCRIPT);
    }
    if (dockerHubHook(path)) return Optional.of(SourceKind.SHELL_SCRIPT);
    if (lower.startsWith("docker-bake") && (lower.endsWith(".hcl") || lower.endsWith(".json"))) {
      return Optional.of(SourceKind.BAKE_FILE);
    }
    if (lower.startsWith("skaffold") && (lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
      return Optional.of(SourceKind.SKAFFOLD);
    }
    if (lower.equals(".goreleaser.yml") || lower.equals(".goreleaser.yaml")
        || lower.equals("goreleaser.yml") || lower.equals("goreleaser.yaml")) {
      return Optional.of(SourceKind.GORELEASER);
    }
    // Buildkite uploads .buildkite/pipeline.yml (or buildkite.yml) by default, and any file the
    // pipeline upload step names (buildkite.com/docs/pipelines/defining-steps); a ci/ YAML that
    // uses the docker-compose plugin is one too (the reader tells, see read())
    if ((path.startsWith(".buildkite/") && path.indexOf('/', 11) < 0
        || path.equals("buildkite.yml") || path.equals("buildkite.yaml"))
        && (lower.endsWith(".yml") || lower.endsWith(".yaml"))) {
      return Optional.of(SourceKind.BUILDKITE);
    }
    // Concourse keeps its pipeline and task files in a ci/ directory (concourse-docker's
    // ci/build-image.yml); only task files that build an image say anything (the reader checks).
    if ((path.startsWith("ci/") || path.contains("/ci/"))
        && (lower.endsWith(".yml") || lower.endsWith(".yaml"))) {
      return Optional.of(SourceKind.CONCOURSE_TASK);
    }
    if (lower.startsWith("taskfile") && (lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
      return Optional.of(SourceKind.TASKFILE);
    }
    if (lower.equals("justfile") || lower.equals(".justfile") || lower.endsWith(".just")) {
      return Optional.of(SourceKind.JUSTFILE);
    }
    return Optional.empty();
  }

  private static boolean shebangCandidate(FileTree.Entry e) {
    String name = e.name();
    return name.indexOf('.') < 0 && e.size() > 2 && e.size() <= MAX_SHEBANG_BYTES
        && !e.path().contains("/.") && !e.path().startsWith(".");
  }

  private static boolean shellShebang(SourceFile f) {
    String t = f.text();
    if (!t.startsWith("#!")) return false;
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl);
    String[] words = line.substring(2).trim().split("[ \t/]+");
    for (String w : words) {
      if (w.equals("sh") || w.equals("bash") || w.equals("dash") || w.equals("ash")
          || w.equals("zsh")) {
        return true;
      }
    }
    return false;
  }

  public List<DockerBuild> builds() {
    return builds;
  }

  /** Builds whose Dockerfile is this root-relative path. */
  public List<DockerBuild> buildsOf(String dockerfile) {
    return builds.stream().filter(b -> b.dockerfile().value().filter(dockerfile::equals)
        .isPresent()).toList();
  }

  /**
   * The Dev Container configurations that build this root-relative Dockerfile, when no script,
   * CI step, Bake target or other build command of the repository builds it too (empty then).
   * Compose builds and runs of its image are not builds here: callers ask those themselves.
   */
  public List<DevContainer> devContainersOnly(String dockerfile) {
    List<DockerBuild> all = buildsOf(dockerfile);
    if (all.isEmpty() || all.stream().anyMatch(b -> b.source() != SourceKind.DEV_CONTAINER)) {
      return List.of();
    }
    return devContainers.stream().filter(d -> d.dockerfile().equals(dockerfile)).toList();
  }

  /**
   * Every configuration of {@link #devContainersOnly} builds the last stage (named
   * {@code lastStage}) and starts it with the Dev Containers CLI's own keep-alive command
   * ({@code overrideCommand} not {@code false}): the image's ENTRYPOINT and CMD never run there.
   * True when there is none.
   */
  public boolean devContainersReplaceCommand(String dockerfile, Optional<String> lastStage) {
    return devContainersOnly(dockerfile).stream()
        .allMatch(d -> d.overridesCommand() && d.builds(lastStage, true));
  }

  /**
   * Where a GoReleaser configuration of the repository names a binary of this file name, which
   * GoReleaser builds and copies into its docker builds' contexts.
   */
  public Optional<Range> releaseBinary(String fileName) {
    return Optional.ofNullable(releaseBinaries.get(fileName));
  }

  /** The {@code docker compose} commands the repository's READMEs and docs pages show. */
  public List<ComposeRun> documentedComposeRuns() {
    return documentedComposeRuns;
  }

  public List<ComposeRun> composeRuns() {
    return composeRuns;
  }

  public List<ImageRun> runs() {
    return runs;
  }

  /** The {@code docker run}s the repository's READMEs show (not run by anything in it). */
  public List<ImageRun> documentedRuns() {
    return documentedRuns;
  }

  /** The {@code docker build}s the repository's READMEs show: for the names they give images. */
  public List<DockerBuild> documentedBuilds() {
    return documentedBuilds;
  }

  /**
   * The files the repository's commands and setup documents name as compose files
   * ({@code docker compose -f F}, {@code docker stack deploy -c F}), root-relative, in the order
   * first named; they may not exist.
   */
  public java.util.Set<String> namedComposeFiles() {
    return namedComposeFiles;
  }

  public List<Produced> produced() {
    return produced;
  }

  /**
   * Files the repository's commands make by copying or linking another one, made path to source
   * (root-relative); a path made from two different sources is left out.
   */
  /**
   * The copies whose destination is one of the override files Compose loads beside a project's
   * main file (mailcow's image workflow: cp .../BUILD_FLAGS/docker-compose.override.yml
   * docker-compose.override.yml), destination to source: such a source is a template that is
   * only ever read there.
   */
  public java.util.Map<String, String> overrideCopies() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    copies().forEach((dest, src) -> {
      String name = dest.substring(dest.lastIndexOf('/') + 1);
      if (dev.berth.compose.ComposeProjects.OVERRIDE_FILES.contains(name) && !dest.equals(src)) {
        out.put(dest, src);
      }
    });
    return out;
  }

  /**
   * Files a repository command appends to another one ({@code cat Dockerfile
   * preview/Dockerfile.append > preview/Dockerfile.generated}): every part after the first of a
   * concatenation, root-relative. Such a part only makes sense after what comes before it.
   */
  public java.util.Set<String> appendedParts() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Produced p : produced) {
      if (p.parts().size() > 1) out.addAll(p.parts().subList(1, p.parts().size()));
    }
    return out;
  }

  /**
   * A script that downloads a compose file of the repository into another directory to run it
   * there: an installer (netmaker's scripts/nm-quick.sh: `wget -qO "$INSTALL_DIR"/docker-compose.yml
   * $COMPOSE_URL`, the URL ending in /compose/docker-compose.yml), with the files it puts beside it.
   *
   * @param range the download
   * @param how the command, for messages ({@code wget -qO "$INSTALL_DIR"/docker-compose.yml})
   * @param beside the paths the same script writes in that directory, relative to it
   *     ({@code Caddyfile}, {@code grafana/grafana.ini}, {@code .env})
   */
  public record Deployment(dev.berth.source.Range range, String how,
      java.util.Set<String> beside) {}

  /**
   * Where the repository's scripts or documents download {@code composeFile} (root-relative) to
   * run it elsewhere: a download whose URL ends in the file's path with a directory in it
   * ({@code /compose/docker-compose.yml}), or in a root file's name right after a raw-file
   * address's branch ({@code raw.githubusercontent.com/OWNER/REPO/BRANCH/docker-compose.yml}),
   * wherever it is saved: the copy runs in that directory, with what the same script or page
   * puts beside it.
   */
  public Optional<Deployment> deployment(String composeFile) {
    for (Collector.Placed d : placed) {
      if (d.urlTail().isEmpty() || !downloads(d.urlTail().get(), composeFile)) continue;
      // A root file's name alone may be any repository's (someone else's monitoring stack): the
      // same page or script must fetch another file of this repository from the same address
      // (xwiki's README downloads 12/mysql-tomcat/mysql/xwiki.cnf from the branch it takes
      // docker-compose-mysql.yml from).
      if (composeFile.indexOf('/') < 0 && !corroborated(d, composeFile)) continue;
      String dest = d.written();
      int slash = dest.lastIndexOf('/');
      String dir = slash < 0 ? "" : dest.substring(0, slash);
      java.util.Set<String> beside = new java.util.TreeSet<>();
      for (Collector.Placed o : placed) {
        if (!o.range().file().equals(d.range().file()) || o.written().equals(dest)) continue;
        if (dir.isEmpty() ? o.written().indexOf('/') < 0 : o.written().startsWith(dir + "/")) {
          beside.add(dir.isEmpty() ? o.written() : o.written().substring(dir.length() + 1));
        }
      }
      return Optional.of(new Deployment(d.range(), d.how() + " " + dest,
          java.util.Collections.unmodifiableSet(beside)));
    }
    return Optional.empty();
  }

  private static final java.util.regex.Pattern RAW_ROOT_FILE = java.util.regex.Pattern.compile(
      "(?:raw\\.githubusercontent\\.com/[^/]++/[^/]++|github\\.com/[^/]++/[^/]++/raw"
      + "|/-/raw)/[^/]++/([^/]++)");

  /** Another download of the same script or page fetches a file of this tree from the same base. */
  private boolean corroborated(Collector.Placed d, String composeFile) {
    String url = d.urlTail().get().replaceAll("[?#].*$", "");
    String base = url.substring(0, url.length() - composeFile.length());
    for (Collector.Placed o : placed) {
      if (o == d || o.urlTail().isEmpty() || !o.range().file().equals(d.range().file())) continue;
      String u = o.urlTail().get().replaceAll("[?#].*$", "");
      if (u.startsWith(base) && u.length() > base.length()) {
        String rest = u.substring(base.length());
        if (!rest.equals(composeFile) && tree.isFile(rest)) return true;
      }
    }
    return false;
  }

  private static boolean downloads(String urlTail, String file) {
    String url = urlTail.replaceAll("[?#].*$", "");
    if (file.indexOf('/') > 0) return url.endsWith("/" + file);
    java.util.regex.Matcher m = RAW_ROOT_FILE.matcher(url);
    return m.find() && m.end() == url.length() && m.group(1).equals(file);
  }

  public java.util.Map<String, String> copies() {
    return copies(produced);
  }

  /** Each produced path that is a copy of one source (ambiguous ones left out). */
  private static java.util.Map<String, String> copies(List<Produced> produced) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    java.util.Set<String> ambiguous = new java.util.HashSet<>();
    for (Produced p : produced) {
      if (p.from().isEmpty() || p.path().isEmpty()) continue;
      String prev = out.putIfAbsent(p.path(), p.from().get());
      if (prev != null && !prev.equals(p.from().get())) ambiguous.add(p.path());
    }
    ambiguous.forEach(out::remove);
    return out;
  }

  /**
   * The first sentence of the repository's documents that tells the reader to create a file of
   * {@code path}'s name ("create a `.env` file in the root": electerious/Ackee's docs/Get
   * started.md); the sentence may mean another directory's file of that name.
   */
  public Optional<Produced> describedCreation(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String dir = path.lastIndexOf('/') < 0 ? "" : path.substring(0, path.lastIndexOf('/'));
    // a document about this place: a README of the file's directory or one above it, or a page
    // of a documentation tree (docs/) of such a directory; not an unrelated example's (chroma's
    // examples/chat_with_your_documents/README.md says to create its own .env)
    // a sentence that names the file's directory ("the `.env_eval` file in
    // `deployment/docker_compose`", from the root or from the document's directory) means this
    // file wherever the document is
    return described.stream().filter(d -> {
      String written = d.path();
      String docDir = ScriptReaders.parent(d.range().file());
      if (written.equals(path) || (!docDir.isEmpty() && path.equals(docDir + "/" + written))) {
        return true;
      }
      String writtenName = written.substring(written.lastIndexOf('/') + 1);
      return writtenName.equals(name) && covers(docsBase(d.range().file()), dir);
    }).findFirst();
  }

  /** A docs page stands for the directory that holds its docs tree; a README for its own. */
  private static String docsBase(String document) {
    // a file directly in that directory, as covers() reads a document's path
    return dev.berth.project.FileKinds.docsTreeParent(document)
        .map(p -> p.isEmpty() ? "x" : p + "/x").orElse(document);
  }

  private static boolean covers(String document, String dir) {
    int slash = document.lastIndexOf('/');
    String docDir = slash < 0 ? "" : document.substring(0, slash);
    return docDir.isEmpty() || dir.equals(docDir) || dir.startsWith(docDir + "/");
  }

  /**
   * A command that creates this root-relative path, a directory above it or a file below it
   * (writing {@code build/app} leaves the directory {@code build}: {@code go build -o} makes it),
   * if any.
   */
  public Optional<Produced> producer(String path) {
    for (Produced p : produced) {
      if (p.path().isEmpty()) {
        // an archive extracted in the root puts files of unknown names there
        if (p.how().equals(Produced.EXTRACTED) && !path.isEmpty() && path.indexOf('/') < 0) {
          return Optional.of(p);
        }
        continue;
      }
      if (path.equals(p.path()) || path.startsWith(p.path() + "/")
          || (!path.isEmpty() && p.path().startsWith(path + "/"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
