package dev.berth.context;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.project.AppSources;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.project.ScanLimits;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fact: application code a build copies that needs files outside its context. Reads the
 * package.json and *.py files the build's COPY/ADD instructions bring in (bounded: see
 * {@link #MAX_FILES}; files through {@link AppSources}) and finds Node path and workspace
 * dependencies that leave the context, and Python code that extends {@code sys.path} above the
 * context or imports a package that exists only outside it. Precise by construction: anything
 * it cannot resolve is left out.
 */
public final class AppImports {
  /** Per build and per kind of file, so a huge context cannot stall the run. */
  static final int MAX_FILES = 500;

  private static final Set<String> DEP_SECTIONS = Set.of("dependencies", "devDependencies",
      "optionalDependencies", "peerDependencies");
  /** Directories that hold installed or generated code, never the application's own. */
  private static final Set<String> SKIP_DIRS = Set.of("node_modules", ".venv", "venv",
      "site-packages", "__pycache__", ".git", ".tox", ".mypy_cache", ".pytest_cache", "dist",
      "build", ".next");
  private static final Set<String> PY_MANIFESTS = Set.of("pyproject.toml", "setup.py",
      "setup.cfg", "Pipfile");
  // Possessive: \w* and [\w.]* overlap, and a failing "from aaaa..." backtracked quadratically.
  private static final Pattern IMPORT = Pattern.compile("^\\s*+import\\s++([^#;]+)");
  private static final Pattern FROM =
      Pattern.compile("^\\s*+from\\s++([A-Za-z_]\\w*+)[\\w.]*+\\s++import\\b");
  private static final Pattern SYS_PATH_CALL = Pattern.compile("\\bsys\\.path\\.(?:insert|append)\\s*+\\(");
  private static final Pattern PATH_PROTOCOL = Pattern.compile("^(?:file|link|portal):(.+)$");
  /** Made on first use: a project without package.json never loads Jackson. */
  private static final class Json {
    static final JsonFactory FACTORY = new JsonFactory();
  }

  private final Project project;
  private final BuildContexts contexts;
  private final AppSources files;
  private final Map<BuildContext, List<OutsideImport>> cache = new ConcurrentHashMap<>();
  /** Per context directory: the services of a monorepo often share one context. */
  private final Map<String, Set<String>> declaredByDir = new ConcurrentHashMap<>();

  private AppImports(Project project) {
    this.project = project;
    this.contexts = BuildContexts.of(project);
    this.files = AppSources.of(project);
  }

  public static AppImports of(Project project) {
    return project.fact(AppImports.class, AppImports::new);
  }

  /** What the application code one build copies needs from outside its context, in file order. */
  public List<OutsideImport> outside(BuildContext build) {
    return cache.computeIfAbsent(build, this::compute);
  }

  private List<OutsideImport> compute(BuildContext build) {
    Optional<ContextFiles> cf = contexts.files(build);
    Optional<Dockerfile> df = project.dockerfile(build.dockerfile());
    if (cf.isEmpty() || df.isEmpty() || build.inlineDockerfile()) return List.of();
    List<SourceMatch> copied = copied(build, df.get());
    if (copied.isEmpty()) return List.of();
    String dir = cf.get().dir();
    List<String> packageJsons = new ArrayList<>();
    List<String> pythonFiles = new ArrayList<>();
    project.fileTree().under(dir)
        .filter(e -> e.kind() == FileTree.Kind.FILE)
        .map(e -> Paths.relativize(dir, e.path()))
        .filter(p -> !inSkippedDir(p))
        .filter(p -> isCopied(p, copied) && cf.get().presence(p) != ContextFiles.Presence.EXCLUDED)
        .forEach(p -> {
          if (Paths.name(p).equals("package.json")) {
            if (packageJsons.size() < MAX_FILES) packageJsons.add(p);
            else limitHit(dir, "package.json");
          } else if (p.endsWith(".py")) {
            if (pythonFiles.size() < MAX_FILES) pythonFiles.add(p);
            else limitHit(dir, "*.py");
          }
        });
    List<OutsideImport> out = new ArrayList<>();
    // the RUN scripts of the reachable stages, read once for every question below
    List<String> runs = runTexts(build, df.get()).toList();
    if (!rewritesPackageJson(runs) && installsNodePackages(runs)) {
      Set<String> packageDirs = new java.util.HashSet<>();
      for (String p : packageJsons) packageDirs.add(Paths.parent(p));
      List<String> installPlaces = new ArrayList<>(runs);
      for (Instruction i : df.get().instructions()) {
        if (i instanceof Instruction.Workdir w) installPlaces.add(w.path().text());
      }
      List<String> supplied = suppliedFromOutside(df.get());
      for (String p : packageJsons) {
        if (notInstalled(cf.get(), Paths.parent(p), packageDirs, installPlaces)) continue;
        node(cf.get(), p, supplied, out);
      }
    }
    if (!pythonFiles.isEmpty()) {
      Set<String> declared = new java.util.HashSet<>(declaredPythonDependencies(cf.get()));
      // packages a RUN installs by name (nicegui's ros2 example: `pip3 install nicegui`)
      runs.forEach(t -> declared.addAll(installedByName(t)));
      // one lookup per imported name and build: the same names recur in every module
      Map<String, Optional<String>> siblings = new java.util.HashMap<>();
      Set<String> inContext = moduleNames(dir);
      for (String p : pythonFiles) python(cf.get(), p, declared, inContext, siblings, out);
    }
    return List.copyOf(out);
  }

  /** Said once per context directory: the Dockerfiles that share a context share the cause. */
  private void limitHit(String contextDir, String kind) {
    ScanLimits.of(project).hit(contextDir.isEmpty() ? "." : contextDir, "builds copy more than "
        + MAX_FILES + " " + kind + " files from the context " + (contextDir.isEmpty() ? "." :
        contextDir) + "/, berth's limit; imports that leave the context are looked for in the "
        + "first " + MAX_FILES + " only");
  }

  private static boolean inSkippedDir(String contextPath) {
    for (String part : Paths.parent(contextPath).split("/")) {
      if (SKIP_DIRS.contains(part)) return true;
    }
    return false;
  }

  /** Sources the reachable stages take from the main context. */
  private List<SourceMatch> copied(BuildContext build, Dockerfile df) {
    List<SourceMatch> out = new ArrayList<>();
    for (Stage s : StageGraph.reachable(df, build)) {
      for (Instruction i : s.instructions()) {
        if (!(i instanceof Instruction.FileTransfer t) || t.from().isPresent()) continue;
        for (SourceMatch m : contexts.sourceOutcomes(build, t)) {
          if (m.outcome() == SourceMatch.Outcome.MATCHED) out.add(m);
        }
      }
    }
    return out;
  }

  /**
   * Whether a RUN of the reachable stages handles package.json itself (langfuse's sandbox image
   * rewrites it with {@code node -e} to keep only {@code dependencies} before installing): the
   * manifest the install reads is then not the copied text, and its dependencies are unknown.
   */
  private static boolean rewritesPackageJson(List<String> runs) {
    return runs.stream().anyMatch(text -> text.contains("package.json"));
  }

  /**
   * The scripts the RUNs of the reachable stages run: each command's text (exec-form arguments
   * joined by spaces) and each heredoc's body.
   */
  private static java.util.stream.Stream<String> runTexts(BuildContext build, Dockerfile df) {
    return StageGraph.reachable(df, build).stream()
        .flatMap(s -> s.instructions().stream())
        .filter(Instruction.Run.class::isInstance).map(Instruction.Run.class::cast)
        .flatMap(r -> java.util.stream.Stream.concat(java.util.stream.Stream.of(r.commandText()),
            r.heredocs().stream().map(h -> h.body())));
  }

  /** The JavaScript package managers whose install resolves package.json dependencies. */
  private static final Set<String> NODE_MANAGERS = Set.of("npm", "pnpm", "yarn", "bun");
  /** Their subcommands that install (pnpm deploy installs one workspace package's tree). */
  private static final Set<String> INSTALL_WORDS = Set.of("install", "ci", "i", "add", "deploy");

  /**
   * Whether a RUN of the reachable stages runs a JavaScript package install. The dependencies a
   * copied package.json declares are resolved only there: highlight's sdk image copies every
   * SDK's package.json into a Python image and installs nothing, so their {@code workspace:}
   * versions never need the workspace root.
   */
  private static boolean installsNodePackages(List<String> runs) {
    return runs.stream().anyMatch(AppImports::installsNodePackages);
  }

  /**
   * A simple command of the script that names a package manager followed by an install word
   * ({@code npm ci}, {@code corepack pnpm install}, {@code yarn --cwd app install}), or
   * {@code yarn} with options only, which installs. A global install ({@code npm install -g
   * pnpm}) installs a tool, not the project's dependencies.
   */
  static boolean installsNodePackages(String script) {
    for (String[] words : commandWords(script)) {
      // npm install -g pnpm installs a tool, not the project's dependencies
      if (java.util.Arrays.asList(words).contains("-g")
          || java.util.Arrays.asList(words).contains("--global")) {
        continue;
      }
      for (int w = 0; w < words.length; w++) {
        String word = bare(words[w]);
        String name = word.substring(word.lastIndexOf('/') + 1);
        if (!NODE_MANAGERS.contains(name)) continue;
        boolean onlyOptions = true;
        for (int k = w + 1; k < words.length; k++) {
          String next = bare(words[k]);
          if (next.isEmpty()) break; // a redirection or the end of a quoted command
          if (INSTALL_WORDS.contains(next)) return true;
          // yarn workspaces focus installs the named workspaces' dependencies
          if (next.equals("focus") && bare(words[k - 1]).equals("workspaces")) return true;
          onlyOptions &= next.startsWith("-");
        }
        if (name.equals("yarn") && onlyOptions) return true;
      }
    }
    return false;
  }

  /**
   * A word without the quotes around it and without a redirection glued to it:
   * {@code "npm} of {@code sh -c "npm ci"}, {@code ci} of {@code ci>/dev/null}.
   */
  private static String bare(String word) {
    int cut = word.length();
    for (char c : new char[] {'>', '<'}) {
      int i = word.indexOf(c);
      if (i >= 0 && i < cut) cut = i;
    }
    String w = word.substring(0, cut);
    int from = 0;
    int to = w.length();
    while (from < to && (w.charAt(from) == '"' || w.charAt(from) == '\'')) from++;
    while (to > from && (w.charAt(to - 1) == '"' || w.charAt(to - 1) == '\'')) to--;
    return w.substring(from, to);
  }

  private static boolean isCopied(String p, List<SourceMatch> copied) {
    for (SourceMatch m : copied) {
      String r = m.resolved();
      if (r.isEmpty() || p.equals(r) || p.startsWith(r + "/") || m.files().contains(p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inside(String contextDir, String rootPath) {
    return Paths.relativize(contextDir, rootPath) != null;
  }

  // ---- Node ----

  private record Dependency(String name, String value, Range range) {}

  private record PackageJson(List<Dependency> dependencies, boolean workspaces) {}

  private Optional<PackageJson> packageJson(String rootPath) {
    Optional<SourceFile> src = files.read(rootPath);
    if (src.isEmpty()) return Optional.empty();
    List<Dependency> deps = new ArrayList<>();
    boolean workspaces = false;
    try (JsonParser p = Json.FACTORY.createParser(src.get().text())) {
      if (p.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String section = p.currentName();
        JsonToken t = p.nextToken();
        if (DEP_SECTIONS.contains(section) && t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING) {
              JsonLocation loc = p.currentTokenLocation();
              String value = p.getText();
              int line = Math.max(1, loc.getLineNr());
              int col = Math.max(1, loc.getColumnNr());
              deps.add(new Dependency(name, value,
                  new Range(rootPath, line, col, line, col + value.length() + 2)));
            } else {
              p.skipChildren();
            }
          }
        } else {
          workspaces |= section.equals("workspaces");
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not JSON berth can read: no judgement
    }
    return Optional.of(new PackageJson(deps, workspaces));
  }

  /**
   * The image directories a COPY or ADD fills from outside the build context: {@code --from} a
   * named build context or an image, not a stage of the Dockerfile (kroki's
   * {@code COPY --from=lib . /usr/local/lib/browser-instance}, with Bake's {@code contexts = {
   * lib = "./lib/browser-instance" }}), destinations written literally and absolute.
   */
  private static List<String> suppliedFromOutside(Dockerfile df) {
    List<String> out = new ArrayList<>();
    for (Instruction i : df.instructions()) {
      if (!(i instanceof Instruction.FileTransfer t) || t.from().isEmpty()) continue;
      String from = t.from().get();
      if (from.contains("$") || from.matches("\\d+") || df.stage(from).isPresent()) continue;
      String dest = t.destination().text();
      if (!dest.startsWith("/") || dest.contains("$")) continue;
      String clean = Paths.clean(dest.substring(1));
      if (!clean.isEmpty() && !clean.equals(".")) out.add(clean);
    }
    return out;
  }

  /**
   * Whether a relative {@code file:} path's directory names (the part after its leading
   * {@code ../}) end one of the {@code supplied} image directories: the install resolves the
   * path to what the COPY put there ({@code file:../lib/browser-instance} from WORKDIR
   * /usr/local/kroki/ is /usr/local/lib/browser-instance).
   */
  private static boolean suppliedThere(String path, List<String> supplied) {
    String tail = Paths.clean(path);
    while (tail.startsWith("../")) tail = tail.substring(3);
    if (tail.isEmpty() || tail.equals("..") || tail.equals(".")) return false;
    for (String d : supplied) {
      if (d.equals(tail) || d.endsWith("/" + tail)) return true;
    }
    return false;
  }

  private void node(ContextFiles cf, String contextPath, List<String> supplied,
      List<OutsideImport> out) {
    String rootPath = cf.rootPath(contextPath);
    Optional<PackageJson> pkg = packageJson(rootPath);
    if (pkg.isEmpty()) return;
    String pkgDir = Paths.parent(rootPath);
    Optional<Optional<String>> workspaceRoot = Optional.empty();
    for (Dependency d : pkg.get().dependencies()) {
      String v = d.value().trim();
      String ref = "\"" + d.name() + "\": \"" + d.value() + "\"";
      Matcher m = PATH_PROTOCOL.matcher(v);
      if (m.matches()) {
        String path = m.group(1);
        if (path.startsWith("/") || path.startsWith("~") || path.contains("$")) continue;
        if (suppliedThere(path, supplied)) continue;
        String target = Paths.clean(Paths.join(pkgDir, path));
        if (target.equals("..") || target.startsWith("../")) {
          out.add(new OutsideImport(OutsideImport.Kind.NODE_PATH_DEPENDENCY, d.range(), ref,
              Optional.empty()));
        } else if (!inside(cf.dir(), target.equals(".") ? "" : target)) {
          out.add(new OutsideImport(OutsideImport.Kind.NODE_PATH_DEPENDENCY, d.range(), ref,
              Optional.of(target.equals(".") ? "" : target)));
        }
      } else if (v.startsWith("workspace:")) {
        if (workspaceRoot.isEmpty()) workspaceRoot = Optional.of(workspaceRootOutside(cf, pkgDir));
        workspaceRoot.get().ifPresent(w -> out.add(new OutsideImport(
            OutsideImport.Kind.NODE_WORKSPACE_DEPENDENCY, d.range(), ref, Optional.of(w))));
      }
    }
  }

  /**
   * The workspace root a {@code workspace:} dependency needs, when it is above the context and no
   * workspace manifest exists between the package and the context root.
   */
  private Optional<String> workspaceRootOutside(ContextFiles cf, String pkgDir) {
    String d = pkgDir;
    while (true) {
      if (isWorkspaceRoot(d)) {
        return inside(cf.dir(), d) ? Optional.empty() : Optional.of(d);
      }
      if (d.isEmpty()) return Optional.empty();
      d = Paths.parent(d);
    }
  }

  /**
   * The words of each command of a script, read coarsely: continuations joined, split at
   * {@code &&}, {@code ||}, {@code ;}, {@code |} and line ends, then at blanks.
   */
  private static List<String[]> commandWords(String script) {
    List<String[]> out = new ArrayList<>();
    for (String segment : script.replace("\\\n", " ").split("&&|\\|\\||;|\\||\\n")) {
      out.add(segment.strip().split("\\s++"));
    }
    return out;
  }

  /**
   * The package names a script installs by name: the operands of {@code pip install},
   * {@code uv pip install}, {@code uv add}, {@code poetry add}, {@code conda}/{@code mamba install}
   * (options, paths, URLs and requirement files left out; a version or extras stripped).
   */
  static Set<String> installedByName(String script) {
    Set<String> out = new java.util.HashSet<>();
    for (String[] w : commandWords(script)) {
      for (int i = 0; i + 1 < w.length; i++) {
        String tool = w[i].substring(w[i].lastIndexOf('/') + 1);
        boolean install = (tool.matches("pip[0-9.]*+") || tool.equals("conda")
            || tool.equals("mamba") || tool.equals("micromamba")) && w[i + 1].equals("install")
            || (tool.equals("uv") || tool.equals("poetry")) && w[i + 1].equals("add");
        if (!install) continue;
        for (int k = i + 2; k < w.length; k++) {
          String a = w[k].replaceAll("^['\"]|['\"]$", "");
          if (a.equals("-r") || a.equals("--requirement") || a.equals("-c")
              || a.equals("--constraint") || a.equals("-e") || a.equals("--editable")) {
            k++;
            continue;
          }
          if (a.isEmpty() || a.startsWith("-") || a.contains("/") || a.contains("$")) continue;
          String name = a.split("[\\[=<>!~;@ ]", 2)[0];
          if (!name.isEmpty()) out.add(normalise(name));
        }
        break;
      }
    }
    return out;
  }

  /**
   * A package below another package of the context that is no workspace root: an install in the
   * outer package's directory installs only that one (npm, yarn and pnpm read nested packages
   * only as workspace members), so the nested one's dependencies are never resolved (trailbase's
   * coffee-vector-search example: `pnpm install` in /app, where guests/typescript/package.json
   * sits with a `workspace:*` dependency nothing installs).
   */
  private boolean notInstalled(ContextFiles cf, String pkgDir, Set<String> packageDirs,
      List<String> installPlaces) {
    if (pkgDir.isEmpty()) return false;
    // an install run there (`cd client && npm ci`, WORKDIR /app/client, --prefix client)
    String last = Paths.name(pkgDir);
    if (installPlaces.stream().anyMatch(t -> t.contains(pkgDir) || t.matches(
        "(?s).*(?:^|[\\s/=])" + java.util.regex.Pattern.quote(last) + "(?:/|\\s|$|&|;).*"))) {
      return false;
    }
    for (String d = Paths.parent(pkgDir); ; d = Paths.parent(d)) {
      if (packageDirs.contains(d)) {
        String repoDir = cf.dir().isEmpty() ? d : d.isEmpty() ? cf.dir() : cf.dir() + "/" + d;
        return !isWorkspaceRoot(repoDir);
      }
      if (d.isEmpty()) return false;
    }
  }

  private boolean isWorkspaceRoot(String dir) {
    FileTree tree = project.fileTree();
    if (tree.isFile(Paths.join(dir, "pnpm-workspace.yaml"))) return true;
    String pkg = Paths.join(dir, "package.json");
    return tree.isFile(pkg) && packageJson(pkg).map(PackageJson::workspaces).orElse(false);
  }

  // ---- Python ----

  /** Names the build installs (requirements*.txt, pyproject.toml, …): normalised, lower case. */
  private Set<String> declaredPythonDependencies(ContextFiles cf) {
    return declaredByDir.computeIfAbsent(cf.dir(), d -> readDeclaredPythonDependencies(cf));
  }

  /** The context's Python manifests (pyproject.toml, setup.py, requirements*.txt): 50 at most. */
  private java.util.stream.Stream<FileTree.Entry> pythonManifests(ContextFiles cf) {
    return project.fileTree().under(cf.dir())
        .filter(e -> e.kind() == FileTree.Kind.FILE)
        .filter(e -> PY_MANIFESTS.contains(e.name())
            || (e.name().startsWith("requirements") && e.name().endsWith(".txt")))
        .filter(e -> !inSkippedDir(Paths.relativize(cf.dir(), e.path())))
        .limit(50);
  }

  private Set<String> readDeclaredPythonDependencies(ContextFiles cf) {
    Set<String> out = new LinkedHashSet<>();
    pythonManifests(cf)
        .forEach(e -> files.read(e.path()).ifPresent(f -> {
          for (String word : f.text().toLowerCase(Locale.ROOT).split("[^a-z0-9_.-]+")) {
            if (!word.isEmpty()) out.add(normalise(word));
          }
        }));
    return out;
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  /**
   * Every name in the context that an import of a top-level name could mean: each entry's name
   * and its part before the first dot ({@code foo} for {@code foo.py}). Read once per build, not
   * once per imported name (a monorepo context holds thousands of entries).
   */
  private Set<String> moduleNames(String contextDir) {
    Set<String> names = new java.util.HashSet<>();
    project.fileTree().under(contextDir).forEach(e -> {
      names.add(e.name());
      int dot = e.name().indexOf('.');
      if (dot >= 0) names.add(e.name().substring(0, dot));
    });
    return names;
  }

  /**
   * The opening line of an inline script metadata block (packaging.python.org, "Inline script
   * metadata": a line {@code # /// script} opens the block, {@code # ///} closes it).
   */
  private static final java.util.regex.Pattern PEP723 = java.util.regex.Pattern.compile(
      "(?m)^# /// script$");

  private void python(ContextFiles cf, String contextPath, Set<String> declared,
      Set<String> inContext, Map<String, Optional<String>> siblings, List<OutsideImport> out) {
    String rootPath = cf.rootPath(contextPath);
    Optional<SourceFile> src = files.read(rootPath);
    if (src.isEmpty()) return;
    SourceFile f = src.get();
    // A script with inline metadata (PEP 723, `# /// script` ... `# ///`) declares its own
    // dependencies, which its runner (uv run, pipx run) installs: what it imports comes from
    // there, not from where the image puts code (agenta's fixture generator under web/packages,
    // a uv script run from sdks/python, in a Node image's context).
    if (PEP723.matcher(f.text()).find()) return;
    String fileDir = Paths.parent(rootPath);
    Set<String> seen = new LinkedHashSet<>();
    boolean inString = false;
    // An import inside `try:` whose `except` catches ImportError (presidio's
    // `try: from presidio_analyzer import ... except ImportError: ... = None`) is optional: the
    // program starts without it. Imports of a try body wait until its except clauses are read.
    int tryIndent = -1;
    boolean guarded = false;
    List<Map.Entry<String, Range>> pending = new ArrayList<>();
    for (int line = 1; line <= f.lineCount() + 1; line++) {
      String text = line <= f.lineCount() ? f.lineText(line) : "";
      boolean startsInString = inString;
      if (tripleQuotes(text) % 2 == 1) inString = !inString;
      if (startsInString || text.stripLeading().startsWith("#")) continue;
      if (tryIndent >= 0 && (!text.isBlank() || line > f.lineCount())) {
        int indent = text.length() - text.stripLeading().length();
        String head = text.strip();
        boolean clause = indent == tryIndent
            && (keyword(head, "except") || keyword(head, "else") || keyword(head, "finally"));
        if (clause) {
          guarded |= keyword(head, "except") && importGuard(head);
        } else if (indent <= tryIndent || line > f.lineCount()) {
          if (!guarded) {
            for (Map.Entry<String, Range> e : pending) {
              outside(cf, e.getKey(), e.getValue(), declared, inContext, siblings, seen, out);
            }
          }
          pending.clear();
          tryIndent = -1;
        }
      }
      if (line > f.lineCount()) break;
      if (tryIndent < 0 && TRY.matcher(text).matches()) {
        tryIndent = text.length() - text.stripLeading().length();
        guarded = false;
        continue;
      }
      // most lines are neither: skip the regular expressions for them
      boolean mentionsSysPath = text.contains("sys.path");
      if (!mentionsSysPath && !text.contains("import")) continue;
      Optional<String> arg = mentionsSysPath ? sysPathArgument(text) : Optional.empty();
      if (arg.isPresent()) {
        sysPath(cf, fileDir, arg.get(), f.lineRange(line), text.strip()).ifPresent(out::add);
        continue;
      }
      Range at = f.lineRange(line);
      for (String name : importedNames(text)) {
        if (tryIndent >= 0) {
          pending.add(Map.entry(name, at));
        } else {
          outside(cf, name, at, declared, inContext, siblings, seen, out);
        }
      }
    }
  }

  private static final Pattern TRY = Pattern.compile("\\s*+try\\s*+:\\s*+(?:#.*)?");
  /** {@code line} starts with the keyword {@code word} (not a longer name such as exceptions). */
  private static boolean keyword(String line, String word) {
    return line.startsWith(word) && (line.length() == word.length()
        || !Character.isJavaIdentifierPart(line.charAt(word.length())));
  }

  /** The exceptions whose except clause makes an import in its try optional. */
  private static final Set<String> IMPORT_ERRORS =
      Set.of("ImportError", "ModuleNotFoundError", "Exception", "BaseException");

  /** An except clause that catches a failed import (or everything: a bare {@code except:}). */
  private static boolean importGuard(String clause) {
    String rest = clause.substring("except".length()).strip();
    if (rest.startsWith(":")) return true;
    int colon = rest.indexOf(':');
    String caught = colon < 0 ? rest : rest.substring(0, colon);
    int as = caught.indexOf(" as ");
    if (as >= 0) caught = caught.substring(0, as);
    for (String name : caught.replace("(", " ").replace(")", " ").split("[\\s,]+")) {
      if (IMPORT_ERRORS.contains(name.substring(name.lastIndexOf('.') + 1))) return true;
    }
    return false;
  }

  private void outside(ContextFiles cf, String name, Range at, Set<String> declared,
      Set<String> inContext, Map<String, Optional<String>> siblings, Set<String> seen,
      List<OutsideImport> out) {
    if (!seen.add(name)) return;
    siblings.computeIfAbsent(name, n -> siblingPackage(cf, n, declared, inContext))
        .ifPresent(t -> out.add(new OutsideImport(
        OutsideImport.Kind.PYTHON_IMPORT, at, name, Optional.of(t))));
  }

  private static int tripleQuotes(String text) {
    int n = 0;
    for (String q : List.of("\"\"\"", "'''")) {
      for (int i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 3)) n++;
    }
    return n;
  }

  /**
   * The argument text of the first {@code sys.path.insert(}/{@code append(} call on a line: up
   * to the last ')' followed by nothing but blanks and a comment. (A regex with (.*) rescanned
   * the line from every call: quadratic on "sys.path.insert(" repeated.) Later calls on the line
   * could only end at the same ')', so the first decides.
   */
  static Optional<String> sysPathArgument(String line) {
    Matcher call = SYS_PATH_CALL.matcher(line);
    if (!call.find()) return Optional.empty();
    int n = line.length();
    boolean tailOk = true; // line[i..] is blanks then, optionally, a comment
    for (int i = n - 1; i >= call.end(); i--) {
      char c = line.charAt(i);
      if (c == ')' && tailOk) return Optional.of(line.substring(call.end(), i));
      tailOk = c == '#' || (" \t\n\u000B\f\r".indexOf(c) >= 0 && tailOk);
    }
    return Optional.empty();
  }

  /** Top-level names of absolute imports on a line. */
  static List<String> importedNames(String line) {
    List<String> out = new ArrayList<>();
    Matcher from = FROM.matcher(line);
    if (from.find()) {
      out.add(from.group(1));
      return out;
    }
    Matcher imp = IMPORT.matcher(line);
    if (imp.find()) {
      for (String part : imp.group(1).split(",")) {
        String name = part.strip().split("[\\s.]", 2)[0];
        if (name.matches("[A-Za-z_]\\w*")) out.add(name);
      }
    }
    return out;
  }

  /**
   * A package named {@code name} that exists only outside the context: not in the standard
   * library, nothing of that name in the context, not a declared dependency, and a directory
   * with {@code __init__.py} in an ancestor of the context or in a project next to it.
   */
  private Optional<String> siblingPackage(ContextFiles cf, String name, Set<String> declared,
      Set<String> inContext) {
    if (PythonStdlib.NAMES.contains(name) || declared.contains(normalise(name))) {
      return Optional.empty();
    }
    FileTree tree = project.fileTree();
    if (inContext.contains(name) || cf.dir().isEmpty()) return Optional.empty();
    String a = cf.dir();
    while (!a.isEmpty()) {
      a = Paths.parent(a);
      for (String base : candidateRoots(a, cf.dir())) {
        for (String c : List.of(Paths.join(base, name), Paths.join(base, "src/" + name))) {
          if (tree.isFile(Paths.join(c, "__init__.py")) && !inside(cf.dir(), c)) {
            // the project that holds it is itself a declared dependency (mem0's server
            // requires mem0ai, the distribution of the root's pyproject, which provides mem0):
            // pip installs it from the index
            if (distributionName(base).filter(d -> fromIndex(cf, d)).isPresent()) {
              return Optional.empty();
            }
            return Optional.of(c);
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a manifest of the context requires {@code distribution} from a package index: a
   * requirements line or a pyproject/setup.py entry that starts with its name and points at no
   * path, file or repository ({@code mem0ai>=0.1.48}; not Poetry's
   * {@code mem0ai = { path = "../" }}, which needs the directory in the context).
   */
  private boolean fromIndex(ContextFiles cf, String distribution) {
    String wanted = normalise(distribution);
    return pythonManifests(cf)
        .anyMatch(e -> files.read(e.path()).map(f -> {
          for (String line : f.text().split("\n")) {
            String t = line.strip().toLowerCase(Locale.ROOT);
            int start = 0;
            while (start < t.length() && (t.charAt(start) == '"' || t.charAt(start) == '\'')) {
              start++;
            }
            int end = start;
            while (end < t.length() && " \t<>=!~;[,\"'".indexOf(t.charAt(end)) < 0) end++;
            if (end == start || !normalise(t.substring(start, end)).equals(wanted)) continue;
            if (t.startsWith("-e") || t.contains("path") || t.contains("file:")
                || t.contains("../") || t.contains("git+")) {
              continue;
            }
            return true;
          }
          return false;
        }).orElse(false));
  }

  /**
   * The distribution name a Python project directory declares: {@code name} in pyproject.toml's
   * {@code [project]} or {@code [tool.poetry]} table, else the first {@code name=} of setup.py.
   */
  private Optional<String> distributionName(String dir) {
    Optional<SourceFile> pyproject = files.read(Paths.join(dir, "pyproject.toml"));
    if (pyproject.isPresent()) {
      String table = "";
      for (String line : pyproject.get().text().split("\n")) {
        String t = line.strip();
        if (t.startsWith("[")) {
          table = t;
        } else if ((table.equals("[project]") || table.equals("[tool.poetry]"))
            && t.startsWith("name")) {
          Optional<String> v = quotedValue(t.substring(4));
          if (v.isPresent()) return v;
        }
      }
    }
    Optional<SourceFile> setup = files.read(Paths.join(dir, "setup.py"));
    if (setup.isPresent()) {
      String text = setup.get().text();
      for (int i = text.indexOf("name"); i >= 0; i = text.indexOf("name", i + 4)) {
        boolean word = i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1));
        if (!word) continue;
        Optional<String> v = quotedValue(text.substring(i + 4, Math.min(text.length(), i + 200)));
        if (v.isPresent()) return v;
      }
    }
    return Optional.empty();
  }

  /** {@code  = "x"} (or with single quotes) at the start of {@code rest}: x. */
  private static Optional<String> quotedValue(String rest) {
    String t = rest.stripLeading();
    if (!t.startsWith("=")) return Optional.empty();
    t = t.substring(1).stripLeading();
    if (t.isEmpty() || (t.charAt(0) != '"' && t.charAt(0) != '\'')) return Optional.empty();
    int end = t.indexOf(t.charAt(0), 1);
    return end > 1 ? Optional.of(t.substring(1, end)) : Optional.empty();
  }

  /** An ancestor directory itself and its subdirectories that are Python projects. */
  private List<String> candidateRoots(String ancestor, String contextDir) {
    List<String> out = new ArrayList<>();
    out.add(ancestor);
    project.fileTree().children(ancestor)
        .filter(e -> e.kind() == FileTree.Kind.DIRECTORY && !e.path().equals(contextDir))
        .forEach(e -> {
          boolean project = PY_MANIFESTS.stream()
              .anyMatch(m -> this.project.fileTree().isFile(Paths.join(e.path(), m)));
          if (project) out.add(e.path());
          // libs/common/pyproject.toml: one level of grouping directories
          this.project.fileTree().children(e.path())
              .filter(c -> c.kind() == FileTree.Kind.DIRECTORY && !c.path().equals(contextDir))
              .filter(c -> PY_MANIFESTS.stream()
                  .anyMatch(m -> this.project.fileTree().isFile(Paths.join(c.path(), m))))
              .forEach(c -> out.add(c.path()));
        });
    return out;
  }

  /**
   * A {@code sys.path.insert/append} whose directory is above the context. Understood forms:
   * {@code os.path.dirname(__file__)} chains with {@code '..'} joins, {@code Path(__file__)
   * .parent...} / {@code .parents[n]}, and plain {@code '..'} strings (working-directory relative:
   * only judged for files at the context root, where both readings agree).
   */
  private Optional<OutsideImport> sysPath(ContextFiles cf, String fileDir, String arg,
      Range range, String call) {
    int levels;
    if (arg.contains("__file__")) {
      int dotDots = dotDots(arg);
      if (arg.contains("Path(")) {
        int parents = count(arg, "\\.parent\\b");
        Matcher idx = Pattern.compile("\\.parents\\[(\\d{1,2})\\]").matcher(arg);
        if (idx.find()) {
          levels = Integer.parseInt(idx.group(1)) + parents + dotDots;
        } else if (parents > 0) {
          levels = parents - 1 + dotDots;
        } else {
          return Optional.empty();
        }
      } else {
        int dirnames = count(arg, "dirname\\s*\\(");
        if (dirnames == 0) return Optional.empty();
        levels = dirnames - 1 + dotDots;
      }
    } else {
      String rest = arg.replaceAll("^\\s*\\d+\\s*,", "")
          .replaceAll("os\\.path\\.(abspath|realpath|normpath|join)\\s*\\(|os\\.getcwd\\(\\)", "")
          .replaceAll("[\\s,()'\"]", "");
      if (rest.isEmpty() || !rest.matches("[./]+") || !fileDir.equals(cf.dir())) {
        return Optional.empty();
      }
      levels = dotDots(arg);
    }
    if (levels < 1) return Optional.empty();
    String target = fileDir;
    for (int i = 0; i < levels; i++) {
      if (target.isEmpty()) return Optional.empty(); // above the project root: unknown
      target = Paths.parent(target);
    }
    if (inside(cf.dir(), target) || !holdsPythonOutside(target, cf.dir())) return Optional.empty();
    return Optional.of(new OutsideImport(OutsideImport.Kind.PYTHON_SYS_PATH, range, call,
        Optional.of(target)));
  }

  /** The directory has Python modules or packages of its own, besides the context. */
  private boolean holdsPythonOutside(String dir, String contextDir) {
    FileTree tree = project.fileTree();
    return tree.children(dir).anyMatch(e -> !e.path().equals(contextDir)
        && !(Paths.relativize(e.path(), contextDir) != null)
        && ((e.kind() == FileTree.Kind.FILE && e.name().endsWith(".py"))
            || (e.kind() == FileTree.Kind.DIRECTORY
                && tree.isFile(Paths.join(e.path(), "__init__.py")))));
  }

  private static int dotDots(String s) {
    int n = 0;
    Matcher m = Pattern.compile("['\"]([./]*)['\"]").matcher(s);
    while (m.find()) {
      for (String part : m.group(1).split("/")) {
        if (part.equals("..")) n++;
      }
    }
    return n;
  }

  private static int count(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
