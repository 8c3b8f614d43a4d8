package dev.berth.compose;

import dev.berth.compose.yaml.YamlMap;
import dev.berth.compose.yaml.YamlNode;
import dev.berth.compose.yaml.YamlReader;
import dev.berth.compose.yaml.YamlScalar;
import dev.berth.compose.yaml.YamlSeq;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Loads Compose projects the way {@code docker compose config} resolves them: per file parse,
 * interpolate and rebase relative paths; merge the files in order; apply {@code extends}, then
 * {@code include}; drop {@code !reset} values; build the typed model and check the schema.
 * Never throws on bad input: problems become diagnostics and the project is left out only when
 * one of its files cannot be parsed at all.
 */
public final class ComposeLoader {
  private final RootFiles fs;
  private final ComposeOptions options;
  private final List<Diagnostic> diags = new ArrayList<>();
  /** Included and extended files that are not there, over every project loaded. */
  private final List<MissingFile> missing = new ArrayList<>();
  /** Env-file lines Compose refuses: findings, not diagnostics. */
  private final java.util.Set<Diagnostic> envErrors = new LinkedHashSet<>();
  private final Map<String, Optional<YamlMap>> otherFiles = new HashMap<>();
  private final Map<String, Located<String>> versionKeys = new HashMap<>();
  /** Files the group being loaded pulls in through {@code include} and {@code extends.file}. */
  private final Set<String> included = new LinkedHashSet<>();
  private final Set<String> extended = new LinkedHashSet<>();
  /** The services each extends.file base lends, over every project loaded. */
  private final Map<String, Set<String>> lentServices = new HashMap<>();
  /** Files named on the command line or found, but skipped as another tool's dialect. */
  private final Set<String> skipped = new java.util.HashSet<>();
  private final Map<String, Parsed> parsedAhead = new ConcurrentHashMap<>();
  /** Keys repeated in a mapping of the files the project being loaded reads (BTH101). */
  private final Set<YamlReader.Duplicate> duplicateKeys = new LinkedHashSet<>();

  private ComposeLoader(Path root, ComposeOptions options, Predicate<String> absent) {
    this.fs = new RootFiles(root, options.unsaved(), absent);
    this.options = options;
  }

  /**
   * @param files root-relative compose files found by walking the root
   */
  public static ComposeLoadResult load(Path root, List<String> files, ComposeOptions options) {
    return load(root, files, options, p -> false);
  }

  /**
   * As above; {@code absent} says which root-relative paths the walk proves absent (looking up
   * override files, env files and their templates in every directory is otherwise a disk lookup
   * each).
   */
  public static ComposeLoadResult load(Path root, List<String> files, ComposeOptions options,
      Predicate<String> absent) {
    ComposeLoader l = new ComposeLoader(root, options, absent);
    List<ComposeProject> projects = new ArrayList<>();
    try {
      l.parseAhead(files);
      List<String> compose = new ArrayList<>();
      for (String f : files) {
        Parsed p = l.parsedAhead.get(f);
        if (p != null && uffizzi(p.text())) {
          l.diags.add(new Diagnostic(Range.wholeFile(f), Diagnostic.Kind.SKIPPED,
              "a Uffizzi preview definition (top-level x-uffizzi): Uffizzi, not Docker Compose,"
                  + " reads it, with keys of its own and its services in one pod: not linted"));
          continue;
        }
        if (p != null && !p.result().ok() && excerpt(p.text())) {
          l.diags.add(new Diagnostic(Range.wholeFile(f), Diagnostic.Kind.SKIPPED,
              "an excerpt, not a compose file: its `...` lines stand for parts left out, and"
                  + " what is left is no YAML Compose could read: not linted"));
          continue;
        }
        if (p != null && mavenFiltered(f, p.text())) {
          l.diags.add(new Diagnostic(Range.wholeFile(f), Diagnostic.Kind.SKIPPED,
              "a Maven resource with Maven properties in it (${name.with.dots}): Maven's"
                  + " resource filtering substitutes them when it copies the file, and Compose"
                  + " reads the copy, not this file: not linted"));
          continue;
        }
        if (p != null && coolify(p.text())) {
          l.diags.add(new Diagnostic(Range.wholeFile(f), Diagnostic.Kind.SKIPPED,
              COOLIFY + " (Coolify's magic variables such as ${SERVICE_FQDN_APP}, or"
                  + " its keys exclude_from_hc, is_directory): Coolify, not Docker Compose, reads"
                  + " it, generating those variables and the files and volumes it names: not"
                  + " linted"));
          continue;
        }
        Optional<String> manifest = l.komposeOutput(f);
        if (manifest.isPresent()) {
          l.diags.add(new Diagnostic(Range.wholeFile(f), Diagnostic.Kind.SKIPPED,
              "the input of kompose: `" + manifest.get() + "` beside it was generated from it"
                  + " (its kompose.cmd annotation), and Kubernetes runs those manifests, not"
                  + " Docker Compose: not linted"));
          continue;
        }
        if (dockerApp(f)) {
          l.diags.add(new Diagnostic(Range.wholeFile(f), Diagnostic.Kind.SKIPPED,
              "the compose part of a Docker App package (a directory named *.dockerapp): the"
                  + " retired docker-app tool renders it with its parameters, and the rendered"
                  + " file is what Compose reads: not linted"));
          continue;
        }
        compose.add(f);
      }
      // A skipped file is not a directory's default file either (a plain file beside a Coolify
      // docker-compose.yaml must not pull it back in as its base).
      l.skipped.addAll(files);
      l.skipped.removeAll(compose);
      projects = l.loadAll(compose);
    } catch (RuntimeException | StackOverflowError e) {
      l.diags.add(new Diagnostic(Range.wholeFile(files.isEmpty() ? "." : files.get(0)),
          Diagnostic.Kind.INTERNAL, "compose loading failed: " + e));
    }
    // A file shared by several services (an anchor, an included file) is read once but may be
    // referenced from the same place many times: each diagnostic is reported once.
    return new ComposeLoadResult(projects, List.copyOf(new LinkedHashSet<>(l.diags)),
        l.fs.sourcesRead(), new EnvFileErrors(List.copyOf(l.envErrors)));
  }

  /**
   * A file that fails to parse and has a line of just {@code ...} standing for elided content
   * (bunkerweb's examples/bigbluebutton/docker-compose.yml: "modify the following", with
   * {@code nginx:\n    ...\n    networks:}): documentation of an edit to someone else's file,
   * not a file anyone runs. Only on a parse failure: a valid file may end a document with
   * {@code ...}.
   */
  private static boolean excerpt(String text) {
    for (String line : text.split("\n", -1)) {
      if (line.strip().equals("...")) return true;
    }
    return false;
  }

  /** A Maven property reference: a dotted name Compose refuses as a variable name. */
  private static final java.util.regex.Pattern MAVEN_PROPERTY = java.util.regex.Pattern.compile(
      "\\$\\{[A-Za-z][A-Za-z0-9_-]*+(?:\\.[A-Za-z0-9_-]++)++\\}");

  /**
   * A compose file in a Maven resources directory ({@code src/test/resources}) that references
   * Maven properties ({@code ${minifi.version}}, apache/nifi's minifi integration tests): the
   * build filters it (maven.apache.org maven-resources-plugin, "Filtering": {@code ${...}}
   * references to properties are replaced), and its tests run the filtered copy. Compose
   * itself would refuse the dotted names.
   */
  private static boolean mavenFiltered(String file, String text) {
    return (file.startsWith("src/") || file.contains("/src/")) && file.contains("/resources/")
        && MAVEN_PROPERTY.matcher(text).find();
  }

  /** How the diagnostic of a skipped Coolify file begins ({@code evidence.Coolify} reads it). */
  public static final String COOLIFY = "a Coolify compose file";

  /**
   * Coolify's generated variables, interpolated without a default: {@code ${SERVICE_FQDN_APP}}
   * (a project's own {@code ${SERVICE_USER_ID:-1000}} gives one, so Compose alone can run it).
   */
  private static final java.util.regex.Pattern COOLIFY_MAGIC = java.util.regex.Pattern.compile(
      "\\$\\{SERVICE_(?:FQDN|USER|PASSWORD|PASSWORD_64|BASE64|BASE64_64|BASE64_128"
          + "|REALBASE64|REALBASE64_64|REALBASE64_128)_[A-Za-z0-9_-]++\\}");
  /** Coolify's own compose keys, which Compose refuses: a service's, a bind volume's. */
  private static final java.util.regex.Pattern COOLIFY_KEY = java.util.regex.Pattern.compile(
      "\\n[ \\t]++(?:exclude_from_hc|is_directory):");

  /**
   * A compose file written for Coolify (coolify-docs, knowledge-base/docker/compose.md): its
   * "magic environment variables" ({@code SERVICE_<TYPE>_<IDENTIFIER>}: FQDN, USER, PASSWORD,
   * BASE64) that Coolify generates at deployment, or its keys {@code exclude_from_hc} and
   * {@code is_directory} ("not available in a normal docker-compose"); Coolify's parser also
   * declares every named volume a service uses (coolify-examples' docker-compose.yaml).
   */
  private static boolean coolify(String text) {
    return text.contains("SERVICE_") && COOLIFY_MAGIC.matcher(text).find()
        || COOLIFY_KEY.matcher(text).find();
  }

  /**
   * A Uffizzi preview file: Uffizzi's compose dialect marks itself with a top-level
   * {@code x-uffizzi} key (docs.uffizzi.com, "Uffizzi Compose"); crater's
   * uffizzi/docker-compose.uffizzi.yml sets a service-level {@code resources:} Compose refuses.
   */
  private static boolean uffizzi(String text) {
    return text.startsWith("x-uffizzi:") || text.contains("\nx-uffizzi:");
  }

  /**
   * A Kubernetes manifest beside {@code file} that kompose generated from it: kompose annotates
   * each object with the command that made it ({@code kompose.cmd: kompose --file
   * development/docker-compose.min.yml convert}, kompose.io user guide "Labels"); nautobot's
   * development/kubernetes/ keeps its input beside the manifests, and nobody runs it with Compose.
   * The command must name this file's name.
   */
  private Optional<String> komposeOutput(String file) {
    String dir = Paths.dir(file);
    String name = Paths.fileName(file);
    int looked = 0;
    for (String n : fs.names(dir.equals(".") ? "" : dir)) {
      if (!(n.endsWith(".yaml") || n.endsWith(".yml")) || n.equals(name)) continue;
      if (++looked > 50) break;
      String path = Paths.resolve(dir, n);
      Optional<SourceFile> sf = fs.peek(path);
      if (sf.isEmpty()) continue;
      String t = sf.get().text();
      int at = t.indexOf("kompose.cmd:");
      if (at < 0) continue;
      int eol = t.indexOf('\n', at);
      String cmd = t.substring(at, eol < 0 ? t.length() : eol);
      if (cmd.contains(name)) return Optional.of(path);
    }
    return Optional.empty();
  }

  /**
   * A Docker App package keeps its compose part in {@code NAME.dockerapp/docker-compose.yml}
   * beside metadata.yml and parameters.yml (docker/app, specification/README.md: "A Docker App
   * Package is a set of 3 YAML documents"); vegasbrianc/prometheus keeps a copy of its root
   * compose file there, whose ./grafana paths are the root's.
   */
  private static boolean dockerApp(String file) {
    int slash = file.lastIndexOf('/');
    return slash > 0 && file.substring(0, slash).endsWith(".dockerapp");
  }

  /** A file's text as read ahead, and how it parsed. */
  private record Parsed(String text, YamlReader.Result result) {}

  /**
   * Parsing is most of the loading and independent per file, so the files found by the walk are
   * parsed in parallel first. Projects are still resolved one after another, in order; a file is
   * parsed again only if its text changed since (or was not read ahead).
   */
  private void parseAhead(List<String> files) {
    files.parallelStream().forEach(f -> {
      try {
        fs.peek(f).ifPresent(sf -> parsedAhead.put(f, new Parsed(sf.text(), YamlReader.read(sf))));
      } catch (RuntimeException | StackOverflowError e) {
        // not read ahead: loading it in order meets the same problem and reports it
      }
    });
  }

