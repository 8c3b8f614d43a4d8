package dev.berth.cli;

import dev.berth.compose.ComposeOptions;
import dev.berth.config.BerthConfig;
import dev.berth.config.BerthConfigLoader;
import dev.berth.config.HadolintConfig;
import dev.berth.config.ImportedConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.project.SafeRead;
import dev.berth.report.CheckstyleReporter;
import dev.berth.report.DisplayPaths;
import dev.berth.report.GithubReporter;
import dev.berth.report.GitlabReporter;
import dev.berth.report.JsonReporter;
import dev.berth.report.JunitReporter;
import dev.berth.report.ProjectGraph;
import dev.berth.report.Reporter;
import dev.berth.report.SarifReporter;
import dev.berth.report.SonarqubeReporter;
import dev.berth.report.TerminalText;
import dev.berth.report.TextReporter;
import dev.berth.report.Version;
import dev.berth.rules.Analysis;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Registry;
import dev.berth.rules.Rule;
import dev.berth.rules.RuleInfo;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code berth [OPTIONS] [PATH...]}. Exit codes: 0 clean; 1 an active finding at or above the
 * fail level; 2 a usage error, a bad configuration, or any diagnostic (a file berth could not
 * analyse, or a rule that failed on a file: the rest is still reported); 3 an internal error that
 * stopped the run. Never prints a stack trace.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int INTERNAL = 3;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Path cwd;
  private final boolean tty;
  private final InputStream in;
  /** The rules, made when first needed: --version and --help load none. */
  private final Supplier<List<Rule>> rules;

  private Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path cwd,
      boolean tty, Supplier<List<Rule>> rules) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
    this.cwd = cwd.toAbsolutePath().normalize();
    this.tty = tty;
    this.rules = rules;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
        false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err),
        true, StandardCharsets.UTF_8);
    int code = run(args, System.in, out, err, System.getenv(), Path.of("").toAbsolutePath());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The whole program, testable: no System.exit, no global streams. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
      Path cwd) {
    return run(args, InputStream.nullInputStream(), out, err, env, cwd);
  }

  /** As above, reading {@code berth -} from {@code in}. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      Map<String, String> env, Path cwd) {
    return run(args, in, out, err, env, cwd, System.console() != null, Registry::all);
  }

  /** As {@link #run(String[], PrintStream, PrintStream, Map, Path)} with the terminal and rules given. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
      Path cwd, boolean tty, List<Rule> rules) {
    return run(args, InputStream.nullInputStream(), out, err, env, cwd, tty, () -> rules);
  }

  private static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      Map<String, String> env, Path cwd, boolean tty, Supplier<List<Rule>> rules) {
    int code;
    try {
      code = new Main(in, out, err, env, cwd, tty, rules).execute(args);
    } catch (RuntimeException | Error e) {
      err.println("berth: internal error: " + TerminalText.safe(oneLine(e.toString())));
      err.flush();
      return INTERNAL;
    }
    // PrintStream swallows write errors: a report lost to a closed pipe or a full disk must not
    // look like a clean run.
    out.flush();
    if (out.checkError()) {
      err.println("berth: cannot write the report to standard output (closed or full)");
      err.flush();
      return USAGE;
    }
    return code;
  }

  private int execute(String[] args) {
    if (args.length > 0 && args[0].equals("completion")) return completion(args);
    // "berth graph [OPTIONS] [PATH...]": the project drawn instead of reported
    boolean graph = args.length > 0 && args[0].equals("graph");
    if (graph) args = java.util.Arrays.copyOfRange(args, 1, args.length);
    Options o;
    try {
      o = Options.parse(args);
    } catch (Options.UsageError e) {
      return usage(oneLine(e.getMessage()));
    }
    if (o.help) {
      out.print(Options.USAGE);
      out.flush();
      return OK;
    }
    if (o.version) {
      out.println("berth " + Version.current());
      out.flush();
      return OK;
    }
    List<Rule> rules = this.rules.get();
    List<RuleInfo> infos = rules.stream().map(r -> RuleInfo.of(r.getClass())).toList();
    if (o.listRules) {
      out.print(RuleListing.list(infos));
      out.flush();
      return OK;
    }
    if (o.explain != null) {
      Optional<String> page = RuleListing.explain(o.explain, infos);
      if (page.isEmpty()) return fail("unknown rule \"" + o.explain + "\" (see --list-rules)");
      out.print(page.get());
      out.flush();
      return OK;
    }
    if (graph && !List.of("text", "mermaid", "dot", "html").contains(o.format)) {
      return usage("berth graph: --format must be mermaid (the default), dot or html, not \""
          + o.format + "\"");
    }
    Optional<Format> format = graph ? Optional.of(Format.TEXT) : Format.parse(o.format);
    if (format.isEmpty()) {
      return usage("--format must be one of " + Format.names() + ", not \"" + o.format + "\"");
    }
    if (o.dryRun && !o.fix) return usage("--dry-run needs --fix");
    if (o.fix && o.paths.contains("-")) return usage("--fix does not apply to standard input");
    if (o.sarifCategory != null && (o.sarifCategory.isBlank() || format.get() != Format.SARIF)) {
      return usage(o.sarifCategory.isBlank() ? "--sarif-category must not be empty"
          : "--sarif-category needs --format sarif");
    }
    Optional<Optional<Severity>> failLevel = Optional.empty();
    if (o.failLevel != null) {
      failLevel = parseFailLevel(o.failLevel);
      if (failLevel.isEmpty()) {
        return usage("--fail-level must be error, warning, note or none, not \""
            + o.failLevel + "\"");
      }
    }
    Path root;
    if (o.root != null) {
      root = cwd.resolve(o.root).normalize();
      if (!Files.isDirectory(root)) return fail("--root " + o.root + ": not a directory");
    } else {
      root = RootFinder.find(cwd);
    }
    Optional<Path> output = Optional.empty();
    if (o.output != null) {
      Path file = cwd.resolve(o.output).normalize();
      Path parent = file.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        return fail("--output " + o.output + ": directory " + parent + " does not exist");
      }
      if (Files.isDirectory(file)) return fail("--output " + o.output + ": is a directory");
      output = Optional.of(file);
    }
    List<Path> targets = new ArrayList<>();
    boolean fromStdin = o.paths.contains("-");
    if (fromStdin && o.paths.size() > 1) return usage("\"-\" (standard input) must be the only path");
    if (!fromStdin && o.stdinFilename != null) return usage("--stdin-filename needs the path \"-\"");
    // An empty argument is a script's empty variable, not a request to lint the current directory.
    if (o.paths.contains("")) return usage("an empty path was given");
    // Default "."; but "berth --root ../other" from outside that root means the whole root.
    if (o.changed && (fromStdin || o.paths.isEmpty())) {
      return usage("--changed needs the changed files as PATHs");
    }
    Set<String> changed = new java.util.HashSet<>();
    if (o.changed) {
      // A deleted file is a change too: the paths need not exist, only be under the root.
      for (String p : o.paths) {
        Path t = cwd.resolve(p).normalize();
        if (!t.startsWith(root)) return fail(p + ": outside the project root " + root);
        changed.add(relative(root, t));
      }
    }
    List<String> named = fromStdin ? List.of() : o.changed ? List.of(root.toString())
        : !o.paths.isEmpty() ? o.paths
        : cwd.startsWith(root) ? List.of(".") : List.of(root.toString());
    for (String p : named) {
      Path t = cwd.resolve(p).normalize();
      if (!Files.exists(t)) return fail(p + ": no such file or directory");
      if (!t.startsWith(root)) return fail(p + ": outside the project root " + root);
      targets.add(t);
    }
    DisplayPaths paths = new DisplayPaths(root, cwd);
    Optional<SourceFile> stdin = Optional.empty();
    if (fromStdin) {
      String name = o.stdinFilename != null ? o.stdinFilename : "Dockerfile";
      Path t = cwd.resolve(name).normalize();
      if (!t.startsWith(root) || t.equals(root)) {
        return fail("--stdin-filename " + name + ": not a file under the project root " + root);
      }
      String rel = relative(root, t);
      stdin = readStdin(rel);
      if (stdin.isEmpty()) return USAGE;
    }
    Verbose verbose = o.verbose ? new Verbose(err, paths) : null;
    if (verbose != null) verbose.line("project root " + root);

    Set<String> known = infos.stream().map(RuleInfo::id).collect(Collectors.toUnmodifiableSet());
    Optional<BerthConfigLoader.Outcome> loaded = loadConfig(o.config, root, known, paths);
    if (loaded.isEmpty()) return USAGE;
    BerthConfig config = HadolintConfig.apply(root, loaded.get().config(),
        loaded.get().setsFailLevel() || failLevel.isPresent(), infos);
    if (o.verbose) {
      err.println("berth: configuration: " + TerminalText.safe(configName(o.config, root)));
      // hadolint's file changes which findings show and what fails the run: say what it did.
      ImportedConfig imported = config.imported();
      if (imported.file().isPresent()) {
        err.println("berth: hadolint configuration: " + TerminalText.safe(imported.file().get())
            + " (below .berth.yaml)");
        for (String note : imported.notes()) {
          err.println("berth:   " + TerminalText.safe(note));
        }
      }
    }
    // A misspelt alternative would silently keep reporting what it was meant to silence.
    for (List<String> set : config.composeAlternatives()) {
      for (String f : set) {
        if (!Files.isRegularFile(root.resolve(f))) {
          return fail("compose-alternatives in the configuration names \"" + f
              + "\", which is not a file under the project root " + root);
        }
      }
    }
    if (failLevel.isPresent()) config = config.withFailLevel(failLevel.get());
    if (o.all) config = config.withAllStyleFindings();

    // -f names the whole compose set, as docker compose -f does: no other compose file (found by
    // walking or grouped in .berth.yaml) is a project then.
    List<List<String>> groups = new ArrayList<>();
    if (!o.composeFiles.isEmpty()) {
      List<String> group = new ArrayList<>();
      for (String f : o.composeFiles) {
        Path t = cwd.resolve(f).normalize();
        if (!Files.isRegularFile(t)) return fail("-f " + f + ": no such file");
        if (!t.startsWith(root)) return fail("-f " + f + ": outside the project root " + root);
        group.add(root.relativize(t).toString().replace('\\', '/'));
        if (!targets.contains(t)) targets.add(t);
      }
      groups.add(group);
    }
    if (groups.isEmpty()) groups.addAll(config.composeProjects());
    List<String> envFiles = new ArrayList<>();
    for (String f : o.envFiles) {
      Path t = cwd.resolve(f).normalize();
      if (!Files.isRegularFile(t)) return fail("--env-file " + f + ": no such file");
      if (!t.startsWith(root)) return fail("--env-file " + f + ": outside the project root " + root);
      envFiles.add(root.relativize(t).toString().replace('\\', '/'));
    }
    ComposeOptions compose = (o.composeFiles.isEmpty() ? ComposeOptions.defaults().withGroups(groups)
        : ComposeOptions.defaults().withOnlyGroups(groups)).withEnvFiles(envFiles);
    if (o.useEnv) compose = compose.withProcessEnvironment(env);

    Project project;
    Analysis analysis;
    // A terminal waiting on a large tree is told what berth is doing; a pipe, a file or -q is not.
    try (ProgressLine progress = tty && !o.quiet
        ? new ProgressLine(err, ProgressLine.DELAY_MILLIS, ProgressLine.PERIOD_MILLIS)
        : ProgressLine.NONE) {
      project = ProjectLoader.load(root, targets, config, compose, stdin);
      analysis = touching(new Engine(rules).run(project, progress), changed);
    }
    if (verbose != null) verbose.project(project);
    if (graph) {
      for (Diagnostic d : analysis.diagnostics()) err.println(shown(d, paths));
      err.flush();
      ProjectGraph g = ProjectGraph.of(project, analysis);
      String text = switch (o.format) {
        case "dot" -> g.dot();
        case "html" -> g.html("berth graph: " + (root.getFileName() == null ? root
            : root.getFileName()));
        default -> g.mermaid();
      };
      try {
        if (output.isPresent()) {
          writeAtomically(output.get(), stream -> stream.write(text.getBytes(StandardCharsets.UTF_8)));
        } else {
          out.print(text);
        }
      } catch (IOException e) {
        return fail("cannot write " + output.get() + ": " + oneLine(String.valueOf(e.getMessage())));
      }
      return analysis.diagnostics().stream().anyMatch(Diagnostic::isError) ? USAGE : OK;
    }
    if (o.fix && o.dryRun) {
      for (Diagnostic d : analysis.diagnostics()) err.println(shown(d, paths));
      Fixer.diff(Fixer.plan(analysis, project)).ifPresent(out::print);
      out.flush();
      return exitCode(analysis, config);
    }
    // Fix, lint again, and again while fixes apply (one fix can make room for another); a fix
    // that keeps reappearing stops the loop at the tenth round.
    for (int round = 0; o.fix && round < 10; round++) {
      List<String> problems = new ArrayList<>();
      List<String> written = Fixer.write(root, Fixer.plan(analysis, project), problems);
      problems.forEach(p -> err.println("berth: " + TerminalText.safe(p)));
      if (written.isEmpty()) break;
      err.println("berth: fixed " + written.stream().map(paths::show).map(TerminalText::safe)
          .collect(Collectors.joining(", ")));
      project = ProjectLoader.load(root, targets, config, compose, stdin);
      analysis = touching(new Engine(rules).run(project), changed);
    }
    for (Diagnostic d : analysis.diagnostics()) err.println(shown(d, paths));
    err.flush();
    // Nothing linted: said on stderr, so a wrong directory does not pass silently for a clean one;
    // still exit 0, since a repository without Docker files is not an input berth failed to read
    // (exit 2 would fail every CI job and hook of such a repository).
    boolean nothing = project.files().isEmpty() && analysis.findings().isEmpty()
        && analysis.diagnostics().isEmpty();
    if (nothing) {
      err.println("berth: nothing to lint: no Dockerfile, compose file or .dockerignore under "
          + named.stream().map(TerminalText::safe).collect(Collectors.joining(", ")));
      err.flush();
    }

    boolean color = o.color != null ? o.color
        : tty && output.isEmpty() && env.getOrDefault("NO_COLOR", "").isEmpty();
    Reporter reporter = switch (format.get()) {
      case TEXT -> new TextReporter(paths, color, o.quiet, config.stylePerFile());
      case SARIF -> new SarifReporter(Version.current(), Optional.ofNullable(o.sarifCategory));
      case JSON -> new JsonReporter(Version.current());
      case GITHUB -> new GithubReporter();
      case GITLAB -> new GitlabReporter();
      case CHECKSTYLE -> new CheckstyleReporter();
      case JUNIT -> new JunitReporter();
      case SONARQUBE -> new SonarqubeReporter();
    };
    try {
      Analysis reported = analysis;
      Project linted = project;
      if (output.isPresent()) {
        writeAtomically(output.get(), stream -> reporter.write(reported, linted, stream));
      } else {
        reporter.write(analysis, project, out);
      }
    } catch (IOException e) {
      return fail("cannot write " + output.map(Path::toString).orElse("standard output") + ": "
          + oneLine(String.valueOf(e.getMessage())));
    }
    return exitCode(analysis, config);
  }

  /**
   * With --changed: the findings located in a changed file or pointing at one (a related
   * location), and the diagnostics on changed files; everything when nothing is named.
   */
  private static Analysis touching(Analysis analysis, Set<String> changed) {
    if (changed.isEmpty()) return analysis;
    List<Finding> kept = analysis.findings().stream()
        .filter(f -> changed.contains(f.range().file())
            || f.related().stream().anyMatch(r -> changed.contains(r.range().file())))
        .toList();
    List<Diagnostic> diagnostics = analysis.diagnostics().stream()
        .filter(d -> changed.contains(d.range().file())).toList();
    return new Analysis(kept, analysis.rules(), diagnostics);
  }

  /** Standard input as a file's text (strict UTF-8), or empty after saying why not. */
  private Optional<SourceFile> readStdin(String rel) {
    try {
      byte[] bytes = in.readNBytes(STDIN_MAX_BYTES + 1);
      if (bytes.length > STDIN_MAX_BYTES) {
        fail("standard input is too large (limit " + STDIN_MAX_BYTES + " bytes)");
        return Optional.empty();
      }
      return Optional.of(SafeRead.decode(rel, bytes));
    } catch (java.nio.charset.CharacterCodingException e) {
      fail("standard input is not valid UTF-8 text");
    } catch (IOException e) {
      fail("cannot read standard input: " + oneLine(String.valueOf(e.getMessage())));
    }
    return Optional.empty();
  }

  /** The same cap as a Dockerfile read from disk. */
  private static final int STDIN_MAX_BYTES = 2 * 1024 * 1024;

  private interface Report {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * A report file is written beside itself under a temporary name, then renamed over the target:
   * a reader (CI uploading SARIF) never sees half a report, and a failed run leaves the old one.
   * Targets that are not regular files ({@code /dev/stdout}, a FIFO) are written in place.
   */
  private static void writeAtomically(Path file, Report report) throws IOException {
    Path target = Files.exists(file) ? file.toRealPath() : file;
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      try (OutputStream o = Files.newOutputStream(target)) {
        report.writeTo(o);
      }
      return;
    }
    Path tmp = target.resolveSibling("." + target.getFileName() + ".berth-"
        + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 1) + ".tmp");
    try {
      try (OutputStream o = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        report.writeTo(o);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static int exitCode(Analysis analysis, BerthConfig config) {
    if (analysis.diagnostics().stream().anyMatch(Diagnostic::isError)) return USAGE;
    for (Finding f : analysis.active()) {
      Optional<Severity> failLevel = config.failLevel(f.rule());
      if (failLevel.isPresent() && f.severity().atLeast(failLevel.get())) return FINDINGS;
    }
    return OK;
  }

  /** The configuration, or empty after printing why it cannot be used. */
  private Optional<BerthConfigLoader.Outcome> loadConfig(String option, Path root,
      Set<String> known, DisplayPaths paths) {
    BerthConfigLoader.Outcome outcome;
    if (option != null) {
      Path file = cwd.resolve(option).normalize();
      String display = file.startsWith(root) ? relative(root, file) : option;
      if (!Files.exists(file)) {
        fail("--config " + option + ": no such file");
        return Optional.empty();
      }
      if (!Files.isRegularFile(file)) {
        fail("--config " + option + ": not a regular file");
        return Optional.empty();
      }
      outcome = BerthConfigLoader.read(file, display, known);
    } else {
      String display = BerthConfigLoader.FILE_NAME;
      if (!Files.exists(root.resolve(display), LinkOption.NOFOLLOW_LINKS)) display = ".berth.yml";
      if (!Files.exists(root.resolve(display), LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(new BerthConfigLoader.Outcome(BerthConfig.defaults(), List.of()));
      }
      // The repository's own file: read like any project file, never through a link leaving it.
      SafeRead.Result r = SafeRead.read(root, null, display, BerthConfigLoader.MAX_BYTES);
      outcome = r instanceof SafeRead.Text t ? BerthConfigLoader.parse(t.file(), known)
          : new BerthConfigLoader.Outcome(BerthConfig.defaults(), List.of(new Diagnostic(
              Range.wholeFile(display), Diagnostic.Kind.CONFIG, ((SafeRead.Refused) r).why())));
    }
    if (outcome.ok()) return Optional.of(outcome);
    for (Diagnostic d : outcome.errors()) err.println(shown(d, paths));
    err.flush();
    return Optional.empty();
  }

  /** "berth completion SHELL": the shell's completion script on standard output. */
  private int completion(String[] args) {
    if (args.length != 2) {
      return usage("berth completion needs one shell: " + String.join(", ", Completion.SHELLS));
    }
    List<String> ids = rules.get().stream().map(r -> RuleInfo.of(r.getClass()).id()).sorted()
        .toList();
    Optional<String> script = Completion.script(args[1], ids);
    if (script.isEmpty()) {
      return usage("berth completion: no completion for \"" + args[1] + "\" (try "
          + String.join(", ", Completion.SHELLS) + ")");
    }
    out.print(script.get());
    out.flush();
    return OK;
  }

  /** Which configuration file was read, as --verbose names it. */
  private String configName(String option, Path root) {
    if (option != null) return option;
    for (String name : List.of(BerthConfigLoader.FILE_NAME, ".berth.yml")) {
      if (Files.exists(root.resolve(name), LinkOption.NOFOLLOW_LINKS)) return name + " (at the root)";
    }
    return "none (no .berth.yaml at the root): defaults";
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static String shown(Diagnostic d, DisplayPaths paths) {
    Range r = d.range();
    if (r.file().isEmpty() || r.file().equals(".")) {
      return "berth: " + d.level() + ": " + TerminalText.safe(oneLine(d.message()));
    }
    Range display = new Range(TerminalText.safe(paths.show(r.file())), r.startLine(),
        r.startColumn(), r.endLine(), r.endColumn());
    return new Diagnostic(display, d.kind(), TerminalText.safe(oneLine(d.message()))).oneLine();
  }

  /** {@code none} parses to an empty severity; an unknown word to an empty result. */
  private static Optional<Optional<Severity>> parseFailLevel(String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "none" -> Optional.of(Optional.empty());
      case "error", "warning", "note" -> Optional.of(Optional.of(Severity.parse(s)));
      default -> Optional.empty();
    };
  }

  private int usage(String message) {
    err.println("berth: " + TerminalText.safe(message));
    err.print(Options.USAGE);
    err.flush();
    return USAGE;
  }

  private int fail(String message) {
    err.println("berth: " + TerminalText.safe(message));
    err.flush();
    return USAGE;
  }

  /** Line breaks (and the blanks around them) become one space: a loop, not a regex. */
  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      int j = i;
      while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
      boolean lineBreak = false;
      for (int k = i; k < j && !lineBreak; k++) lineBreak = s.charAt(k) == '\n' || s.charAt(k) == '\r';
      if (j > i) {
        b.append(lineBreak ? " " : s.substring(i, j));
        i = j;
      } else {
        b.append(s.charAt(i++));
      }
    }
    return b.toString().strip();
  }

  enum Format {
    TEXT, SARIF, JSON, GITHUB, GITLAB, CHECKSTYLE, JUNIT, SONARQUBE;

    static String names() {
      return java.util.Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
    }

    static Optional<Format> parse(String s) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(s.strip())) return Optional.of(f);
      }
      return Optional.empty();
    }
  }
}
