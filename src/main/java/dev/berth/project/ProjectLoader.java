package dev.berth.project;

import dev.berth.compose.ComposeLoadResult;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeOptions;
import dev.berth.compose.ComposeProject;
import dev.berth.config.BerthConfig;
import dev.berth.context.GitIgnores;
import dev.berth.context.PathGlob;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileParser;
import dev.berth.evidence.RepoEvidence;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    return load(root, targets, config, compose, java.nio.file.Files::newDirectoryStream);
  }

  /**
   * As above, plus a Dockerfile read from standard input ({@code berth -}): its text is linted as
   * the file at its path (which need not exist), in the project on disk around it, and nothing
   * else is linted unless {@code targets} names it.
   */
  public static Project load(Path root, List<Path> targets, BerthConfig config,
      ComposeOptions compose, Optional<SourceFile> stdin) {
    return load(root, targets, config, compose, java.nio.file.Files::newDirectoryStream, stdin);
  }

  /** As above, listing directories with {@code lister} (tests make a listing fail). */
  static Project load(Path root, List<Path> targets, BerthConfig config, ComposeOptions compose,
      FileTree.Lister lister) {
    return load(root, targets, config, compose, lister, Optional.empty());
  }

  private static Project load(Path root, List<Path> targets, BerthConfig config,
      ComposeOptions compose, FileTree.Lister lister, Optional<SourceFile> stdin) {
    Path absRoot = root.toAbsolutePath().normalize();
    List<Diagnostic> diagnostics = new ArrayList<>();
    FileTree tree = scan(absRoot, diagnostics, lister);
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

    Map<String, ProjectFile> selected = stdin.isPresent() && targets.isEmpty()
        ? new LinkedHashMap<>()
        : select(absRoot, tree, targets, config, gitIgnores, diagnostics);
    // Standard input is a Dockerfile or a compose file, by the name it stands for.
    stdin.ifPresent(s -> selected.put(s.path(), new ProjectFile(s.path(),
        FileKinds.classify(s.path().substring(s.path().lastIndexOf('/') + 1)) == ProjectFile.Kind.COMPOSE
            ? ProjectFile.Kind.COMPOSE : ProjectFile.Kind.DOCKERFILE)));
    reportUnreadable(tree, config, gitIgnores, diagnostics);
    List<ProjectFile> files = new ArrayList<>(selected.values());
    if (compose.onlyGroups()) {
      // -f: the named compose files are the whole set; others under the targets are not linted.
      List<String> named = compose.groups().stream().flatMap(List::stream).toList();
      files.removeIf(f -> f.kind() == ProjectFile.Kind.COMPOSE && !named.contains(f.path()));
    }
    Set<String> explicit = explicitFiles(absRoot, targets);

    // Reading and parsing are independent per file: do them in parallel, keep file order.
    // Compose files are read by the compose loader, which follows includes, extends and .env.
    List<String> composeFiles = files.stream()
        .filter(f -> f.kind() == ProjectFile.Kind.COMPOSE).map(ProjectFile::path).toList();
    List<Loaded> loaded = files.stream()
        .filter(f -> f.kind() != ProjectFile.Kind.COMPOSE)
        .toList()
        .parallelStream()
        .map(f -> stdin.filter(s -> s.path().equals(f.path())).isPresent()
            ? parsed(stdin.get(), f, true, new ArrayList<>())
            : load(absRoot, tree, f, explicit.contains(f.path())))
        .toList();
    List<Dockerfile> dockerfiles = new ArrayList<>();
    List<SourceFile> sources = new ArrayList<>();
    for (Loaded l : loaded) {
      diagnostics.addAll(l.diagnostics);
      if (l.template) files.removeIf(f -> f.path().equals(l.source.orElseThrow().path()));
      l.source.ifPresent(s -> {
        sources.add(s);
        supportByPath.remove(s.path());
      });
      // A Dockerfile BuildKit refuses but berth read (unknown instruction, bad flag) is a
      // finding (BTH001, governed by --fail-level), not a diagnostic: its parse errors stay on
      // the Dockerfile for that rule, so each is reported once.
      l.dockerfile.ifPresent(dockerfiles::add);
    }
    List<ComposeProject> composeProjects = List.of();
    dev.berth.compose.EnvFileErrors envFileErrors = new dev.berth.compose.EnvFileErrors(List.of());
    Optional<RepoEvidence> evidence = Optional.empty();
    // A Dockerfile without FROM that a repository command appends to another one (growthbook's
    // preview workflow: cat Dockerfile preview/Dockerfile.append > preview/Dockerfile.generated)
    // is a fragment: BuildKit never builds it alone, so it is not linted alone.
    // So is one a Dockerfile pulls into its stage with INCLUDE under a frontend that has it
    // (shinsenter/php's `# syntax = ghcr.io/shinsenter/dockerfile-x:v1` and
    // `INCLUDE ./common/os-common`, devthefuture/dockerfile-x's README: INCLUDE "incorporates
    // content as is from other Dockerfiles or snippets").
    if (dockerfiles.stream().anyMatch(d -> d.finalStage().isEmpty())) {
      Set<String> included = IncludedFragments.of(dockerfiles);
      evidence = Optional.of(earlyEvidence(absRoot, config, files, sources, tree));
      Set<String> appended = evidence.get().appendedParts();
      for (Dockerfile d : List.copyOf(dockerfiles)) {
        if (d.finalStage().isPresent()) continue;
        boolean isIncluded = included.contains(d.path());
        if (!isIncluded && !appended.contains(d.path())) continue;
        dockerfiles.remove(d);
        files.removeIf(f -> f.path().equals(d.path()));
        diagnostics.add(new Diagnostic(Range.wholeFile(d.path()), Diagnostic.Kind.SKIPPED,
            isIncluded
                ? "a fragment another Dockerfile's INCLUDE pulls into its stage (a custom"
                    + " # syntax= frontend), not a Dockerfile Docker builds alone: not linted"
                : "a fragment a repository command appends to another Dockerfile (cat ... > ...),"
                    + " not a Dockerfile Docker builds alone: not linted"));
      }
    }
    // A per-language sample of a code tool (plandex's syntax/file_map/examples/dockerfile_example
    // beside go_example.go and bash_example.sh): text its parser tests read, not a Dockerfile
    // anybody builds. Named on the command line, it is linted.
    for (Dockerfile d : List.copyOf(dockerfiles)) {
      if (explicit.contains(d.path()) || !languageSample(tree, d.path())) continue;
      dockerfiles.remove(d);
      files.removeIf(f -> f.path().equals(d.path()));
      diagnostics.add(new Diagnostic(Range.wholeFile(d.path()), Diagnostic.Kind.SKIPPED,
          "one of a directory's per-language samples (its siblings are named for other languages"
              + " with the same suffix), text a code tool reads, not a Dockerfile anybody builds:"
              + " not linted (name it on the command line to lint it)"));
    }
    // Files of other names the repository's commands or setup documents give Compose or a Swarm
    // stack (`docker stack deploy -c examples/standalone.yaml`): compose files of the project.
    if (!compose.onlyGroups()) {
      if (evidence.isEmpty()) {
        evidence = Optional.of(earlyEvidence(absRoot, config, files, sources, tree));
      }
      List<String> named = namedComposeFiles(absRoot, tree, targets, config, gitIgnores,
          evidence.get(), selected.keySet());
      if (!named.isEmpty()) {
        composeFiles = new ArrayList<>(composeFiles);
        for (String n : named) {
          composeFiles.add(n);
          files.add(new ProjectFile(n, ProjectFile.Kind.COMPOSE));
        }
      }
    }
    if (!composeFiles.isEmpty()) {
      if (!compose.onlyGroups()) {
        // How the repository's scripts run compose decides which files form a project: read it
        // from the tree before the compose files are grouped (the fact is kept, not recomputed).
        if (evidence.isEmpty()) {
          evidence = Optional.of(earlyEvidence(absRoot, config, files, sources, tree));
        }
        Set<String> lintedCompose = new HashSet<>(composeFiles);
        compose = compose.withInvocations(ScriptedCompose.of(evidence.get(), tree,
                lintedCompose::contains))
            .withCopies(evidence.get().copies());
        // A compose file the repository's scripts copy over another directory's override name
        // (mailcow's image workflow: cp .../BUILD_FLAGS/docker-compose.override.yml
        // docker-compose.override.yml) is only ever read there, on top of that directory's
        // files: not a project of its own.
        Set<String> templates = Set.copyOf(evidence.get().overrideCopies().values());
        composeFiles = new ArrayList<>(composeFiles);
        composeFiles.removeIf(templates::contains);
        files.removeIf(f -> templates.contains(f.path()));
      }
      if (stdin.isPresent() && composeFiles.contains(stdin.get().path())) {
        compose = compose.withUnsaved(stdin.get());
      }
      ComposeLoadResult result = ComposeLoader.load(absRoot, composeFiles, compose,
          caseSensitive(absRoot, tree) ? tree::surelyAbsent : p -> false);
      composeProjects = result.projects();
      diagnostics.addAll(result.diagnostics());
      envFileErrors = result.envFileErrors();
      for (SourceFile f : result.sourcesRead()) {
        supportByPath.remove(f.path());
        sources.add(f);
      }
    }
    sources.addAll(supportByPath.values());
    // an ignore file is read once as support and again when linted: one problem, one line
    List<Diagnostic> distinct = diagnostics.stream().distinct().toList();
    Project.Builder b = Project.builder(absRoot, config)
        .files(files)
        .dockerfiles(dockerfiles)
        .composeProjects(composeProjects)
        .sources(sources)
        .diagnostics(distinct)
        .fileTree(tree);
    evidence.ifPresent(e -> b.fact(RepoEvidence.class, e));
    b.fact(dev.berth.compose.EnvFileErrors.class, envFileErrors);
    return b.build();
  }

  /** What the repository's scripts, recipes and CI do, read before the project is complete. */
  private static RepoEvidence earlyEvidence(Path root, BerthConfig config,
      List<ProjectFile> files, List<SourceFile> sources, FileTree tree) {
    return RepoEvidence.of(Project.builder(root, config).files(files).sources(sources)
        .fileTree(tree).build());
  }

  /**
   * Whether names on this disk differ by case (Linux; not macOS's or Windows' default): only then
   * does a name the walk did not record prove a file absent ({@code .ENV} opens {@code .env}
   * elsewhere). One lookup: a recorded name with its letters' case swapped. Unknown (no such
   * name, or the lookup fails) counts as not sensitive, which only costs disk lookups.
   */
  private static boolean caseSensitive(Path root, FileTree tree) {
    Optional<String> sample = tree.all().map(FileTree.Entry::path)
        .filter(p -> !p.equals(swapCase(p))).findFirst();
    if (sample.isEmpty()) return false;
    String swapped = swapCase(sample.get());
    if (tree.get(swapped).isPresent()) return false;
    try {
      return !java.nio.file.Files.exists(root.resolve(swapped),
          java.nio.file.LinkOption.NOFOLLOW_LINKS);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String swapCase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return b.toString();
  }

  private static FileTree scan(Path root, List<Diagnostic> diagnostics, FileTree.Lister lister) {
    try {
      return FileTree.scan(root, MAX_TREE_ENTRIES, lister);
    } catch (IOException e) {
      diagnostics.add(new Diagnostic(Range.wholeFile("."), Diagnostic.Kind.IO_ERROR,
          "cannot read the project root: " + e.getMessage()));
      return FileTree.of(List.of(new FileTree.Entry("", FileTree.Kind.DIRECTORY, 0,
          Optional.empty(), false, false)), false);
    }
  }

  /**
   * @param template the file is a template (not linted), and {@code diagnostics} says so
   */
  private record Loaded(Optional<SourceFile> source, Optional<Dockerfile> dockerfile,
      List<Diagnostic> diagnostics, boolean template) {}

  private static Loaded load(Path root, FileTree tree, ProjectFile file, boolean named) {
    List<Diagnostic> diags = new ArrayList<>();
    Optional<SourceFile> source = read(root, tree, file.path(), diags);
    return source.isEmpty() ? new Loaded(source, Optional.empty(), diags, false)
        : parsed(source.get(), file, named, diags, devcontainerTemplate(tree, file.path()));
  }

  /**
   * A file of a Dev Container Template: a directory above it holds devcontainer-template.json,
   * and the devcontainer CLI replaces the {@code ${templateOption:NAME}} placeholders in its
   * files when a user applies it (containers.dev/implementors/templates, "Options").
   */
  private static boolean devcontainerTemplate(FileTree tree, String path) {
    for (String dir = dev.berth.context.Paths.parent(path); ;
        dir = dev.berth.context.Paths.parent(dir)) {
      if (tree.isFile(dir.isEmpty() ? "devcontainer-template.json"
          : dir + "/devcontainer-template.json")) {
        return true;
      }
      if (dir.isEmpty()) return false;
    }
  }

  private static Loaded parsed(SourceFile text, ProjectFile file, boolean named,
      List<Diagnostic> diags) {
    return parsed(text, file, named, diags, false);
  }

  private static Loaded parsed(SourceFile text, ProjectFile file, boolean named,
      List<Diagnostic> diags, boolean inDevcontainerTemplate) {
    Optional<SourceFile> source = Optional.of(text);
    Optional<Dockerfile> df = Optional.empty();
    if (source.isPresent() && file.kind() == ProjectFile.Kind.DOCKERFILE) {
      df = Optional.of(DockerfileParser.parse(source.get()));
      boolean templateOptions = inDevcontainerTemplate
          && text.text().contains("${templateOption:");
      if (!named && (templateOptions || isTemplate(df.get())
          || renderedFromTemplateDir(file.path(), df.get()))) {
        diags.add(new Diagnostic(Range.wholeFile(file.path()), Diagnostic.Kind.SKIPPED,
            "a template (template tags or placeholders where BuildKit expects instructions), not a"
                + " Dockerfile Docker builds as it is: not linted"));
        return new Loaded(source, Optional.empty(), diags, true);
      }
    }
    return new Loaded(source, df, diags, false);
  }

  /**
   * The Dockerfile's text with its here-documents' bodies and comments left out: a file a RUN
   * writes is in the file's own language (stack-auth's freestyle-mock writes JavaScript with
   * {@code `http://${req.headers.host}`}), and BuildKit reads no placeholder in a comment.
   */
  private static String instructionText(Dockerfile df) {
    StringBuilder b = new StringBuilder();
    java.util.Set<Integer> skip = new java.util.HashSet<>();
    for (dev.berth.dockerfile.Instruction i : df.instructions()) {
      List<dev.berth.dockerfile.Heredoc> docs = i instanceof dev.berth.dockerfile.Instruction.Run r
          ? r.heredocs()
          : i instanceof dev.berth.dockerfile.Instruction.FileTransfer t ? t.heredocs() : List.of();
      for (dev.berth.dockerfile.Heredoc h : docs) {
        for (int l = h.range().startLine(); l <= h.range().endLine(); l++) skip.add(l);
      }
    }
    for (int l = 1; l <= df.source().lineCount(); l++) {
      if (!skip.contains(l) && !df.source().lineText(l).stripLeading().startsWith("#")) {
        b.append(df.source().lineText(l)).append('\n');
      }
    }
    return b.toString();
  }

  /**
   * BuildKit refuses a line of it, and that line holds a template tag ({@code {% if %}}) or is a
   * {@code %%PLACEHOLDER%%}.
   */
  private static boolean isTemplate(Dockerfile df) {
    // Maven or Gradle resource filtering fills `${docker.base.image}` and `${pkg.name}` before
    // Docker sees the file (thingsboard's msa/*/docker/Dockerfile); a shell or Dockerfile
    // variable name never holds a dot, so BuildKit would refuse every such line.
    // the whole text first: the instructions' own text is built only for a file that has one
    if (FileKinds.hasDottedPlaceholder(df.source().text())
        && FileKinds.hasDottedPlaceholder(instructionText(df))) {
      return true;
    }
    for (Diagnostic d : df.diagnostics()) {
      int line = d.range().startLine();
      if (d.kind() == Diagnostic.Kind.PARSE_ERROR && line <= df.source().lineCount()
          && (FileKinds.hasTemplateTag(df.source().lineText(line))
              || FileKinds.isPlaceholderLine(df.source().lineText(line)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A Dockerfile in a template directory ({@code tmpl/}, {@code template/}, {@code templates/}) or
   * named as one ({@code tmplv3.Dockerfile}, {@code Dockerfile.model}) that BuildKit refuses, or
   * whose FROM holds a format field ({@code php:{PHP_TAG}}) or uses a variable no ARG declares
   * (BTH015's expansion: a platform ARG or a {@code ${VAR:-default}} is no such variable):
   * placeholders a script fills (traefik-library-image's update.sh runs
   * {@code envsubst $ALPINE_VERSION,$VERSION < tmpl/alpine/tmplv3.Dockerfile >
   * v3.7/alpine/Dockerfile}). The rendered Dockerfiles are linted.
   */
  private static boolean renderedFromTemplateDir(String path, Dockerfile df) {
    if (!FileKinds.templatePath(path)) return false;
    if (df.unparsable()) return true;
    dev.berth.dockerfile.Expander ex = new dev.berth.dockerfile.Expander(df.escape());
    dev.berth.dockerfile.Vars global = dev.berth.dockerfile.StageResolver.globalArgs(df, null);
    return df.stages().stream()
        .anyMatch(st -> !ex.word(st.from().image().text(), global).unset().isEmpty()
            || FORMAT_FIELD.matcher(st.from().image().text()).find());
  }

  /**
   * A Python format field in an image reference ({@code FROM php:{PHP_TAG}}, which
   * PrestaShop/docker's generator fills with str.format): no image name holds braces.
   */
  private static final java.util.regex.Pattern FORMAT_FIELD = java.util.regex.Pattern.compile(
      "(?<!\\$)\\{[A-Za-z_][A-Za-z0-9_]*+}");

  /** The targets that are files, root-relative: named explicitly, they are always linted. */
  private static Set<String> explicitFiles(Path root, List<Path> targets) {
    Set<String> out = new HashSet<>();
    for (Path t : targets) {
      Path abs = (t.isAbsolute() ? t : root.resolve(t.toString())).normalize();
      if (abs.startsWith(root) && !Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
        out.add(FileTree.relative(root, abs));
      }
    }
    return out;
  }

  /**
   * Every .gitignore, .dockerignore and *.dockerignore outside pruned dirs, .git/info/exclude, and
   * the framework settings modules that say what an app reads at run time (Django settings.py).
   */
  private static List<SourceFile> readSupportFiles(Path root, FileTree tree,
      List<Diagnostic> diagnostics) {
    List<String> paths = tree.all()
        .filter(e -> e.kind() == FileTree.Kind.FILE)
        .filter(e -> e.name().equals(".gitignore") || e.name().endsWith(".dockerignore")
            || FileKinds.isAppSettings(e.path()))
        .filter(e -> !insidePruned(tree, e.path()))
        .map(FileTree.Entry::path)
        .toList();
    // read in parallel (a large tree has an ignore file per context), kept in path order
    record Got(Optional<SourceFile> file, List<Diagnostic> diagnostics) {}
    List<Got> got = paths.parallelStream().map(p -> {
      List<Diagnostic> d = new ArrayList<>(1);
      return new Got(read(root, tree, p, d), d);
    }).toList();
    List<SourceFile> out = new ArrayList<>();
    for (Got g : got) {
      diagnostics.addAll(g.diagnostics());
      g.file().ifPresent(out::add);
    }
    if (tree.isDirectory(".git")) {
      // git's own exclude file is optional knowledge: refused or absent means "no extra patterns"
      if (SafeRead.read(root, null, ".git/info/exclude", MAX_FILE_BYTES) instanceof SafeRead.Text t) {
        out.add(t.file());
      }
    }
    return out;
  }

  /**
   * A directory the walk could not list hides whatever it holds, so it is reported (exit 2)
   * unless the configuration or git ignores it: then its files would not be linted anyway.
   */
  private static void reportUnreadable(FileTree tree, BerthConfig config, GitIgnores gitIgnores,
      List<Diagnostic> diagnostics) {
    List<PathGlob> ignores = ignoreMatchers(config);
    tree.unreadable().forEach((dir, why) -> {
      if (ignores.stream().anyMatch(m -> m.matches(dir)) || gitIgnores.isIgnored(dir)) {
        return;
      }
      diagnostics.add(new Diagnostic(Range.wholeFile(dir), Diagnostic.Kind.IO_ERROR,
          "cannot list directory: " + why + "; the files in it are not linted"));
    });
  }

  /** The configuration's ignore globs (checked when it was read; a bad one matches nothing). */
  private static List<PathGlob> ignoreMatchers(BerthConfig config) {
    List<PathGlob> out = new ArrayList<>();
    for (String g : config.ignore()) {
      try {
        out.add(PathGlob.compile(g));
      } catch (PathGlob.Invalid e) {
        // BerthConfigLoader reported it; a configuration built in code is trusted
      }
    }
    return out;
  }

  private static Map<String, ProjectFile> select(Path root, FileTree tree, List<Path> targets,
      BerthConfig config, GitIgnores gitIgnores, List<Diagnostic> diagnostics) {
    List<PathGlob> ignores = ignoreMatchers(config);
    Map<String, ProjectFile> out = new LinkedHashMap<>();
    Map<String, Integer> templates = new LinkedHashMap<>();
    Map<String, Integer> vendored = new LinkedHashMap<>();
    Map<String, Integer> retiredDirs = new LinkedHashMap<>();
    List<Path> effective = targets.isEmpty() ? List.of(root) : targets;
    for (Path target : effective) {
      Optional<String> inRoot = underRoot(root, target);
      if (inRoot.isEmpty()) {
        diagnostics.add(new Diagnostic(Range.wholeFile(target.toString().replace('\\', '/')),
            Diagnostic.Kind.CONFIG, "outside the project root " + root + "; not linted"));
        continue;
      }
      String rel = inRoot.get();
      Optional<FileTree.Entry> entry = tree.get(rel);
      if (entry.isEmpty()) {
        diagnostics.add(new Diagnostic(Range.wholeFile(rel), Diagnostic.Kind.IO_ERROR,
            "no such file or directory"));
      } else if (entry.get().kind() == FileTree.Kind.DIRECTORY) {
        // the name first: it is a look at a few characters, and only Dockerfiles, compose
        // files and ignore files are kept below, so the ancestor and ignore checks are asked
        // about those alone, not about every file of a monorepo
        List<FileTree.Entry> found = tree.under(rel)
            .filter(e -> e.kind() != FileTree.Kind.DIRECTORY
                && FileKinds.classify(e.name()) != ProjectFile.Kind.OTHER)
            .filter(e -> !excluded(tree, ignores, gitIgnores, e.path()))
            .toList();
        for (FileTree.Entry e : found) {
          ProjectFile.Kind kind = FileKinds.classify(e.name());
          if (kind == ProjectFile.Kind.OTHER || out.containsKey(e.path())) continue;
          if (kind != ProjectFile.Kind.DOCKERIGNORE) {
            // Below a template placeholder ({{cookiecutter.project_slug}}/...) nothing is built
            // as it is: counted once per placeholder, not linted.
            Optional<String> template = FileKinds.templateRoot(e.path());
            if (template.isPresent()) {
              templates.merge(template.get(), 1, Integer::sum);
              continue;
            }
            Optional<String> vendor = vendoredRoot(tree, e.path());
            if (vendor.isPresent()) {
              vendored.merge(vendor.get(), 1, Integer::sum);
              continue;
            }
            Optional<String> retired = retiredRoot(e.path());
            if (retired.isPresent()) {
              retiredDirs.merge(retired.get(), 1, Integer::sum);
              continue;
            }
          }
          if (kind == ProjectFile.Kind.COMPOSE && !composeAfterAll(root, tree, e.path(), diagnostics)) {
            continue;
          }
          out.put(e.path(), new ProjectFile(e.path(), kind));
        }
      } else {
        // Named explicitly: lint it whatever its name, as a Dockerfile unless it looks like compose.
        ProjectFile.Kind kind = FileKinds.classify(entry.get().name());
        if (kind == ProjectFile.Kind.OTHER) kind = looksLikeYaml(rel) ? ProjectFile.Kind.COMPOSE
            : ProjectFile.Kind.DOCKERFILE;
        out.putIfAbsent(rel, new ProjectFile(rel, kind));
      }
    }
    templates.forEach((dir, n) -> diagnostics.add(new Diagnostic(Range.wholeFile(dir),
        Diagnostic.Kind.SKIPPED, "a template placeholder: " + belowIt(n)
            + " rendered by a generator before Docker sees them, so not linted")));
    retiredDirs.forEach((dir, n) -> diagnostics.add(new Diagnostic(Range.wholeFile(dir),
        Diagnostic.Kind.SKIPPED, "a directory named for files kept on record: " + belowIt(n)
            + " taken for ones nothing builds or runs any more, so not linted (name one on the"
            + " command line to lint it)")));
    vendored.forEach((dir, n) -> diagnostics.add(new Diagnostic(Range.wholeFile(dir),
        Diagnostic.Kind.SKIPPED, "a dependency vendored into the repository (a package"
            + " manager's vendor/, or another project's release copied under lib/ or the like): "
            + belowIt(n)
            + " a dependency's own, which this project does not build, so not linted")));
    return out;
  }

  /** A lint target as a root-relative path; empty when it is outside the root. */
  private static Optional<String> underRoot(Path root, Path target) {
    Path abs = (target.isAbsolute() ? target : root.resolve(target.toString())).normalize();
    return abs.startsWith(root) ? Optional.of(FileTree.relative(root, abs)) : Optional.empty();
  }

  /**
   * Left out of linting: below a directory the walk prunes, matched by the configuration's
   * ignore patterns, or ignored by git.
   */
  private static boolean excluded(FileTree tree, List<PathGlob> ignores, GitIgnores gitIgnores,
      String path) {
    return insidePruned(tree, path) || ignores.stream().anyMatch(m -> m.matches(path))
        || gitIgnores.isIgnored(path);
  }

  /**
   * The files the repository's commands and setup documents name as compose files whose names
   * berth does not take for compose files ({@link RepoEvidence#namedComposeFiles}): each must be a
   * YAML file under a lint target, not ignored (configuration, .gitignore, a template or vendored
   * tree), whose top-level keys are Compose's and include {@code services}.
   */
  private static List<String> namedComposeFiles(Path root, FileTree tree, List<Path> targets,
      BerthConfig config, GitIgnores gitIgnores, RepoEvidence evidence, Set<String> selected) {
    List<PathGlob> ignores = ignoreMatchers(config);
    List<String> dirs = new ArrayList<>();
    for (Path t : targets.isEmpty() ? List.of(root) : targets) {
      underRoot(root, t).filter(rel -> tree.get(rel)
          .filter(e -> e.kind() == FileTree.Kind.DIRECTORY).isPresent()).ifPresent(dirs::add);
    }
    List<String> out = new ArrayList<>();
    for (String path : evidence.namedComposeFiles()) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (selected.contains(path) || out.contains(path) || !tree.isFile(path)
          || !(name.endsWith(".yml") || name.endsWith(".yaml"))
          || FileKinds.classify(name) != ProjectFile.Kind.OTHER) {
        continue;
      }
      boolean inTarget = dirs.stream().anyMatch(d -> d.isEmpty() || d.equals(".")
          || path.startsWith(d + "/"));
      if (!inTarget || excluded(tree, ignores, gitIgnores, path)
          || FileKinds.templateRoot(path).isPresent() || vendoredRoot(tree, path).isPresent()
          || retiredRoot(path).isPresent()) {
        continue;
      }
      Optional<SourceFile> text = read(root, tree, path, new ArrayList<>());
      if (text.isPresent() && !FileKinds.isYamlTemplate(text.get().text())
          && FileKinds.composeWithServices(text.get().text())) {
        out.add(path);
      }
    }
    return out;
  }

  /**
   * Whether a file with a compose-like name is one: not some other YAML (a GitHub workflow named
   * {@code test-docker-compose.yml}), and not a template that a generator renders first (the
   * latter is said as a note). Unreadable files count as compose: the compose loader reports them.
   */
  private static boolean composeAfterAll(Path root, FileTree tree, String path,
      List<Diagnostic> diagnostics) {
    Optional<SourceFile> text = read(root, tree, path, new ArrayList<>());
    if (text.isEmpty()) return true;
    if (FileKinds.isYamlTemplate(text.get().text())) {
      diagnostics.add(new Diagnostic(Range.wholeFile(path), Diagnostic.Kind.SKIPPED,
          "a template (Jinja or Go template tags that are not YAML), not a compose file Docker"
              + " reads as it is: not linted"));
      return false;
    }
    if (FileKinds.isScriptletTemplate(path, text.get().text())) {
      diagnostics.add(new Diagnostic(Range.wholeFile(path), Diagnostic.Kind.SKIPPED,
          "a template (in a template directory, with scriptlet tags such as `<% if ... %>`), not"
              + " a compose file Docker reads as it is: not linted"));
      return false;
    }
    if (FileKinds.isDirectiveTemplate(path, text.get().text())) {
      diagnostics.add(new Diagnostic(Range.wholeFile(path), Diagnostic.Kind.SKIPPED,
          "a template (named so, with generator directives such as `#!for` in its comments),"
              + " not a compose file Docker reads as it is: not linted"));
      return false;
    }
    if (FileKinds.indentedFragment(text.get().text())) {
      diagnostics.add(new Diagnostic(Range.wholeFile(path), Diagnostic.Kind.SKIPPED,
          "a fragment (its keys are indented under no parent: a piece a script pastes into"
              + " another compose file), not a compose file Docker reads as it is: not linted"));
      return false;
    }
    return FileKinds.looksLikeCompose(text.get().text());
  }

  /**
   * A lowercase {@code dockerfile_example} (or {@code -example}, {@code _sample}) whose directory
   * holds two files or more named {@code WORD_SUFFIX} for other words, with extensions of their
   * own ({@code go_example.go}, {@code bash_example.sh}): one sample of a per-language collection.
   */
  static boolean languageSample(FileTree tree, String path) {
    String name = dev.berth.context.Paths.name(path);
    if (!name.startsWith("dockerfile") || name.length() < "dockerfile_x".length()
        || "_-".indexOf(name.charAt("dockerfile".length())) < 0) {
      return false;
    }
    String suffix = name.substring("dockerfile".length());
    // a sample by its name (`_example`): `dockerfile-dev` beside `requirements-dev.txt` is no
    // sample, it is the development image
    if (suffix.indexOf('.') >= 0 || !suffix.substring(1).matches("examples?|samples?")) {
      return false;
    }
    Set<String> extensions = new java.util.HashSet<>();
    tree.children(dev.berth.context.Paths.parent(path)).forEach(e -> {
      String n = e.name();
      int dot = n.lastIndexOf('.');
      String stem = dot > 0 ? n.substring(0, dot) : n;
      if (dot > 0 && stem.endsWith(suffix) && stem.length() > suffix.length()
          && !stem.toLowerCase(java.util.Locale.ROOT).startsWith("dockerfile")) {
        extensions.add(n.substring(dot + 1));
      }
    });
    return extensions.size() >= 2;
  }

  /**
   * Directory names that say their files are kept on record, not used: manticoresearch's
   * dist/build_dockers/retired/ ("This folder contains retired stuff"), skywalking-docker's
   * top-level archive/ of old releases' Dockerfiles. {@code archive} counts only at the top: a
   * service may be called archive.
   */
  private static final Set<String> RETIRED_NAMES = Set.of("retired", "deprecated", "obsolete",
      "archived");

  /** "the Dockerfile or compose file below it is", or the count of them. */
  private static String belowIt(int n) {
    return n == 1 ? "the Dockerfile or compose file below it is"
        : "the " + n + " Dockerfiles and compose files below it are";
  }

  /** The outermost directory of {@code path} named as kept on record, if any. */
  static Optional<String> retiredRoot(String path) {
    String[] parts = path.split("/");
    if (parts.length > 1 && parts[0].equalsIgnoreCase("archive")) return Optional.of(parts[0]);
    StringBuilder dir = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      if (i > 0) dir.append('/');
      dir.append(parts[i]);
      if (RETIRED_NAMES.contains(parts[i].toLowerCase(java.util.Locale.ROOT))) {
        return Optional.of(dir.toString());
      }
    }
    return Optional.empty();
  }

  /** Directories projects copy other projects' releases into (deps/, lib/, third_party/ ...). */
  private static final Set<String> THIRD_PARTY_DIRS = Set.of("lib", "libs", "deps", "third_party",
      "thirdparty", "third-party", "external", "externals", "extern", "contrib");

  /** The version after a release directory's last dash: {@code 1.2.3}, {@code v1.2}. */
  private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile(
      "v?+\\d++(?:\\.\\d++)++");

  /** {@code NAME-1.2.3} or {@code NAME-v1.2}: a release's directory, named as its tarball. */
  private static boolean releaseCopy(String name) {
    int dash = name.lastIndexOf('-');
    return dash > 0 && Character.isLetter(name.charAt(0))
        && VERSION.matcher(name.substring(dash + 1)).matches();
  }

  /**
   * The {@code vendor/} directory of a package manager above {@code path}, if any: Composer's
   * (an {@code autoload.php} in it, or a {@code composer.json} beside it) or Go's (a
   * {@code modules.txt} in it). The Dockerfiles and compose files of vendored dependencies
   * (mailcow's data/web/inc/lib/vendor/matthiasmullie/minify/docker-compose.yml) are the
   * dependencies' own development setups, shipped without the files they mount.
   */
  public static Optional<String> vendoredRoot(FileTree tree, String path) {
    int from = 0;
    String previous = "";
    for (String part : path.split("/")) {
      int end = from + part.length();
      // a release of another project copied in by its name and version, under a directory
      // that holds such copies (fluent-bit's lib/nghttp2-1.65.0 and
      // lib/wasm-micro-runtime-WAMR-2.4.1, whose own Dockerfiles fluent-bit never builds)
      if (end < path.length() && THIRD_PARTY_DIRS.contains(previous)
          && releaseCopy(part)) {
        return Optional.of(path.substring(0, end));
      }
      previous = part.toLowerCase(java.util.Locale.ROOT);
      if (part.equals("vendor") && end < path.length()) {
        String dir = path.substring(0, end);
        String parent = from == 0 ? "" : path.substring(0, from - 1);
        String beside = parent.isEmpty() ? "composer.json" : parent + "/composer.json";
        if (tree.get(dir + "/autoload.php").isPresent() || tree.get(dir + "/modules.txt").isPresent()
            || tree.get(beside).isPresent()) {
          return Optional.of(dir);
        }
      }
      from = end + 1;
    }
    return Optional.empty();
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