  /** COMPOSE_FILE as a directory's environment sets it: its files, resolved from there. */
  private static Optional<List<String>> composeFileOf(String dir, Env env) {
    Optional<String> composeFile = env.lookup().apply("COMPOSE_FILE");
    if (composeFile.isEmpty() || composeFile.get().isBlank()) return Optional.empty();
    String sep = env.lookup().apply("COMPOSE_PATH_SEPARATOR").orElse(":");
    List<String> out = new ArrayList<>();
    for (String p : composeFile.get().split(java.util.regex.Pattern.quote(sep))) {
      if (!p.isBlank()) out.add(Paths.resolve(dir, p.trim()));
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static final java.util.regex.Pattern COMMENTED_COMPOSE_FILE =
      java.util.regex.Pattern.compile(
          "(?m)^[ \\t]*#[ \\t]*(?:export[ \\t]+)?COMPOSE_FILE=(\\S+)[ \\t]*$");

  /** The values of commented-out COMPOSE_FILE lines of an env file, ${COMPOSE_FILE} expanded. */
  private List<String> commentedComposeFiles(String envFile, String active) {
    Optional<SourceFile> sf = fs.peek(envFile);
    if (sf.isEmpty()) return List.of();
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = COMMENTED_COMPOSE_FILE.matcher(sf.get().text());
    while (m.find() && out.size() < 16) {
      String v = m.group(1).replace("\"", "").replace("'", "")
          .replace("${COMPOSE_FILE}", active).replace("$COMPOSE_FILE", active);
      if (!v.contains("$")) out.add(v);
    }
    return out;
  }

  /** The compose files' directories and those above them (the root too), outermost first. */
  private static List<String> ancestorDirectories(List<String> files) {
    Set<String> out = new java.util.TreeSet<>(java.util.Comparator
        .comparingInt((String d) -> d.isEmpty() ? 0 : d.split("/").length)
        .thenComparing(d -> d));
    for (String f : files) {
      String d = Paths.dir(f);
      while (out.add(d) && !d.isEmpty()) d = Paths.dir(d);
    }
    return new ArrayList<>(out);
  }

  /** The environment a project interpolates with, and where its variables come from. */
  private record Env(Function<String, Optional<String>> lookup, VariableSources sources) {}

  private List<ComposeProject> loadAll(List<String> files) {
    List<ComposeProjects.Group> groups = ComposeProjects.group(
        options.onlyGroups() ? List.of() : files, options.groups(),
        p -> !skipped.contains(p) && fs.exists(p));
    // COMPOSE_FILE in a directory's .env replaces default discovery there.
    List<ComposeProjects.Group> effective = new ArrayList<>();
    Set<String> claimed = new LinkedHashSet<>();
    Map<ComposeProjects.Group, Env> envs = new HashMap<>();
    for (ComposeProjects.Group g : groups) {
      // A file names its setup (docker-compose.light.yml and .env.light.example).
      Env env = topEnv(g.directory(), g.files(), List.of(),
          Optional.of(g.files().get(g.files().size() - 1)));
      ComposeProjects.Group eff = g;
      if (g.origin() == ComposeProjects.Origin.DEFAULT) {
        Optional<List<String>> fromEnv = composeFileOf(g.directory(), env);
        if (fromEnv.isPresent()) {
          // COMPOSE_FILE naming files that are not there (akvorado's docker/.env sets it to
          // "ERROR please run Docker Compose from repository root"): a guard against running
          // Compose here, by design; the files are judged where they are meant to be run.
          if (!fromEnv.get().stream().allMatch(fs::exists)) continue;
          eff = new ComposeProjects.Group(fromEnv.get(), ComposeProjects.Origin.DEFAULT);
          claimed.addAll(fromEnv.get());
        }
      }
      envs.put(eff, env);
      effective.add(eff);
    }
    // A directory with no default compose file of its own whose .env sets COMPOSE_FILE to files
    // below it (akvorado's root .env: COMPOSE_FILE=docker/docker-compose.yml:docker/docker-
    // compose-ipinfo.yml): `docker compose` run there loads those files, layered.
    Set<String> defaultDirs = new java.util.HashSet<>();
    groups.stream().filter(g -> g.origin() == ComposeProjects.Origin.DEFAULT)
        .forEach(g -> defaultDirs.add(g.directory()));
    for (String dir : ancestorDirectories(files)) {
      if (defaultDirs.contains(dir) || !fs.exists(Paths.resolve(dir, ".env"))) continue;
      Env env = topEnv(dir, List.of(), List.of(), Optional.empty());
      Optional<List<String>> fromEnv = composeFileOf(dir, env);
      if (fromEnv.isEmpty() || !fromEnv.get().stream().allMatch(fs::exists)) continue;
      List<List<String>> sets = new ArrayList<>();
      sets.add(fromEnv.get());
      // The options the .env offers in comments (akvorado's "# Option 2: Maxmind" line
      // `# COMPOSE_FILE=${COMPOSE_FILE}:docker/docker-compose-maxmind.yml`): each is the set
      // Compose runs once the user uncomments it.
      String active = env.lookup().apply("COMPOSE_FILE").orElse("");
      for (String option : commentedComposeFiles(Paths.resolve(dir, ".env"), active)) {
        composeFileOf(dir, new Env(n -> n.equals("COMPOSE_FILE") ? Optional.of(option)
            : env.lookup().apply(n), env.sources()))
            .filter(o -> o.stream().allMatch(fs::exists) && !sets.contains(o))
            .ifPresent(sets::add);
      }
      for (List<String> set : sets) {
        ComposeProjects.Group g = new ComposeProjects.Group(set, ComposeProjects.Origin.DEFAULT);
        if (envs.containsKey(g)) continue;
        envs.put(g, env);
        effective.add(g);
        claimed.addAll(set);
      }
    }
    // The file sets the repository's own scripts run: each -f set is a project, and a lone
    // file they only ever layer on others is judged there, not alone.
    Map<ComposeProjects.Group, List<ComposeInvocation>> runs = scripted(effective, files);
    for (ComposeProjects.Group g : runs.keySet()) {
      if (g.origin() == ComposeProjects.Origin.SCRIPTED) {
        effective.add(g);
        claimed.addAll(g.files());
      }
    }
    for (var e : runs.entrySet()) {
      if (e.getKey().origin() == ComposeProjects.Origin.CONFIGURED) continue;
      envs.put(e.getKey(), topEnv(e.getKey().directory(), e.getKey().files(), e.getValue(),
          Optional.of(e.getKey().files().get(e.getKey().files().size() - 1))));
    }
    // Files the repository's scripts run layered on others (each SCRIPTED set's own files).
    Set<String> layered = new java.util.HashSet<>();
    runs.keySet().stream().filter(g -> g.origin() == ComposeProjects.Origin.SCRIPTED)
        .forEach(g -> layered.addAll(g.files()));
    List<LoadedGroup> loaded = new ArrayList<>();
    for (ComposeProjects.Group g : effective) {
      if (g.origin() == ComposeProjects.Origin.SINGLE && claimed.contains(g.files().get(0))
          && !runs.containsKey(g)) {
        continue;
      }
      // A directory's default file that the commands only ever run elsewhere, copied there
      // (corteza's .github/workflows/assets/docker-compose.yaml): judged where it runs.
      if (g.origin() == ComposeProjects.Origin.DEFAULT && !runs.containsKey(g)
          && movedAway.containsAll(g.files())) {
        continue;
      }
      int mark = diags.size();
      included.clear();
      extended.clear();
      Optional<ComposeProject> p = Optional.empty();
      try {
        List<ComposeInvocation> invocations = runs.getOrDefault(g, List.of());
        boolean onlyLayered = invocations.isEmpty()
            && g.origin() == ComposeProjects.Origin.DEFAULT && layered.containsAll(g.files());
        // only a lone file: a directory's default files are a project by themselves
        Set<String> missingBase = g.origin() == ComposeProjects.Origin.SINGLE
            && g.files().size() == 1 && invocations.isEmpty()
            && !namedWithBase.contains(g.files().get(0))
            ? onMissingBase.getOrDefault(g.files().get(0), Set.of()) : Set.of();
        if (missingBase.size() == 1) {
          // Only ever layered on a file the tree lacks: its base is unknown (a fragment), but
          // its paths are read from that file's directory, as Compose reads them.
          p = loadProject(g.files(), missingBase.iterator().next(), envs.get(g))
              .map(x -> x.withBasis(ComposeProject.Basis.FRAGMENT));
        } else {
          p = loadGroup(g, effective, envs, !invocations.isEmpty(), onlyLayered)
              .map(x -> x.withInvocations(invocations));
        }
      } catch (RuntimeException | StackOverflowError e) {
        // A bug on one project must not hide the others.
        diags.add(new Diagnostic(Range.wholeFile(g.files().get(0)), Diagnostic.Kind.INTERNAL,
            "compose loading failed: " + e));
      }
      List<Diagnostic> own = new ArrayList<>(diags.subList(mark, diags.size()));
      diags.subList(mark, diags.size()).clear();
      loaded.add(new LoadedGroup(g, p, new ComposeProjects.Uses(included, extended), own));
    }
    // A file another project pulls in (include, extends.file) is judged as part of that project,
    // never alone: its problems alone (and their diagnostics) are not Compose's.
    Map<ComposeProjects.Group, ComposeProjects.Uses> uses = new LinkedHashMap<>();
    loaded.forEach(l -> uses.put(l.group(), l.uses()));
    // A base most of whose services nothing extends (komodo's dev.compose.yaml: its devcontainer
    // file extends only `ferretdb` from it, and core and periphery are there to be run) is a
    // project of its own as well; a library of bases (zabbix's compose_zabbix_components.yaml,
    // whose services the version files and its own variants extend) is not.
    Set<ComposeProjects.Group> standalone = ComposeProjects.standalone(uses, f -> {
      Set<String> all = serviceNames(f);
      Set<String> lent = lentServices.getOrDefault(f, Set.of());
      long own = all.stream().filter(n -> !lent.contains(n)).count();
      return own * 2 > all.size();
    });
    List<ComposeProject> out = new ArrayList<>();
    for (LoadedGroup l : loaded) {
      if (!standalone.contains(l.group())) continue;
      diags.addAll(l.diagnostics());
      l.project().ifPresent(out::add);
    }
    return out;
  }

  /**
   * Files the repository's scripts only run layered after a first file that is not in the tree,
   * to that file's directory (or directories); files some run names with an existing base or
   * alone are in {@link #namedWithBase} and judged as usual.
   */
  private final Map<String, Set<String>> onMissingBase = new java.util.HashMap<>();
  private final Set<String> namedWithBase = new java.util.HashSet<>();

  /** Scripted file sets beyond this many distinct ones are not loaded (each is a project). */
  static final int MAX_SCRIPTED_SETS = 64;

  /** Files the repository's commands copy to another directory's default name and run there. */
  private final Set<String> movedAway = new java.util.HashSet<>();

  /**
   * The repository's invocations, by the group each runs: the default group of its directory
   * when it names no file, the group with exactly its files, or a new SCRIPTED group.
   */
  private Map<ComposeProjects.Group, List<ComposeInvocation>> scripted(
      List<ComposeProjects.Group> groups, List<String> walked) {
    // A new set only for files under the linted paths (not another directory's, nor with -f,
    // which is the whole set): results must not depend on where the root is.
    Set<String> linted = options.onlyGroups() ? Set.of() : new java.util.HashSet<>(walked);
    Map<ComposeProjects.Group, List<ComposeInvocation>> out = new LinkedHashMap<>();
    int created = 0;
    for (ComposeInvocation inv : options.invocations()) {
      Optional<ComposeProjects.Group> target = groups.stream()
          .filter(g -> inv.files().isEmpty()
              ? g.origin() == ComposeProjects.Origin.DEFAULT
                  && g.directory().equals(inv.directory())
              : g.files().equals(inv.files()) && inv.projectDirectory().isEmpty())
          .findFirst();
      String base = inv.files().isEmpty() ? "" : inv.files().get(0);
      if (target.isEmpty() && inv.files().size() >= 2 && !fs.present(base)
          && !Paths.dir(base).isEmpty() && !fs.present(Paths.dir(base))) {
        // The first file is missing with its whole directory: one a build step generates (awx's
        // Makefile renders tools/docker-compose/_sources/docker-compose.yml, then layers its
        // overrides on it). The later files' relative paths are that file's directory's. A
        // missing file in a directory that exists is no such sign (a typo, a local file).
        for (String f : inv.files().subList(1, inv.files().size())) {
          onMissingBase.computeIfAbsent(f, k -> new java.util.HashSet<>())
              .add(Paths.dir(inv.files().get(0)));
        }
      }
      if (!inv.files().isEmpty() && fs.present(inv.files().get(0))) {
        namedWithBase.addAll(inv.files());
      }
      if (target.isEmpty() && !inv.files().isEmpty() && linted.contains(inv.files().get(0))) {
        ComposeProjects.Group g = new ComposeProjects.Group(inv.files(),
            ComposeProjects.Origin.SCRIPTED, inv.projectDirectory());
        if (out.containsKey(g) || created++ < MAX_SCRIPTED_SETS) target = Optional.of(g);
      }
      // A default file of the directory that the repository's commands copy or move there
      // before they run compose (corteza's e2e workflow: `mv ./.github/workflows/assets/
      // docker-compose.yaml ./`, then `docker compose up`): that file, read from there.
      Optional<String> moved = target.isEmpty() && inv.files().isEmpty()
          ? copiedDefault(inv.directory()).filter(linted::contains) : Optional.empty();
      if (moved.isPresent()) {
        ComposeProjects.Group g = new ComposeProjects.Group(List.of(moved.get()),
            ComposeProjects.Origin.SCRIPTED, Optional.of(inv.directory()));
        if (out.containsKey(g) || created++ < MAX_SCRIPTED_SETS) {
          target = Optional.of(g);
          movedAway.add(moved.get());
        }
      }
      target.ifPresent(g -> out.computeIfAbsent(g, k -> new ArrayList<>()).add(inv));
    }
    return out;
  }

  /**
   * The repository's compose file that a command copies or moves to a default name of
   * {@code dir} where none is committed ({@code mv assets/docker-compose.yaml ./}).
   */
  private Optional<String> copiedDefault(String dir) {
    for (String name : List.of("compose.yaml", "compose.yml", "docker-compose.yml",
        "docker-compose.yaml")) {
      String dest = Paths.resolve(dir, name);
      if (fs.exists(dest)) return Optional.empty();
      String src = options.copies().get(dest);
      if (src != null && fs.exists(src)) return Optional.of(src);
    }
    return Optional.empty();
  }

  /** One group as loaded alone, with what it pulled in and the diagnostics its load produced. */
  private record LoadedGroup(ComposeProjects.Group group, Optional<ComposeProject> project,
      ComposeProjects.Uses uses, List<Diagnostic> diagnostics) {}

  /**
   * A lone file that cannot run on its own (a service with neither image nor build: Compose says
   * "has neither an image nor a build context specified"; or a service it needs that it does not
   * define) is an override fragment. It is loaded on top of its directory's default files, as
   * {@code -f docker-compose.yml -f docker-compose.dev.yml} would, when they complete it;
   * otherwise its base is unknown and it is a {@link ComposeProject.Basis#FRAGMENT}.
   * An empty lone file (only comments) is such a layer too: compose refuses it alone but
   * accepts it on top of others, where it changes nothing.
   */
  private Optional<ComposeProject> loadGroup(ComposeProjects.Group g,
      List<ComposeProjects.Group> all, Map<ComposeProjects.Group, Env> envs, boolean scripted,
      boolean onlyLayered) {
    int mark = diags.size();
    Optional<ComposeProject> alone = loadProject(g.files(), g.directory(), envs.get(g));
    // An app of a platform that starts it on a compose base of its own (an Umbrel or Runtipi app
    // store): a layer of that base, which is not in the repository.
    Optional<AppPlatforms.Platform> platform = scripted
        || g.origin() == ComposeProjects.Origin.CONFIGURED ? Optional.empty()
        : AppPlatforms.standard().of(fs.names(g.directory()), g.directory(), fs::peek);
    if (platform.isPresent()) return alone.map(p -> p.asPlatformApp(platform.get().services()));
    boolean empty = alone.isPresent() && hasNoContent(alone.get().model());
    if (!scripted && alone.isPresent() && !empty && options.attachFragments()
        && (g.origin() == ComposeProjects.Origin.SINGLE
            || g.origin() == ComposeProjects.Origin.DEFAULT)) {
      Fit own = fit(alone.get(), alone.get());
      // Compose refuses it alone (a service without image or build, one it needs it does not
      // define, or a network it joins it does not declare), or its paths are written from the
      // parent directory.
      boolean fromParent = writtenFromParent(alone.get(), g.directory());
      if (((!runsAlone(alone.get()) || own.undeclared()) && own.lacking()) || fromParent) {
        Optional<ComposeProject> above = attachAbove(g, alone.get(), own, all, envs, mark,
            fromParent);
        if (above.isPresent()) return above;
      }
      // Written from a directory further up, with no compose file there to layer it on: run
      // alone with that directory as the project directory (apisix's ci/pod/docker-compose.*.yml,
      // whose ./ci/pod/... sources its Makefile resolves with `docker compose
      // --project-directory $(CURDIR) -f $(project_compose_ci)`).
      Optional<String> ancestor = writtenFromAncestor(alone.get(), g.directory())
          .or(() -> documentedForSiblings(alone.get(), g.directory()))
          .or(() -> copiedThere(alone.get(), g));
      if (ancestor.isPresent()) {
        Optional<ComposeProject> there = instead(mark,
            () -> loadProject(g.files(), ancestor.get(), envs.get(g)), p -> true);
        if (there.isPresent()) return there.map(p -> p.withBasis(ComposeProject.Basis.ALONE));
      }
      if (onlyLayered && (!runsAlone(alone.get()) || own.undeclared()
          || pathsWithDockerfiles(alone.get()).stream().anyMatch(v -> !fs.present(v)))) {
        // Default files Compose refuses alone that the repository's scripts only run on top of
        // others (ory/hydra's test/conformance/docker-compose.yml, which start.sh layers on
        // quickstart.yml from the root, where the networks it joins are declared): judged in
        // those sets, not as the project of their directory nobody starts. So are those whose
        // relative paths exist only from the set's directory (rabbitmq's
        // examples/docker/nodered/docker-compose.yml, `build: ./docker/nodered/`, which its
        // README layers from examples/).
        diags.subList(mark, diags.size()).clear();
        return Optional.empty();
      }
    }
    if (!scripted && alone.isPresent() && !empty && options.attachFragments()
        && g.origin() == ComposeProjects.Origin.SINGLE) {
      Optional<ComposeProject> layered = onDeclarationLayer(g, alone.get(), all, envs, mark);
      if (layered.isPresent()) return layered;
      layered = onSiblingNetworks(g, alone.get(), all, envs, mark);
      if (layered.isPresent()) return layered;
      layered = completingHalves(g, alone.get(), all, envs, mark);
      if (layered.isPresent()) return layered;
    }
    if (!scripted && alone.isPresent() && !empty && g.origin() == ComposeProjects.Origin.DEFAULT
        && !runsAlone(alone.get()) && completedBySiblings(alone.get(), g, all)) {
      // A base the repository always layers with one of the files beside it (nautobot's
      // development/docker-compose.yml needs `db` from docker-compose.postgres.yml or
      // docker-compose.mysql.yml, chosen by its invoke tasks): what it lacks is theirs.
      return alone.map(p -> p.withBasis(ComposeProject.Basis.FRAGMENT));
    }
    if (!scripted && alone.isPresent() && !empty && g.origin() == ComposeProjects.Origin.DEFAULT
        && options.attachFragments() && !runsAlone(alone.get())
        && completedElsewhere(alone.get(), g, all)) {
      return alone.map(p -> p.withBasis(ComposeProject.Basis.FRAGMENT));
    }
    if (!scripted && alone.isPresent() && !empty && options.attachFragments()
        && g.origin() == ComposeProjects.Origin.SINGLE) {
      Optional<ComposeProjects.Group> above = buildVariantAbove(g, alone.get(), all);
      if (above.isPresent()) {
        // read from the base's directory, as Compose reads every file from the first one's
        Optional<ComposeProject> attached = onTopOf(above.get().files(), above.get().directory(),
            g, envs.get(g), mark, layered -> true);
        if (attached.isPresent()) return attached;
      }
    }
    if (g.origin() != ComposeProjects.Origin.SINGLE || scripted || alone.isEmpty()
        || (!empty && runsAlone(alone.get()) && !overridesBuild(alone.get())
            && !overrideByName(g) && !variantOfSiblingBuild(g, alone.get(), all))) {
      // A set the repository's scripts run is judged as it is run.
      return alone.map(p -> p.withBasis(switch (g.origin()) {
        case CONFIGURED -> ComposeProject.Basis.DECLARED;
        case DEFAULT -> ComposeProject.Basis.DISCOVERED;
        case SCRIPTED -> ComposeProject.Basis.SCRIPTED;
        case SINGLE -> scripted ? ComposeProject.Basis.SCRIPTED : ComposeProject.Basis.ALONE;
      }));
    }
    Optional<ComposeProjects.Group> base = all.stream()
        .filter(o -> o.origin() == ComposeProjects.Origin.DEFAULT
            && o.directory().equals(g.directory()))
        .findFirst();
    if (options.attachFragments() && base.isPresent()) {
      if (empty) {
        // An empty layer adds nothing: on top of the default files it is the default project.
        diags.subList(mark, diags.size()).clear();
        return Optional.empty();
      }
      Optional<ComposeProject> attached = onTopOf(base.get().files(), g, envs.get(g), mark);
      if (attached.isPresent()) return attached;
    }
    // An empty default file with nothing to sit on is refused as it is (an empty project). An
    // empty file of another name is only ever given with -f, on top of others: a placeholder
    // layer (thingsboard's docker-compose.postgres-test-extras.yml, `# Placeholder`, which its
    // Java test suite adds to its file set), where it changes nothing.
    if (empty && g.origin() == ComposeProjects.Origin.SINGLE && options.attachFragments()) {
      return Optional.empty();
    }
    return alone.map(p -> p.withBasis(empty ? ComposeProject.Basis.ALONE
        : ComposeProject.Basis.FRAGMENT));
  }

  /** Directories above a fragment searched for the files it is layered on. */
  static final int MAX_ANCESTORS = 6;

  /**
   * A fragment layered on the compose file of a directory above it, as a test runner does with
   * {@code -f internal/suites/compose.yml -f internal/suites/example/compose/redis/compose.yml}
   * (authelia): the project directory is then the first file's, so the fragment's relative bind
   * sources are written from there, and the networks it joins are declared there. Loaded on top
   * of the nearest directory above whose default files that evidence names (more of its relative
   * bind sources exist from there, most of them, or the networks it joins are declared there and
   * not in the fragment, and nothing fits worse); without evidence nothing is attached. Only a
   * file Compose refuses alone is a candidate, so a file that runs on its own keeps its missing
   * sources.
   * The result is {@link ComposeProject.Basis#ATTACHED} when it then runs,
   * {@link ComposeProject.Basis#FRAGMENT} otherwise (other layers are still missing).
   */
  private Optional<ComposeProject> attachAbove(ComposeProjects.Group g, ComposeProject alone,
      Fit own, List<ComposeProjects.Group> all, Map<ComposeProjects.Group, Env> envs, int mark,
      boolean fromParent) {
    String dir = g.directory();
    // Written from the parent directory: only there, where its paths point.
    int depths = fromParent ? 1 : MAX_ANCESTORS;
    for (int depth = 0; depth < depths && !dir.isEmpty(); depth++) {
      dir = Paths.dir(dir);
      String d = dir;
      Optional<ComposeProjects.Group> base = all.stream()
          .filter(o -> o.origin() == ComposeProjects.Origin.DEFAULT && o.directory().equals(d)
              && !o.files().containsAll(g.files()))
          .findFirst();
      if (base.isEmpty()) continue;
      List<Diagnostic> aloneDiags = new ArrayList<>(diags.subList(mark, diags.size()));
      diags.subList(mark, diags.size()).clear();
      List<String> files = new ArrayList<>(base.get().files());
      files.addAll(g.files());
      // A fragment that builds or mounts from $PWD is read with the base's variables and the
      // PWD its paths name, from the files together (WorkingDirectory: baserow's override, run
      // from its own directory on top of the root file).
      Env baseEnv = envs.getOrDefault(base.get(), envs.get(g));
      Map<String, String> texts = parsedTexts(files);
      Env env = texts.values().stream().anyMatch(t -> PWD_USE.matcher(t).find())
          ? withPwd(baseEnv, fs.absolute(WorkingDirectory.of(d, texts, fs::present)))
          : baseEnv;
      Optional<ComposeProject> attached = loadProject(files, d, env);
      Fit there = attached.isPresent() ? fit(alone, attached.get()) : own;
      // Volumes alone are weak evidence (a standalone example that forgets to declare pgdata,
      // which the root file happens to declare): only for a file of a CI configuration directory
      // that overrides a service of that base (pimcore's .github/ci/files/docker-compose.yaml
      // redefines the root file's db; its workflow layers it with -f).
      boolean volumesOnly = attached.isPresent() && there.onlyVolumesBetter(own);
      boolean overrides = !volumesOnly || Paths.inCiDirectory(g.files().get(0))
          && base.get().files().stream().anyMatch(f -> !java.util.Collections.disjoint(
              serviceNames(f), alone.services().keySet()));
      if (attached.isPresent() && overrides
          && (fromParent ? there.findsMore(own) : there.betterThan(own))) {
        return attached.map(p -> p.withBasis(runsAlone(p) ? ComposeProject.Basis.ATTACHED
            : ComposeProject.Basis.FRAGMENT));
      }
      diags.subList(mark, diags.size()).clear();
      diags.addAll(aloneDiags);
    }
    return Optional.empty();
  }

  /**
   * How well a project's directory and declarations fit a fragment's services: relative bind
   * sources that exist, of how many, and the networks they join and the named volumes they
   * mount that are declared, of how many (pimcore/demo's CI file mounts the database volume the
   * root file declares).
   */
  private record Fit(int bindsFound, int binds, int networksDeclared, int networks,
      int volumesDeclared, int volumes) {
    boolean lacking() {
      return bindsFound < binds || undeclared();
    }

    /** A network it joins or a named volume it mounts is not declared: Compose refuses it. */
    boolean undeclared() {
      return networksDeclared < networks || volumesDeclared < volumes;
    }

    /** Better than {@code o} only by the volumes it declares. */
    boolean onlyVolumesBetter(Fit o) {
      return bindsFound == o.bindsFound && networksDeclared == o.networksDeclared
          && volumesDeclared > o.volumesDeclared;
    }

    private boolean declaresAll() {
      return networksDeclared == networks && volumesDeclared == volumes;
    }

    private boolean declaresNoLess(Fit o) {
      return networksDeclared >= o.networksDeclared && volumesDeclared >= o.volumesDeclared;
    }

    /**
     * Finds more bind sources than {@code o} and declares every network and volume: enough for
     * a file whose paths are written from the parent (its data directories need not exist yet).
     */
    boolean findsMore(Fit o) {
      return bindsFound > o.bindsFound && declaresNoLess(o) && declaresAll();
    }

    /**
     * Finds more and no less than {@code o}, declares every network and volume, and finds most
     * bind sources (one the base's directory lacks too may be a real problem, judged there).
     */
    boolean betterThan(Fit o) {
      return bindsFound >= o.bindsFound && declaresNoLess(o)
          && (bindsFound > o.bindsFound || networksDeclared > o.networksDeclared
              || volumesDeclared > o.volumesDeclared)
          && declaresAll() && (binds == 0 || bindsFound * 2 > binds);
    }
  }

  /** A named volume's name as Compose accepts it (compose-spec: [a-zA-Z0-9][a-zA-Z0-9_.-]+). */
  private static final java.util.regex.Pattern VOLUME_NAME =
      java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*+");

  private Fit fit(ComposeProject fragment, ComposeProject in) {
    int bindsFound = 0;
    int binds = 0;
    int declared = 0;
    int networks = 0;
    int volumesDeclared = 0;
    int volumes = 0;
    for (String name : fragment.services().keySet()) {
      Service s = in.services().get(name);
      if (s == null) continue;
      for (Mount m : s.volumes()) {
        if (m.type() != Mount.Type.BIND || m.hostPath().isEmpty()
            || !m.source().map(x -> x.value().startsWith(".")).orElse(false)) {
          continue;
        }
        binds++;
        if (fs.present(m.hostPath().get())) bindsFound++;  // root-relative already
      }
      for (ServiceNetwork n : s.networks()) {
        if (n.name().value().equals("default")) continue;
        networks++;
        if (in.networks().containsKey(n.name().value())) declared++;
      }
      for (Mount m : s.volumes()) {
        // a name Compose would see: not one made with a blank variable (authelia's
        // ${GOPATH}:/go, a bind path once GOPATH is set)
        if (m.type() != Mount.Type.VOLUME || m.source().isEmpty()
            || !VOLUME_NAME.matcher(m.source().get().value()).matches()
            || in.blanked(m.source().get().range()) || fragment.blanked(m.source().get().range())) {
          continue;
        }
        volumes++;
        if (in.volumes().containsKey(m.source().get().value())) volumesDeclared++;
      }
    }
    return new Fit(bindsFound, binds, declared, networks, volumesDeclared, volumes);
  }

  /**
   * A lone file in a subdirectory whose relative bind sources name that subdirectory again
   * ({@code ./dev/services.yml} in {@code dev/docker-compose.full.m1.yml}): they are written from
   * the parent, where the file is meant to be layered on the parent's compose file (statping-ng's
   * Makefile runs the sibling {@code dev/docker-compose.full.yml} as {@code -f docker-compose.yml
   * -f dev/docker-compose.full.yml}). At least two such sources, and more than half of its
   * relative ones.
   */
  private boolean writtenFromParent(ComposeProject p, String dir) {
    if (dir.isEmpty()) return false;
    // Sources come rewritten relative to the root (./dev/x in dev/ reads ./dev/dev/x).
    String again = dir + "/" + dir.substring(dir.lastIndexOf('/') + 1) + "/";
    int relative = 0;
    int repeated = 0;
    int onlyFromParent = 0;
    for (Service s : p.services().values()) {
      for (Mount m : s.volumes()) {
        Optional<String> src = m.source().map(Located::value).filter(v -> v.startsWith("."));
        if (m.type() != Mount.Type.BIND || src.isEmpty()) continue;
        relative++;
        String v = src.get().startsWith("./") ? src.get().substring(2) : src.get();
        if (!v.startsWith(again)) continue;
        repeated++;
        // missing as read here, there from the parent (fides's one init script:
        // ./docker/sample_data/mysql_example.sql in docker/, "Because we're using the -f flag
        // from a parent directory, this relative path needs to be from the parent directory")
        String fromParent = Paths.resolve(Paths.dir(dir), v.substring(dir.length() + 1));
        if (!fs.present(v) && fs.present(fromParent)) onlyFromParent++;
      }
    }
    return repeated * 2 > relative && (repeated >= 2 || onlyFromParent == repeated);
  }

  /**
   * The directory a lone file's relative paths (bind sources, env files, build contexts) are
   * written from when that is two or more levels up: paths that repeat the file's last
   * directories ({@code ./ci/pod/opa/x.rego} in {@code ci/pod/}, read as
   * {@code ci/pod/ci/pod/opa/x.rego}) and exist from there. At least two such paths, and more
   * than half of its relative ones. One level up is
   * {@link #writtenFromParent}'s, where the parent's compose file is the base.
   */
  private Optional<String> writtenFromAncestor(ComposeProject p, String dir) {
    String[] parts = dir.isEmpty() ? new String[0] : dir.split("/");
    for (int k = 2; k <= parts.length; k++) {
      String up = String.join("/", java.util.Arrays.copyOf(parts, parts.length - k));
      String tail = String.join("/", java.util.Arrays.copyOfRange(parts, parts.length - k,
          parts.length));
      String again = dir + "/" + tail + "/";
      int relative = 0;
      int repeated = 0;
      for (String v : relativePaths(p)) {
        relative++;
        if (v.startsWith(again) && fs.present(Paths.resolve(up, tail + "/"
            + v.substring(again.length())))) {
          repeated++;
        }
      }
      if (repeated >= 2 && repeated * 2 > relative) return Optional.of(up);
    }
    return Optional.empty();
  }

  /**
   * The project directory the repository's commands give every compose file of {@code dir} they
   * run (one directory, at least one run, each with {@code --project-directory}), when this lone
   * sibling's relative paths are written from there: some are missing from its own directory and
   * exist from there, and none exists only from its own (featbit's docker/composes/README.md: "run these compose
   * files from the root directory", showing `--project-directory .` for one of them, and its
   * other files mount ./infra/... from the root the same way). Without such a command, paths
   * that exist only from a directory above are a stale move (BTH306's finding).
   */
  private Optional<String> documentedForSiblings(ComposeProject p, String dir) {
    Set<String> given = new LinkedHashSet<>();
    for (ComposeInvocation inv : options.invocations()) {
      if (inv.files().isEmpty() || !inv.files().stream().allMatch(f -> Paths.dir(f).equals(dir))) {
        continue;
      }
      if (inv.projectDirectory().isEmpty()) return Optional.empty();
      given.add(inv.projectDirectory().get());
    }
    if (given.size() != 1) return Optional.empty();
    String there = given.iterator().next();
    if (there.equals(dir)) return Optional.empty();
    return writtenFrom(p, dir, there) ? Optional.of(there) : Optional.empty();
  }

  /**
   * The relative paths of a project in {@code dir} are written from {@code there}: some are
   * missing here and exist from there, and none exists only here.
   */
  private boolean writtenFrom(ComposeProject p, String dir, String there) {
    return writtenFrom(relativePaths(p), dir, there);
  }

  private boolean writtenFrom(List<String> paths, String dir, String there) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    int fits = 0;
    for (String v : paths) {
      if (v.equals(dir)) continue; // `context: .`: a directory both ways
      if (!v.startsWith(prefix)) return false;
      boolean fromThere = fs.present(Paths.resolve(there, v.substring(prefix.length())));
      // a path that exists here and not from there says it is written from here
      if (fs.present(v) && !fromThere) return false;
      if (!fs.present(v) && fromThere) fits++;
    }
    return fits > 0;
  }

  /**
   * The directory a repository script copies this lone file into (aleph's
   * contrib/keycloak/prep-for-use.sh: `cp docker-compose.dev-keycloak.yml ../../`, then the
   * Makefile runs it at the root), when its relative paths are written from there
   * ({@link #writtenFrom}): it is run there, not where it is kept.
   */
  private Optional<String> copiedThere(ComposeProject p, ComposeProjects.Group g) {
    if (g.files().size() != 1) return Optional.empty();
    String file = g.files().get(0);
    for (Map.Entry<String, String> c : options.copies().entrySet()) {
      if (!c.getValue().equals(file)) continue;
      String there = Paths.dir(c.getKey());
      there = there.equals(".") ? "" : there;
      if (there.equals(g.directory()) || fs.exists(c.getKey())) continue;
      // the Dockerfiles count too: open-notebook's examples/docker-compose-single.yml (`context:
      // .`, `dockerfile: Dockerfile`), which its README copies to the root, where the file is
      if (writtenFrom(pathsWithDockerfiles(p), g.directory(), there)) return Optional.of(there);
    }
    return Optional.empty();
  }

  /**
   * The paths a project's services name relative to its directory, root-relative as the loader
   * resolved them: bind sources written with {@code .}, env files and local build contexts.
   */
  private static List<String> relativePaths(ComposeProject p) {
    List<String> out = new ArrayList<>();
    for (Service s : p.services().values()) {
      for (Mount m : s.volumes()) {
        Optional<String> src = m.source().map(Located::value).filter(v -> v.startsWith("."));
        if (m.type() != Mount.Type.BIND || src.isEmpty()) continue;
        out.add(src.get().startsWith("./") ? src.get().substring(2) : src.get());
      }
      for (EnvFileRef e : s.envFiles()) {
        String v = e.path().value();
        out.add(v.startsWith("./") ? v.substring(2) : v);
      }
      s.build().flatMap(Build::contextPath).filter(c -> !c.isEmpty() && !c.equals("."))
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * {@link #relativePaths} and each build's Dockerfile: a context of the same name may exist
   * from both directories (rabbitmq's rabbitmq_auth_backend_django/docker-compose.yml, `build:
   * rabbitmq_auth_backend_django`, the Django project's own directory beside it, whose Dockerfile
   * is only in the layered set's rabbitmq_auth_backend_django/).
   */
  private static List<String> pathsWithDockerfiles(ComposeProject p) {
    List<String> out = relativePaths(p);
    for (Service s : p.services().values()) {
      s.build().filter(b -> b.dockerfile().map(Located::value)
              .filter(d -> d.startsWith("/") || d.contains("$")).isEmpty())
          .flatMap(Build::dockerfilePath).filter(d -> !d.startsWith("..")).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Every service another service of {@code p} needs and {@code p} lacks is defined by a lone
   * compose file in the same directory: the files are layers of one setup.
   */
  private boolean completedBySiblings(ComposeProject p, ComposeProjects.Group g,
      List<ComposeProjects.Group> all) {
    Lacks lacks = Lacks.of(p);
    if (lacks.imageless() || lacks.services().isEmpty()) return false;
    Set<String> missing = new LinkedHashSet<>(lacks.services());
    for (ComposeProjects.Group o : all) {
      if (o.origin() != ComposeProjects.Origin.SINGLE || !o.directory().equals(g.directory())
          || g.files().containsAll(o.files())) {
        continue;
      }
      for (String f : o.files()) missing.removeAll(serviceNames(f));
    }
    return missing.isEmpty();
  }

  /**
   * A default file below the root that Compose refuses alone whose missing services one YAML file
   * elsewhere in the repository, itself no compose project berth lints, defines, that file also
   * declaring every named volume and network it uses and does not declare: a layer of that file,
   * which a script puts first (IntelOwl's
   * integrations/NAME/compose.yml, each needing `uwsgi` and the `generic_logs` volume of
   * docker/default.yml, which its start script always loads before them, from docker/). Judged on
   * what it says alone, as a fragment whose base is unknown to berth.
   */
  private boolean completedElsewhere(ComposeProject p, ComposeProjects.Group g,
      List<ComposeProjects.Group> all) {
    Lacks lacks = Lacks.of(p);
    if (lacks.imageless() || lacks.services().isEmpty() || g.directory().isEmpty()) return false;
    // Only a base that is no compose project of its own (IntelOwl's docker/default.yml, which
    // nothing but the start script loads): another directory's compose.yml that happens to define
    // `db` is a project of its own, and a file that needs it is broken, not layered. YAML files
    // of the directories above this one, of the root and of the root's own directories.
    Set<String> grouped = new java.util.HashSet<>();
    for (ComposeProjects.Group o : all) grouped.addAll(o.files());
    Set<String> candidates = new LinkedHashSet<>();
    Set<String> dirs = new LinkedHashSet<>();
    for (String d = Paths.dir(g.directory()); ; d = Paths.dir(d)) {
      dirs.add(d.equals(".") ? "" : d);
      if (d.isEmpty() || d.equals(".")) break;
    }
    for (String child : fs.names("")) {
      if (!child.startsWith(".") && fs.names(child).size() > 0) dirs.add(child);
    }
    for (String d : dirs) {
      if (d.equals(g.directory())) continue;
      for (String n : fs.names(d)) {
        if (n.endsWith(".yml") || n.endsWith(".yaml")) candidates.add(Paths.resolve(d, n));
      }
    }
    int read = 0;
    for (String f : candidates) {
      if (grouped.contains(f) || read++ >= MAX_BASE_CANDIDATES) continue;
      if (serviceNames(f).containsAll(lacks.services())
          && topLevelNames(f, "volumes").containsAll(lacks.volumes())
          && topLevelNames(f, "networks").containsAll(lacks.networks())) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a lone file needs and does not define: services it references, named volumes it
   * mounts, networks it joins (not `default`, not under a network_mode); and whether a service has
   * neither image, build nor extends (Compose refuses it whatever it is layered on).
   */
  private record Lacks(Set<String> services, Set<String> volumes, Set<String> networks,
      boolean imageless) {
    static Lacks of(ComposeProject p) {
      Set<String> services = new LinkedHashSet<>();
      Set<String> volumes = new LinkedHashSet<>();
      Set<String> networks = new LinkedHashSet<>();
      boolean imageless = false;
      for (Service s : p.services().values()) {
        imageless |= s.image().isEmpty() && s.build().isEmpty() && s.extendsRef().isEmpty();
        for (Service.ServiceRef ref : s.serviceReferences()) {
          if (!p.services().containsKey(ref.target().value())) services.add(ref.target().value());
        }
        for (Mount m : s.volumes()) {
          if (m.type() == Mount.Type.VOLUME && m.source().isPresent()
              && !p.volumes().containsKey(m.source().get().value())) {
            volumes.add(m.source().get().value());
          }
        }
        if (s.networkMode().isEmpty()) {
          for (ServiceNetwork n : s.networks()) {
            String name = n.name().value();
            if (!name.equals("default") && !p.networks().containsKey(name)) networks.add(name);
          }
        }
      }
      return new Lacks(services, volumes, networks, imageless);
    }
  }

  /** YAML files read at most when looking for the base of a fragment elsewhere. */
  private static final int MAX_BASE_CANDIDATES = 200;

  /**
   * A lone file that joins networks or uses volumes it does not declare, beside a compose file
   * that defines no service and declares some of them: that file is a declaration layer the
   * repository puts first ({@code docker stack deploy -c docker-compose.default.yml -c
   * docker-compose.kit.yml}, teable's swarm example, its script passing the second file through
   * a variable). A file without services exists only to be layered, so the lone file is judged
   * on top of it, as Compose would load the pair; whatever the layer does not declare is still
   * the file's own problem.
   */
  private Optional<ComposeProject> onDeclarationLayer(ComposeProjects.Group g,
      ComposeProject alone, List<ComposeProjects.Group> all, Map<ComposeProjects.Group, Env> envs,
      int mark) {
    Lacks lacks = Lacks.of(alone);
    Set<String> networks = lacks.networks();
    Set<String> volumes = lacks.volumes();
    if (networks.isEmpty() && volumes.isEmpty()) return Optional.empty();
    for (ComposeProjects.Group o : all) {
      if (o.files().size() != 1 || !o.directory().equals(g.directory())
          || g.files().containsAll(o.files())) {
        continue;
      }
      String layer = o.files().get(0);
      if (!topLevelNames(layer, "services").isEmpty()
          || (java.util.Collections.disjoint(topLevelNames(layer, "networks"), networks)
              && java.util.Collections.disjoint(topLevelNames(layer, "volumes"), volumes))) {
        continue;
      }
      Optional<ComposeProject> layered = onTopOf(o.files(), g, envs.get(g), mark);
      if (layered.isPresent()) return layered;
    }
    return Optional.empty();
  }

  /**
   * A lone file that joins networks it does not declare, which the default files of its own
   * directory declare: a layer of those files, as {@code -f docker-compose.yaml -f THIS} (emqx's
   * .ci/docker-compose-file/docker-compose-*.yaml, which its test runner adds one by one to the
   * directory's docker-compose.yaml, where the network they all join is declared). A network
   * name is specific enough to be evidence; a named volume is not (a standalone example that
   * forgets {@code pgdata}), so volumes alone attach nothing here.
   */
  private Optional<ComposeProject> onSiblingNetworks(ComposeProjects.Group g,
      ComposeProject alone, List<ComposeProjects.Group> all, Map<ComposeProjects.Group, Env> envs,
      int mark) {
    Fit own = fit(alone, alone);
    if (own.networksDeclared() == own.networks()) return Optional.empty();
    Optional<ComposeProjects.Group> base = all.stream()
        .filter(o -> o.origin() == ComposeProjects.Origin.DEFAULT
            && o.directory().equals(g.directory()) && !o.files().containsAll(g.files()))
        .findFirst();
    if (base.isEmpty()) return Optional.empty();
    Optional<ComposeProject> attached = onTopOf(base.get().files(), g.directory(), g,
        envs.get(g), mark, layered -> fit(alone, layered).networksDeclared()
            > own.networksDeclared());
    if (attached.isPresent()) return attached;
    // A base that itself needs another sibling to run (dataease's docker-compose.yml, whose
    // services depend on the database of docker-compose-mysql.yml, as its dectl script layers
    // them): the layer is judged on it all the same when its own services lack nothing there;
    // what the base lacks is the base's (a fragment, judged on what it says).
    List<String> files = new ArrayList<>(base.get().files());
    files.addAll(g.files());
    Set<String> layerServices = alone.services().keySet();
    return instead(mark, () -> loadProject(files, g.directory(), envs.get(g)),
        layered -> fit(alone, layered).networksDeclared() > own.networksDeclared()
            && servicesComplete(layered, layerServices))
        .map(p -> p.withBasis(ComposeProject.Basis.FRAGMENT));
  }

  /**
   * A lone file and its directory's default file that each complete the other: the lone file
   * uses volumes or networks only the default file declares, and the default file's services
   * depend on (or otherwise name) a service only the lone file defines (OpenVidu's local-meet:
   * docker-compose.base.yaml's {@code setup} mounts the volumes docker-compose.yaml declares, whose
   * services wait for {@code setup}). Neither runs alone; together, as {@code -f THIS -f
   * docker-compose.yaml}, they are one project, judged as such.
   */
  private Optional<ComposeProject> completingHalves(ComposeProjects.Group g,
      ComposeProject alone, List<ComposeProjects.Group> all, Map<ComposeProjects.Group, Env> envs,
      int mark) {
    Lacks lacks = Lacks.of(alone);
    if (lacks.volumes().isEmpty() && lacks.networks().isEmpty()) return Optional.empty();
    Set<String> mine = alone.services().keySet();
    for (ComposeProjects.Group o : all) {
      if (o.origin() != ComposeProjects.Origin.DEFAULT || !o.directory().equals(g.directory())
          || o.files().containsAll(g.files())) {
        continue;
      }
      Set<String> theirs = new LinkedHashSet<>();
      for (String f : o.files()) theirs.addAll(topLevelNames(f, "services"));
      theirs.removeAll(mine);
      if (theirs.isEmpty()) continue;
      List<String> files = new ArrayList<>(g.files());
      files.addAll(o.files());
      Optional<ComposeProject> both = instead(mark,
          () -> loadProject(files, g.directory(), envs.get(g)),
          p -> runsAlone(p) && Lacks.of(p).volumes().isEmpty()
              && Lacks.of(p).networks().isEmpty() && names(p, theirs, mine));
      if (both.isPresent()) return both.map(p -> p.withBasis(ComposeProject.Basis.ATTACHED));
    }
    return Optional.empty();
  }

  /** Whether one of the services {@code from} names one of the services {@code to}. */
  private static boolean names(ComposeProject p, Set<String> from, Set<String> to) {
    for (String name : from) {
      Service s = p.services().get(name);
      if (s == null) continue;
      for (Service.ServiceRef ref : s.serviceReferences()) {
        if (to.contains(ref.target().value())) return true;
      }
    }
    return false;
  }

  /** The named services of {@code p} have an image or build, and what they refer to exists. */
  private static boolean servicesComplete(ComposeProject p, Set<String> names) {
    for (String n : names) {
      Service s = p.services().get(n);
      if (s == null) return false;
      if (s.image().isEmpty() && s.build().isEmpty() && s.extendsRef().isEmpty()) return false;
      for (Service.ServiceRef ref : s.serviceReferences()) {
        if (!p.services().containsKey(ref.target().value())) return false;
      }
    }
    return true;
  }

  /**
   * The group loaded on top of {@code base} (as {@code -f base... -f group...}), from the
   * group's directory: {@link ComposeProject.Basis#ATTACHED} when that runs, its diagnostics
   * replacing those of the group alone; otherwise empty, the group's own diagnostics kept.
   */
  private Optional<ComposeProject> onTopOf(List<String> base, ComposeProjects.Group g, Env env,
      int mark) {
    return onTopOf(base, g.directory(), g, env, mark, layered -> true);
  }

  /**
   * {@link #onTopOf} with the project directory {@code dir} (the group's own, or the base's for a
   * layer kept below it), kept only when {@code better} also holds of the layered project.
   */
  private Optional<ComposeProject> onTopOf(List<String> base, String dir, ComposeProjects.Group g,
      Env env, int mark, java.util.function.Predicate<ComposeProject> better) {
    List<String> files = new ArrayList<>(base);
    files.addAll(g.files());
    return instead(mark, () -> loadProject(files, dir, env),
        layered -> runsAlone(layered) && better.test(layered))
        .map(p -> p.withBasis(ComposeProject.Basis.ATTACHED));
  }

  /**
   * Another reading of the group in place of the one whose diagnostics start at {@code mark}:
   * its result, with its diagnostics, when {@code keep} accepts it; otherwise empty, the earlier
   * diagnostics back.
   */
  private Optional<ComposeProject> instead(int mark,
      java.util.function.Supplier<Optional<ComposeProject>> attempt,
      java.util.function.Predicate<ComposeProject> keep) {
    List<Diagnostic> before = new ArrayList<>(diags.subList(mark, diags.size()));
    diags.subList(mark, diags.size()).clear();
    Optional<ComposeProject> p = attempt.get();
    if (p.isPresent() && keep.test(p.get())) return p;
    diags.subList(mark, diags.size()).clear();
    diags.addAll(before);
    return Optional.empty();
  }

  /** {@code $PWD} or {@code ${PWD}}, not Compose's escaped {@code $$PWD} nor MYSQL_PWD. */
  private static final java.util.regex.Pattern PWD_USE =
      java.util.regex.Pattern.compile("(?<!\\$)\\$(?:\\{PWD\\}|PWD(?![A-Za-z0-9_]))");

  /** The texts of the files read ahead, by path (a file not read is left out). */
  private Map<String, String> parsedTexts(List<String> files) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String f : files) {
      Parsed ahead = parsedAhead.get(f);
      if (ahead != null) out.put(f, ahead.text());
    }
    return out;
  }

  /** The same variables with PWD set to {@code absoluteDir}, unless the process sets it. */
  private Env withPwd(Env env, String absoluteDir) {
    Map<String, String> process = options.useProcessEnvironment() ? options.environment() : Map.of();
    return new Env(k -> k.equals("PWD") && !process.containsKey("PWD") ? Optional.of(absoluteDir)
        : env.lookup().apply(k), env.sources());
  }

  /** The services the files of a group define together. */
  private Set<String> serviceNames(ComposeProjects.Group g) {
    Set<String> out = new java.util.HashSet<>();
    g.files().forEach(f -> out.addAll(serviceNames(f)));
    return out;
  }

  /** The top-level service names a compose file defines, from its parse (none if unread). */
  private Set<String> serviceNames(String file) {
    return topLevelNames(file, "services");
  }

  /** The names under a top-level key of a compose file, from its parse (none if unread). */
  private Set<String> topLevelNames(String file, String key) {
    Set<String> out = new LinkedHashSet<>();
    topLevelMaps(file, key).forEach(names -> out.addAll(names.keys()));
    return out;
  }

  /** The mappings under a top-level key of each document of a compose file (none if unread). */
  private List<YamlMap> topLevelMaps(String file, String key) {
    // A file without services is not a walked compose file, so it may not have been read ahead.
    Parsed ahead = parsedAhead.computeIfAbsent(file, f -> fs.peek(f)
        .map(sf -> new Parsed(sf.text(), YamlReader.read(sf))).orElse(null));
    if (ahead == null || !ahead.result().ok()) return List.of();
    List<YamlMap> out = new ArrayList<>();
    for (YamlNode doc : ahead.result().documents()) {
      if (doc instanceof YamlMap m && m.get(key).orElse(null) instanceof YamlMap under) {
        out.add(under);
      }
    }
    return out;
  }

  /**
   * A service's build names neither context nor Dockerfile, and there is no Dockerfile in the
   * file's directory (nautobot's {@code build: {target: final}}): Compose alone fails to read
   * the Dockerfile, so the file only changes the build of a file it is layered on.
   */
  private boolean overridesBuild(ComposeProject p) {
    for (Service s : p.services().values()) {
      if (s.build().isEmpty() || s.build().get().dockerfileInline().isPresent()) continue;
      // A build that names its Dockerfile may name it wrongly: that stays BTH305's finding.
      // The default context compose-go adds (TreeOps.defaultBuildContext) spans the build mapping.
      boolean pathWritten = s.definition().get("build").filter(b -> !(b instanceof YamlMap m)
          || m.get("context").filter(c -> !c.range().equals(m.range())).isPresent()
          || m.get("dockerfile").isPresent()).isPresent();
      if (!pathWritten && s.build().get().dockerfilePath().filter(fs::exists).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A lone file whose services all share their names with the default files of its directory and
   * whose builds name a Dockerfile but no context, a Dockerfile missing from the file's own
   * directory (ErsatzTV's docker/docker-compose.vaapi.yml: `build: {dockerfile:
   * docker/Dockerfile}` and `devices:` for the `ersatztv` that docker-compose.yml builds with
   * `context: ..`): a hardware variant layered on them, whose build is theirs.
   */
  private boolean variantOfSiblingBuild(ComposeProjects.Group g, ComposeProject p,
      List<ComposeProjects.Group> all) {
    if (g.files().size() != 1) return false;
    Optional<ComposeProjects.Group> base = all.stream()
        .filter(o -> o.origin() == ComposeProjects.Origin.DEFAULT
            && o.directory().equals(g.directory()))
        .findFirst();
    if (base.isEmpty() || !serviceNames(base.get()).containsAll(p.services().keySet())) {
      return false;
    }
    Set<String> baseBuilds = buildingServices(base.get());
    boolean variant = false;
    for (Service s : p.services().values()) {
      if (s.build().isEmpty()) continue;
      boolean contextWritten = s.definition().get("build").filter(b -> !(b instanceof YamlMap m)
          || m.get("context").filter(c -> !c.range().equals(m.range())).isPresent()).isPresent();
      if (contextWritten) return false;
      // A build that names no path at all over a service the default files build only changes
      // how that build runs (CompreFace's dev/docker-compose.multiplatform.yml: `build:
      // {platforms: [...]}` for the services docker-compose.yml builds from ../db and ../java),
      // whether or not a Dockerfile happens to sit beside it.
      boolean dockerfileWritten = s.definition().get("build")
          .filter(b -> b instanceof YamlMap m && m.get("dockerfile").isPresent()).isPresent();
      if (!dockerfileWritten && baseBuilds.contains(s.name().value())) {
        variant = true;
        continue;
      }
      if (s.build().get().dockerfilePath().filter(fs::exists).isPresent()) return false;
      variant = true;
    }
    return variant;
  }

  /** The services the files of a group give a {@code build}, from their parse. */
  private Set<String> buildingServices(ComposeProjects.Group g) {
    Set<String> out = new java.util.HashSet<>();
    for (String file : g.files()) {
      for (YamlMap services : topLevelMaps(file, "services")) {
        for (YamlMap.Entry e : services.entries()) {
          if (e.value() instanceof YamlMap svc && svc.get("build").isPresent()) out.add(e.name());
        }
      }
    }
    return out;
  }

  /**
   * The default files of a directory above a lone file that only re-declares their services'
   * builds, with Dockerfiles that exist from there and not from its own directory: a build
   * overlay moved into a subdirectory, which the repository's scripts layer on the root file
   * (aliasvault's dockerfiles/docker-compose.build.yml, `context: .` and
   * `dockerfile: apps/server/AliasVault.Api/Dockerfile`, added to `docker compose -f
   * docker-compose.yml` by install.sh through a variable). Compose resolves every file's paths
   * from the first file's directory.
   */
  private Optional<ComposeProjects.Group> buildVariantAbove(ComposeProjects.Group g,
      ComposeProject p, List<ComposeProjects.Group> all) {
    if (g.files().size() != 1 || g.directory().isEmpty()) return Optional.empty();
    String prefix = g.directory() + "/";
    for (String up = Paths.dir(g.directory()); ; up = Paths.dir(up)) {
      String dir = up.equals(".") ? "" : up;
      Optional<ComposeProjects.Group> base = all.stream()
          .filter(o -> o.origin() == ComposeProjects.Origin.DEFAULT && o.directory().equals(dir))
          .findFirst();
      if (base.isPresent()) {
        if (!serviceNames(base.get()).containsAll(p.services().keySet())) return Optional.empty();
        int fits = 0;
        for (Service s : p.services().values()) {
          Optional<String> df = s.build().flatMap(Build::dockerfilePath);
          if (df.isEmpty()) continue;
          if (fs.exists(df.get()) || !df.get().startsWith(prefix)) return Optional.empty();
          String fromThere = Paths.resolve(dir, df.get().substring(prefix.length()));
          if (!fs.exists(fromThere)) return Optional.empty();
          fits++;
        }
        return fits > 0 ? base : Optional.empty();
      }
      if (dir.isEmpty()) return Optional.empty();
    }
  }

  /**
   * A lone file named as Compose's override file ({@code compose.override.yml}): Compose reads it
   * only on top of the main file of its directory, and there is none beside it here, so what it
   * sits on is a file berth does not see (openziti's quickstart/test/compose.override.yml, which
   * its test script copies beside the renamed docker/simplified-docker-compose.yml).
   */
  private static boolean overrideByName(ComposeProjects.Group g) {
    return g.files().size() == 1
        && ComposeProjects.OVERRIDE_FILES.contains(Paths.fileName(g.files().get(0)));
  }

  /** Every service has an image or a build, and every service it needs is defined. */
  private static boolean runsAlone(ComposeProject p) {
    return servicesComplete(p, p.services().keySet());
  }

  /**
   * The environment of a project the repository's scripts run: their {@code --env-file} files
   * replace {@code .env} when every invocation passes the same ones (and none is given to berth),
   * and the variables they export count as set.
   */
  private Env topEnv(String projectDir, List<String> files, List<ComposeInvocation> runs,
      Optional<String> hint) {
    Map<String, String> process = options.useProcessEnvironment() ? options.environment() : Map.of();
    List<String> envFiles = options.envFiles();
    List<String> copiedEnv = new ArrayList<>();
    Set<String> exported = new java.util.TreeSet<>();
    runs.forEach(r -> exported.addAll(r.exported()));
    boolean fromRuns = false;
    if (envFiles.isEmpty() && !runs.isEmpty() && runs.stream().allMatch(r -> r.envFilesKnown()
        && !r.envFiles().isEmpty() && r.envFiles().equals(runs.get(0).envFiles()))) {
      envFiles = runs.get(0).envFiles();
      fromRuns = true;
    }
    Map<String, String> textsByFile = parsedTexts(files);
    List<String> texts = new ArrayList<>(textsByFile.values());
    // the template of the scripts' one --env-file when they run with it missing
    Optional<String> scriptsMade = fromRuns && envFiles.size() == 1
        && !fs.exists(envFiles.get(0)) ? madeFrom(envFiles.get(0)) : Optional.empty();
    VariableSources sources;
    if (envFiles.isEmpty() && !runs.isEmpty()
        && runs.stream().allMatch(ComposeInvocation::stackDeploy)) {
      // docker stack deploy interpolates with the shell's environment only
      sources = new VariableSources(Optional.empty(), VariableSources.DotEnv.STACK_DEPLOY,
          List.of(), options.useProcessEnvironment(), Optional.empty(), exported);
    } else if (envFiles.isEmpty() && !runs.isEmpty()
        && runs.stream().noneMatch(ComposeInvocation::envFilesKnown)) {
      // Every run passes an --env-file berth cannot name (RedisInsight's start-test-run.sh:
      // --env-file $BASEDIR/$BUILD.build.env): it replaces .env, and what it sets is unknown.
      sources = new VariableSources(Optional.empty(), VariableSources.DotEnv.LINK_TO_MISSING,
          List.of(), options.useProcessEnvironment(), Optional.empty(), exported);
    } else if (envFiles.isEmpty()) {
      String dotEnv = Paths.resolve(projectDir, ".env");
      envFiles = fs.exists(dotEnv) ? List.of(dotEnv) : List.of();
      VariableSources.DotEnv state = fs.exists(dotEnv) ? VariableSources.DotEnv.PRESENT
          : fs.linkToMissing(dotEnv) ? VariableSources.DotEnv.LINK_TO_MISSING
          : VariableSources.DotEnv.ABSENT;
      // The template by its name, or the file a repository script copies or links to .env
      // (openreplay's install.sh: ln -sf common.env .env).
      Optional<VariableSources.Template> template = state == VariableSources.DotEnv.ABSENT
          ? madeFrom(dotEnv)
              .or(() -> hint.flatMap(h -> EnvTemplates.variant(dotEnv, fs::names, h)))
              .or(() -> namedEnvTemplate(projectDir, texts))
              .flatMap(this::template) : Optional.empty();
      sources = new VariableSources(Optional.of(dotEnv), state, List.of(),
          options.useProcessEnvironment(), template, exported);
      // A .env the repository's setup makes by copying a committed file (qpixel's
      // docker/local-setup.sh: cp ./docker/compose-env .env) holds exactly that file's values:
      // compose interpolates with them. A template by name only is an example to edit.
      if (state == VariableSources.DotEnv.ABSENT) {
        Optional.ofNullable(options.copies().get(dotEnv)).filter(fs::exists)
            .ifPresent(copied -> copiedEnv.add(copied));
      }
    } else if (scriptsMade.isPresent()) {
      // The scripts' one --env-file is made by their setup from a committed template, like a
      // .env (opencart's Makefile runs `docker compose --env-file=./docker/.env.docker` after
      // `make init` copies docker/.env.docker.example there): the template stands in for it,
      // and a missing file is no input berth failed to read.
      String made = envFiles.get(0);
      Optional<VariableSources.Template> template = scriptsMade.flatMap(this::template);
      envFiles = List.of();
      sources = new VariableSources(Optional.of(made), VariableSources.DotEnv.ABSENT, List.of(),
          options.useProcessEnvironment(), template, exported);
    } else if (fromRuns && envFiles.stream().anyMatch(f -> !fs.exists(f))) {
      // The scripts' --env-file is missing here and no template stands for it: their CI job or
      // setup writes it (tensorzero's `echo "TAG=..." >> fixtures/.env` before the compose
      // command), so what it sets is unknown, which is no input berth failed to read.
      String made = envFiles.stream().filter(f -> !fs.exists(f)).findFirst().orElseThrow();
      envFiles = envFiles.stream().filter(fs::exists).toList();
      sources = new VariableSources(Optional.of(made), VariableSources.DotEnv.LINK_TO_MISSING,
          List.of(), options.useProcessEnvironment(), Optional.empty(), exported);
    } else {
      sources = new VariableSources(Optional.empty(), VariableSources.DotEnv.NOT_READ, envFiles,
          options.useProcessEnvironment(), Optional.empty(), exported);
    }
    List<String> read = new ArrayList<>(envFiles);
    read.addAll(copiedEnv);
    Map<String, String> fromFiles = readEnvFiles(read, k -> Optional.ofNullable(process.get(k)),
        null);
    String absoluteDir = fs.absolute(WorkingDirectory.of(projectDir, textsByFile, fs::present));
    return new Env(k -> process.containsKey(k) ? Optional.of(process.get(k))
        : Optional.ofNullable(fromFiles.get(k))
            .or(() -> ProvidedVariables.value(k, absoluteDir)), sources);
  }

  /** The committed file an env file is made from: its template by name, or a script's copy. */
  private Optional<String> madeFrom(String envFile) {
    return EnvTemplates.findEnvFile(envFile, fs::exists)
        .or(() -> Optional.ofNullable(options.copies().get(envFile)).filter(fs::exists));
  }

  private static final java.util.regex.Pattern VARIABLE_USE =
      java.util.regex.Pattern.compile("(?<!\\$)\\$\\{?+([A-Za-z_][A-Za-z0-9_]*+)");

  /**
   * The only {@code NAME.env} beside the compose files (or, as for {@code .env}'s templates, in
   * the nearest directory above that has one), named by no compose file (an env_file is used
   * where it is, not copied), that sets at least three of the variables they interpolate, or two
   * and half of them: the template the setup copies to {@code .env} under a project's own name
   * (LibrePhotos' librephotos.env, which its install guide renames to .env; the compose file
   * says "The .env file has everything you need to edit").
   */
  private Optional<String> namedEnvTemplate(String projectDir, List<String> texts) {
    Set<String> used = new LinkedHashSet<>();
    for (String t : texts) {
      java.util.regex.Matcher m = VARIABLE_USE.matcher(t);
      while (m.find()) used.add(m.group(1));
    }
    String dir = projectDir;
    for (int depth = 0; depth < 64; depth++) {
      // named by no compose file berth read (this project's among them): an env_file, of this
      // project or another, is read where it is
      List<String> named = fs.names(dir).stream()
          .filter(n -> n.endsWith(".env") && n.length() > 4 && !n.startsWith("."))
          .filter(n -> parsedAhead.values().stream().noneMatch(x -> x.text().contains(n)))
          .toList();
      if (named.size() > 1) return Optional.empty();
      if (named.size() == 1) {
        String path = Paths.resolve(dir, named.get(0));
        Optional<VariableSources.Template> t = template(path);
        long set = t.isEmpty() ? 0
            : used.stream().filter(t.get().variables()::containsKey).count();
        return set >= 3 || (set == 2 && used.size() <= 4) ? Optional.of(path) : Optional.empty();
      }
      if (dir.isEmpty() || dir.equals(".")) return Optional.empty();
      dir = Paths.dir(dir);
    }
    return Optional.empty();
  }

  /**
   * The variables a template sets (a bare NAME line counts: the copy will name it too). Compose
   * never reads the template, so a template berth cannot read or parse is no diagnostic: it is
   * simply not used.
   */
  private Optional<VariableSources.Template> template(String path) {
    Optional<SourceFile> sf = fs.read(path, Range.wholeFile(path), new ArrayList<>());
    if (sf.isEmpty()) return Optional.empty();
    // Only names are needed: nothing is looked up.
    EnvFile.Result r = EnvFile.parse(sf.get(), k -> Optional.empty());
    Map<String, Range> vars = new LinkedHashMap<>();
    r.lines().forEach((k, line) -> vars.put(k, sf.get().lineRange(line)));
    return Optional.of(new VariableSources.Template(path, vars));
  }

  private Map<String, String> readEnvFiles(List<String> files,
      Function<String, Optional<String>> lookup, Range from) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String f : files) {
      Optional<SourceFile> sf = fs.read(Paths.normalize(f),
          from == null ? Range.wholeFile(Paths.normalize(f)) : from, diags);
      if (sf.isEmpty()) continue;
      EnvFile.Result r = EnvFile.parse(sf.get(),
          k -> values.containsKey(k) ? Optional.of(values.get(k)) : lookup.apply(k));
      for (Diagnostic d : r.diagnostics()) {
        // a line Compose refuses is a finding (BTH309); a bound berth hit is a diagnostic
        (d.kind() == Diagnostic.Kind.PARSE_ERROR ? envErrors : diags).add(d);
      }
      values.putAll(r.values());
    }
    return values;
  }

  /** What one project resolves to before it becomes the typed model. */
  private record Resolved(YamlMap model, List<UnsetVariable> unset,
      Map<String, ExtendsRef> extendsRefs) {}

  private Optional<ComposeProject> loadProject(List<String> files, String projectDir, Env env) {
    int diagStart = diags.size();
    int missingStart = missing.size();
    includesResolved = 0;
    duplicateKeys.clear();
    includes.clear();
    includeEnvs.clear();
    Optional<Resolved> r = resolve(files, projectDir, env, new ArrayDeque<>());
    if (r.isEmpty()) return Optional.empty();
    YamlMap model = r.get().model();
    UnknownValues unknown = new UnknownValues(r.get().unset());
    ComposeTypes.Result typed = ComposeTypes.apply(model, unknown);
    model = typed.model();
    Function<String, Optional<String>> lookup = env.lookup();
    Map<String, Service> services = new LinkedHashMap<>();
    ComposeModel.EnvFiles envFiles = ref -> readServiceEnvFile(ref, lookup);
    // Optional variables left unset: a container value using one is unknown, not empty.
    UnknownValues blanks = new UnknownValues(
        r.get().unset().stream().filter(u -> !u.required()).toList());
    if (model.get("services").orElse(null) instanceof YamlMap svcs) {
      for (YamlMap.Entry e : svcs.entries()) {
        if (e.value() instanceof YamlMap def) {
          services.put(e.name(), ComposeModel.service(new Located<>(e.name(), e.key().range()),
              TreeOps.defaultBuildContext(def, projectDir), envFiles,
              Optional.ofNullable(r.get().extendsRefs().get(e.name())), blanks::covers));
        }
      }
    }
    Optional<Located<String>> nameDecl = ComposeModel.scalar(model, "name");
    String name = lookup.apply("COMPOSE_PROJECT_NAME").filter(s -> !s.isBlank())
        .or(() -> nameDecl.map(Located::value))
        .orElse(projectDir.isEmpty() ? fs.rootName() : Paths.fileName(projectDir));
    List<String> profiles = new ArrayList<>();
    for (String p : lookup.apply("COMPOSE_PROFILES").orElse("").split(",")) {
      if (!p.isBlank()) profiles.add(p.trim());
    }
    List<SchemaViolation> violations = new ArrayList<>(
        ComposeSchema.standard().validate(model, unknown));
    violations.addAll(typed.castErrors());
    for (YamlReader.Duplicate d : duplicateKeys) {
      // yaml.v3, which compose-go parses with, refuses a repeated key ("mapping key "x" already
      // defined at line N"); berth keeps the first entry and reads on.
      violations.add(new SchemaViolation("", d.at(), "key '" + d.key() + "' is written twice in"
          + " one mapping (\"mapping key \"" + d.key() + "\" already defined at line "
          + d.first().startLine() + "\")", "duplicate-key " + d.key()));
    }
    if (hasNoContent(model)) violations.add(emptyProject(files, model));
    return Optional.of(new ComposeProject(normalizeName(name), nameDecl, files, projectDir,
        services, ComposeModel.resources(model, "volumes"),
        ComposeModel.resources(model, "networks"), ComposeModel.resources(model, "secrets"),
        ComposeModel.resources(model, "configs"),
        files.stream().filter(versionKeys::containsKey).map(versionKeys::get).toList(),
        dedupe(r.get().unset()), env.sources().withDocumented(documented(files, r.get().unset())),
        violations, profiles, model,
        diags.subList(diagStart, diags.size()),
        missing.subList(missingStart, missing.size()), ComposeProject.Basis.ALONE, List.of(),
        List.of()));
  }

  /**
   * The unset variables (not the required ones) a comment line of the project's files documents:
   * the files in merge order, then the included ones that use them.
   */
  private Map<String, Range> documented(List<String> files, List<UnsetVariable> unset) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> read = new LinkedHashSet<>(files);
    for (UnsetVariable u : unset) {
      if (u.required()) continue;
      names.add(u.name());
      read.add(u.range().file());
    }
    Map<String, Range> out = new LinkedHashMap<>();
    if (names.isEmpty()) return out;
    for (String f : read) {
      Optional<SourceFile> sf = fs.read(f, Range.wholeFile(f), new ArrayList<>());
      if (sf.isEmpty()) continue;
      Parsed ahead = parsedAhead.get(f);
      YamlReader.Result parsed = ahead != null && ahead.text().equals(sf.get().text())
          ? ahead.result() : YamlReader.read(sf.get());
      if (!parsed.ok()) continue;
      List<String> left = names.stream().filter(n -> !out.containsKey(n)).toList();
      DocumentedVariables.find(sf.get(), parsed.documents(), left).forEach(out::putIfAbsent);
      if (out.size() == names.size()) break;
    }
    return out;
  }

