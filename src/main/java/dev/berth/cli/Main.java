package dev.berth.cli;

import dev.berth.compose.ComposeOptions;
import dev.berth.config.BerthConfig;
import dev.berth.config.BerthConfigLoader;
import dev.berth.config.HadolintConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.project.SafeRead;
import dev.berth.report.DisplayPaths;
import dev.berth.report.JsonReporter;
import dev.berth.report.Reporter;
import dev.berth.report.SarifReporter;
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
import java.io.IOException;
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
  /** The rules, made when first needed: --version and --help load none. */
  private final Supplier<List<Rule>> rules;

  private Main(PrintStream out, PrintStream err, Map<String, String> env, Path cwd, boolean tty,
      Supplier<List<Rule>> rules) {
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
    int code = run(args, out, err, System.getenv(), Path.of("").toAbsolutePath());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The whole program, testable: no System.exit, no global streams. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
      Path cwd) {
    return run(args, out, err, env, cwd, System.console() != null, Registry::all);
  }

  /** As {@link #run(String[], PrintStream, PrintStream, Map, Path)} with the terminal and rules given. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
      Path cwd, boolean tty, List<Rule> rules) {
    return run(args, out, err, env, cwd, tty, () -> rules);
  }

  private static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
      Path cwd, boolean tty, Supplier<List<Rule>> rules) {
    int code;
    try {
      code = new Main(out, err, env, cwd, tty, rules).execute(args);
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
    Optional<Format> format = Format.parse(o.format);
    if (format.isEmpty()) return usage("--format must be text, sarif or json, not \"" + o.format + "\"");
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
    // Default "."; but "berth --root ../other" from outside that root means the whole root.
    List<String> named = !o.paths.isEmpty() ? o.paths
        : cwd.startsWith(root) ? List.of(".") : List.of(root.toString());
    for (String p : named) {
      Path t = cwd.resolve(p).normalize();
      if (!Files.exists(t)) return fail(p + ": no such file or directory");
      if (!t.startsWith(root)) return fail(p + ": outside the project root " + root);
      targets.add(t);
    }
    DisplayPaths paths = new DisplayPaths(root, cwd);

    Set<String> known = infos.stream().map(RuleInfo::id).collect(Collectors.toUnmodifiableSet());
    Optional<BerthConfigLoader.Outcome> loaded = loadConfig(o.config, root, known, paths);
    if (loaded.isEmpty()) return USAGE;
    BerthConfig config = HadolintConfig.apply(root, loaded.get().config(),
        loaded.get().setsFailLevel() || failLevel.isPresent(), infos);
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

    Project project = ProjectLoader.load(root, targets, config, compose);
    Analysis analysis = new Engine(rules).run(project);
    for (Diagnostic d : analysis.diagnostics()) err.println(shown(d, paths));
    err.flush();

    boolean color = o.color != null ? o.color
        : tty && output.isEmpty() && env.getOrDefault("NO_COLOR", "").isEmpty();
    Reporter reporter = switch (format.get()) {
      case TEXT -> new TextReporter(paths, color, o.quiet, config.stylePerFile());
      case SARIF -> new SarifReporter(Version.current());
      case JSON -> new JsonReporter(Version.current());
    };
    try {
      if (output.isPresent()) {
        writeAtomically(output.get(), stream -> reporter.write(analysis, project, stream));
      } else {
        reporter.write(analysis, project, out);
      }
    } catch (IOException e) {
      return fail("cannot write " + output.map(Path::toString).orElse("standard output") + ": "
          + oneLine(String.valueOf(e.getMessage())));
    }
    return exitCode(analysis, config);
  }

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
    TEXT, SARIF, JSON;

    static Optional<Format> parse(String s) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(s.strip())) return Optional.of(f);
      }
      return Optional.empty();
    }
  }
}