  /**
   * compose-go refuses a project whose merged files hold nothing ("empty compose file"); the
   * obsolete {@code version} key is dropped before that check, so it does not count. One empty
   * file among others is fine.
   */
  static boolean hasNoContent(YamlMap model) {
    return model.entries().stream().allMatch(e -> e.name().equals("version"));
  }

  private static SchemaViolation emptyProject(List<String> files, YamlMap model) {
    String what = model.entries().isEmpty() ? "no content" : "nothing but the obsolete 'version'";
    String who = files.size() == 1 ? files.get(0) + " has "
        : "the files " + String.join(", ", files) + " have ";
    return new SchemaViolation("", Range.wholeFile(files.get(0)),
        who + what + " (\"empty compose file\")", "empty");
  }

  /** compose-go NormalizeProjectName: lowercase, keep [a-z0-9_-], no leading '_' or '-'. */
  public static String normalizeName(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') b.append(c);
    }
    int i = 0;
    while (i < b.length() && (b.charAt(i) == '_' || b.charAt(i) == '-')) i++;
    return b.substring(i);
  }

  private Optional<ComposeModel.EnvFileValues> readServiceEnvFile(EnvFileRef ref,
      Function<String, Optional<String>> lookup) {
    String rel = Paths.normalize(ref.path().value());
    // A host file outside the project (bluesky-social/pds: /pds/pds.env, written by its installer
    // on the server) is the host's, like an absolute bind-mount source: its variables are unknown,
    // and that is no input berth failed to read.
    if (rel.startsWith("/") || rel.startsWith("~") || rel.equals("..") || rel.startsWith("../")
        || rel.matches("^[A-Za-z]:.*")) {
      return Optional.empty();
    }
    if (!ref.required() && !fs.exists(rel)) return Optional.empty();
    // A required env file that is missing is a finding (BTH307), not input berth cannot read; so
    // is a link inside the root to a file that does not exist (Compose stats through the link).
    if (fs.missing(rel) || fs.linkToMissingInside(rel)) return Optional.empty();
    // A directory (`env_file: ${ENV_FILE_LOCATION}` with the variable unset reads the project
    // directory): Compose refuses it, a problem of the project's, not input berth failed to
    // read; its variables are unknown (BTH107 reports the blank that made the path).
    if (fs.present(rel) && !fs.exists(rel)) return Optional.empty();
    Optional<SourceFile> sf = fs.read(rel, ref.path().range(), diags);
    if (sf.isEmpty()) return Optional.empty();
    EnvFile.Result r = EnvFile.parse(sf.get(), lookup);
    for (Diagnostic d : r.diagnostics()) {
        // a line Compose refuses is a finding (BTH309); a bound berth hit is a diagnostic
        (d.kind() == Diagnostic.Kind.PARSE_ERROR ? envErrors : diags).add(d);
      }
    Map<String, Located<Optional<String>>> out = new LinkedHashMap<>();
    for (var e : r.values().entrySet()) {
      int line = r.lines().getOrDefault(e.getKey(), 1);
      out.put(e.getKey(), new Located<>(Optional.of(e.getValue()), sf.get().lineRange(line)));
    }
    return Optional.of(new ComposeModel.EnvFileValues(out));
  }

  private Optional<Resolved> resolve(List<String> files, String projectDir, Env env,
      Deque<String> includeStack) {
    List<UnsetVariable> unset = new ArrayList<>();
    Map<String, ExtendsRef> refs = new LinkedHashMap<>();
    Extender extender = new Extender(env, unset, refs);
    YamlMap merged = null;
    // As compose-go: per file interpolate, then include, then extends (which sees only that file
    // plus what it included), then merge onto the files before it.
    for (String f : files) {
      Optional<YamlMap> doc = loadFile(f, projectDir, env, unset, Range.wholeFile(f));
      if (doc.isEmpty()) return Optional.empty();
      YamlMap d = include(doc.get(), projectDir, env, unset, refs, includeStack, f);
      d = extender.apply(d, f);
      merged = merged == null ? d : ComposeMerge.mergeDocuments(merged, d);
    }
    if (merged == null) return Optional.empty();
    YamlMap model = ComposeMerge.unicity((YamlMap) ComposeMerge.clean(merged));
    return Optional.of(new Resolved(model, unset, refs));
  }

  /** One file: parse, merge its documents, interpolate, rebase paths onto {@code baseDir}. */
  private Optional<YamlMap> loadFile(String file, String baseDir, Env env,
      List<UnsetVariable> unset, Range from) {
    Optional<SourceFile> sf = fs.read(file, from, diags);
    if (sf.isEmpty()) return Optional.empty();
    Parsed ahead = parsedAhead.get(file);
    YamlReader.Result parsed = ahead != null && ahead.text().equals(sf.get().text())
        ? ahead.result() : YamlReader.read(sf.get());
    if (!parsed.ok()) {
      diags.addAll(parsed.diagnostics());
      return Optional.empty();
    }
    duplicateKeys.addAll(parsed.duplicates());
    YamlMap merged = null;
    Interpolation.Budget budget = new Interpolation.Budget();
    for (YamlNode doc : parsed.documents()) {
      if (!(doc instanceof YamlMap m)) {
        diags.add(new Diagnostic(doc.range(), Diagnostic.Kind.PARSE_ERROR,
            "a Compose file must be a mapping at the top level"));
        return Optional.empty();
      }
      m.entry("version").ifPresent(e -> versionKeys.putIfAbsent(file, new Located<>(
          e.value() instanceof YamlScalar v ? v.value() : "",
          e.key().range().union(e.value().range()))));
      YamlMap interpolated =
          (YamlMap) TreeOps.interpolate(m, env.lookup(), budget, unset, diags, sf.get());
      merged = merged == null ? interpolated : ComposeMerge.mergeDocuments(merged, interpolated);
    }
    if (merged == null) {
      SourceFile s = sf.get();
      merged = new YamlMap(List.of(), s.range(0, 0), "");
    }
    return Optional.of(TreeOps.rebase(merged, baseDir));
  }

  /** Resolves {@code extends} for every service of a merged model. */
  private final class Extender {
    private final Env env;
    private final List<UnsetVariable> unset;
    private final Map<String, ExtendsRef> refs;
    private final Map<String, YamlMap> done = new HashMap<>();

    Extender(Env env, List<UnsetVariable> unset, Map<String, ExtendsRef> refs) {
      this.env = env;
      this.unset = unset;
      this.refs = refs;
    }

    YamlMap apply(YamlMap model, String file) {
      if (!(model.get("services").orElse(null) instanceof YamlMap services)) return model;
      List<YamlMap.Entry> out = new ArrayList<>();
      for (YamlMap.Entry e : services.entries()) {
        YamlNode v = e.value() instanceof YamlMap
            ? service(e.name(), services, file, new ArrayDeque<>(), true) : e.value();
        out.add(new YamlMap.Entry(e.key(), v));
      }
      return model.with("services", model.entry("services").orElseThrow().key(),
          new YamlMap(out, services.range(), services.tag()));
    }

    private YamlMap service(String name, YamlMap services, String context, Deque<String> stack,
        boolean top) {
      String key = context + "#" + name;
      YamlMap def = (YamlMap) services.get(name).orElseThrow();
      if (done.containsKey(key)) return done.get(key);
      YamlNode ext = def.get("extends").orElse(null);
      if (ext == null) return def;
      YamlMap own = def.without("extends");
      Optional<Located<String>> baseName = ext instanceof YamlScalar s
          ? Optional.of(new Located<>(s.value(), s.range()))
          : ext instanceof YamlMap em ? ComposeModel.scalar(em, "service") : Optional.empty();
      Optional<Located<String>> file = ext instanceof YamlMap em2
          ? ComposeModel.scalar(em2, "file") : Optional.empty();
      if (baseName.isEmpty()) {
        // `service: ${RANGER_DB_TYPE}` blank with the variable unset (apache/ranger's
        // docker-compose.ranger.yml, whose README and CI export it): which service it extends is
        // unknown here, no input berth failed to read; the unset variable is BTH107's to report
        boolean interpolated = ext instanceof YamlMap em3 && em3.get("service")
            .filter(v -> v instanceof YamlScalar sc && !sc.isNull() && sc.value().isEmpty())
            .isPresent();
        if (!interpolated) {
          diags.add(new Diagnostic(ext.range(), Diagnostic.Kind.PARSE_ERROR,
              "extends needs a service name"));
        }
        return own;
      }
      YamlMap baseServices = services;
      String baseContext = context;
      String fileRel = null;
      if (file.isEmpty() && context != null) {
        // a base of the same file (zabbix's compose_zabbix_components.yaml: `server-mysql`
        // extends `server`) exists to be extended, as a base lent to other files does
        lentServices.computeIfAbsent(Paths.normalize(context), k -> new java.util.HashSet<>())
            .add(baseName.get().value());
      }
      if (file.isPresent()) {
        fileRel = Paths.normalize(file.get().value());
        extended.add(fileRel);
        lentServices.computeIfAbsent(fileRel, k -> new java.util.HashSet<>())
            .add(baseName.get().value());
        if (fs.absentInside(fileRel)) {
          // Compose refuses the project; a finding (BTH310), not a load failure
          missing.add(new MissingFile(file.get(), fileRel, false));
          return own;
        }
        Optional<YamlMap> doc = otherFile(fileRel, file.get().range());
        if (doc.isEmpty()) return own;
        baseServices = doc.get().get("services").orElse(null) instanceof YamlMap bs
            ? bs : new YamlMap(List.of(), doc.get().range(), "");
        baseContext = fileRel;
      }
      boolean found = baseServices.get(baseName.get().value()).orElse(null) instanceof YamlMap;
      if (top) {
        refs.put(name, new ExtendsRef(baseName.get(),
            fileRel == null ? Optional.empty() : Optional.of(new Located<>(fileRel,
                file.get().range())), found));
      }
      if (!found) return own;
      String baseKey = baseContext + "#" + baseName.get().value();
      if (stack.contains(baseKey) || baseKey.equals(key)) {
        diags.add(new Diagnostic(baseName.get().range(), Diagnostic.Kind.PARSE_ERROR,
            "circular extends: service '" + name + "' extends itself through '"
                + baseName.get().value() + "'"));
        return own;
      }
      stack.push(key);
      YamlMap base = service(baseName.get().value(), baseServices, baseContext, stack, false);
      stack.pop();
      YamlMap merged = ComposeMerge.mergeServices(base, own);
      done.put(key, merged);
      return merged;
    }

    private Optional<YamlMap> otherFile(String fileRel, Range from) {
      if (otherFiles.containsKey(fileRel)) return otherFiles.get(fileRel);
      otherFiles.put(fileRel, Optional.empty()); // guards against include/extends loops
      Optional<YamlMap> doc = loadFile(fileRel, Paths.dir(fileRel), env, unset, from);
      otherFiles.put(fileRel, doc);
      return doc;
    }
  }

  private static final List<String> SECTIONS =
      List.of("services", "volumes", "networks", "secrets", "configs", "models");

  /**
   * Includes resolved per project, at most: a file included from many places is resolved once
   * per environment (memoised below), but each level may bring its own .env, and then an
   * include graph of depth L and fan-out F is F^L resolutions.
   */
  public static final int MAX_INCLUDES = 256;
  private int includesResolved;

  /** One include as resolved: same files, directory, env files and including environment. */
  private record IncludeKey(List<String> files, String dir, List<String> envFiles, Env parent) {}

  private final Map<IncludeKey, Optional<Resolved>> includes = new HashMap<>();

  private record EnvKey(Env parent, List<String> envFiles) {}

  private final Map<EnvKey, Env> includeEnvs = new HashMap<>();

  private YamlMap include(YamlMap model, String projectDir, Env env, List<UnsetVariable> unset,
      Map<String, ExtendsRef> refs, Deque<String> stack, String firstFile) {
    YamlNode inc = model.get("include").orElse(null);
    if (inc == null) return model;
    YamlMap out = model.without("include");
    if (stack.size() > 16) {
      diags.add(new Diagnostic(inc.range(), Diagnostic.Kind.LIMIT,
          "include nested deeper than 16 levels, berth's limit"));
      return out;
    }
    for (YamlNode item : ComposeModel.items(inc)) {
      List<Located<String>> paths;
      Optional<Located<String>> dirDecl = Optional.empty();
      List<Located<String>> envFileDecl = List.of();
      if (item instanceof YamlScalar s) {
        paths = List.of(new Located<>(s.value(), s.range()));
      } else if (item instanceof YamlMap m) {
        paths = ComposeModel.strings(m.get("path").orElse(null));
        dirDecl = ComposeModel.scalar(m, "project_directory");
        envFileDecl = ComposeModel.strings(m.get("env_file").orElse(null));
      } else {
        continue;
      }
      if (paths.isEmpty()) continue;
      List<String> files = new ArrayList<>();
      boolean ok = true;
      for (Located<String> p : paths) {
        String rel = Paths.resolve(projectDir, p.value());
        if (Paths.escapes(rel) || Paths.isAbsolute(rel)) {
          diags.add(new Diagnostic(p.range(), Diagnostic.Kind.IO_ERROR,
              "included file '" + p.value() + "' is outside the project root; not read"));
          ok = false;
        }
        files.add(rel);
      }
      if (!ok) continue;
      Range at = paths.get(0).range();
      if (stack.contains(files.get(0)) || files.contains(firstFile)) {
        diags.add(new Diagnostic(at, Diagnostic.Kind.PARSE_ERROR,
            "include cycle: '" + files.get(0) + "' is already being loaded"));
        continue;
      }
      String subDir = dirDecl.map(d -> Paths.resolve(projectDir, d.value()))
          .orElse(Paths.dir(files.get(0)));
      if (subDir.equals(".")) subDir = "";
      List<String> envFiles = new ArrayList<>();
      for (Located<String> e : envFileDecl) envFiles.add(Paths.resolve(projectDir, e.value()));
      if (envFileDecl.isEmpty()) {
        String dotEnv = Paths.resolve(subDir, ".env");
        if (fs.exists(dotEnv)) envFiles.add(dotEnv);
      }
      IncludeKey key = new IncludeKey(files, subDir, envFiles, env);
      Optional<Resolved> sub = includes.get(key);
      if (sub == null) {
        if (++includesResolved > MAX_INCLUDES) {
          if (includesResolved == MAX_INCLUDES + 1) {
            diags.add(new Diagnostic(at, Diagnostic.Kind.LIMIT, "more than " + MAX_INCLUDES
                + " includes to resolve in one project, berth's limit; the rest are not loaded"));
          }
          continue;
        }
        // One environment object per (including environment, env files), so that includes
        // further down, reached along different paths, share their results too.
        Env subEnv = includeEnvs.computeIfAbsent(new EnvKey(env, envFiles), k -> {
          Map<String, String> own = readEnvFiles(envFiles, env.lookup(), at);
          Function<String, Optional<String>> parent = env.lookup();
          return own.isEmpty() ? env
              : new Env(n -> parent.apply(n).or(() -> Optional.ofNullable(own.get(n))),
                  env.sources());
        });
        for (int i = 0; i < files.size(); i++) {
          String f = files.get(i);
          if (fs.exists(f)) continue;
          if (fs.absentInside(f)) {
            missing.add(new MissingFile(paths.get(i), f, true));
          } else {
            diags.add(new Diagnostic(at, Diagnostic.Kind.IO_ERROR,
                "included file '" + f + "' cannot be read"));
          }
          ok = false;
        }
        if (!ok) continue;
        stack.push(firstFile);
        sub = resolve(files, subDir, subEnv, stack);
        stack.pop();
        includes.put(key, sub);
      }
      // Memoised or not, these files are part of this project (judged within it, not alone);
      // the memo is per project, so a reused result's own includes were recorded already.
      included.addAll(files);
      if (sub.isEmpty()) continue;
      unset.addAll(sub.get().unset());
      refs.putAll(sub.get().extendsRefs());
      out = importResources(out, sub.get().model());
    }
    return out;
  }

  private YamlMap importResources(YamlMap model, YamlMap included) {
    YamlMap out = model;
    for (String section : SECTIONS) {
      if (!(included.get(section).orElse(null) instanceof YamlMap inc)) continue;
      Optional<YamlMap.Entry> localEntry = out.entry(section);
      YamlMap local = localEntry.map(YamlMap.Entry::value).filter(v -> v instanceof YamlMap)
          .map(v -> (YamlMap) v).orElse(null);
      List<YamlMap.Entry> entries = new ArrayList<>(local == null ? List.of() : local.entries());
      for (YamlMap.Entry e : inc.entries()) {
        Optional<YamlMap.Entry> mine = local == null ? Optional.empty() : local.entry(e.name());
        if (mine.isPresent()) {
          // compose-go merges the local definition over the imported one.
          YamlNode mergedValue =
              ComposeMerge.mergeResource(section, e.value(), mine.get().value());
          entries.set(entries.indexOf(mine.get()), new YamlMap.Entry(mine.get().key(), mergedValue));
          continue;
        }
        entries.add(e);
      }
      YamlMap merged = new YamlMap(entries, local == null ? inc.range() : local.range(),
          local == null ? "" : local.tag());
      out = out.with(section, localEntry.map(YamlMap.Entry::key)
          .orElse(included.entry(section).orElseThrow().key()), merged);
    }
    return out;
  }

  private static List<UnsetVariable> dedupe(List<UnsetVariable> in) {
    return new ArrayList<>(new LinkedHashSet<>(in));
  }
}
