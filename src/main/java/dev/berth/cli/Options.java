package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line, parsed by hand; values are checked and resolved by {@link Main}.
 *
 * <p>berth used picocli, whose set-up by reflection was a fifth of a one-file run and whose Java 5
 * class files no class-data archive can hold. This parser accepts what picocli accepted for these
 * options, with its wording for errors: {@code --name=value} and {@code --name value},
 * {@code -f value}, {@code -fvalue} and {@code -f=value}, short flags clustered ({@code -qV}),
 * {@code --[no-]color}, {@code --flag=true|false}, {@code --} before paths; an option given twice
 * that takes one value is an error, unknown options are errors unless help or version was asked.
 */
final class Options {
  List<String> paths = new ArrayList<>();
  String format = "text";
  String sarifCategory;
  String output;
  String config;
  String failLevel;
  String root;
  List<String> composeFiles = new ArrayList<>();
  List<String> envFiles = new ArrayList<>();
  boolean useEnv;
  Boolean color;
  boolean quiet;
  boolean verbose;
  boolean fix;
  boolean changed;
  boolean dryRun;
  String stdinFilename;
  boolean all;
  boolean listRules;
  String explain;
  boolean version;
  boolean help;

  /** The usage text (what picocli printed for these options at width 100). */
  static final String USAGE = """
      Usage: berth [-hqvV] [--all] [--changed] [--[no-]color] [--dry-run] [--fix] [--list-rules] [--use-env] [--config=FILE] [--explain=RULE]
                   [--fail-level=LEVEL] [--format=FORMAT] [--output=FILE] [--root=DIR]
                   [--sarif-category=CATEGORY] [--stdin-filename=PATH]
                   [--env-file=FILE]... [-f=COMPOSE_FILE]... [PATH...]
      Finds bugs that make containers crash at start, across Dockerfiles and Compose projects, offline.
            [PATH...]             Files or directories to lint (default: the current directory);
                                    "-" reads one Dockerfile or compose file from standard input.
            --stdin-filename=PATH The path the file read from "-" stands for (default:
                                    Dockerfile in the current directory); it is linted there, in
                                    the project around it.
            --format=FORMAT       Output format: text (default), sarif, json, github, gitlab,
                                    checkstyle, junit or sonarqube.
            --sarif-category=CATEGORY
                                  SARIF automationDetails.id: the category GitHub code scanning keeps
                                    apart (one per berth job that uploads).
            --output=FILE         Write the report to FILE instead of standard output.
            --config=FILE         Configuration file (default: .berth.yaml at the project root).
            --fail-level=LEVEL    Lowest severity that fails the run: error, warning, note or none
                                    (default: the configuration's, else warning).
            --root=DIR            Project root (default: the enclosing git work tree, else the current
                                    directory). Reported paths are relative to it.
        -f, --file=COMPOSE_FILE   Compose files to lint together as one project, like docker compose -f
                                    (repeatable); no other compose file is a project then.
            --env-file=FILE       Env file for compose interpolation instead of each project's .env
                                    (repeatable).
            --use-env             Let the process environment take part in compose interpolation (off by
                                    default, so results do not depend on the shell).
            --[no-]color          Colour the text output (default: on a terminal unless NO_COLOR is set).
        -q, --quiet               Print findings only, no summary.
            --all                 Text output: print every style finding (by default at most 5 per
                                    file; the summary says how many were held back). SARIF and JSON
                                    always hold all.
            --changed             The PATHs are the files a change touches (a pre-commit hook's):
                                    lint the whole project, report only the findings in them or
                                    pointing at them (a .dockerignore that breaks a COPY).
            --fix                 Apply the fixes berth has (those in SARIF) to the files, then lint
                                    again and report what is left. Files that do not parse are
                                    never changed.
            --dry-run             With --fix: print the changes as a unified diff, change nothing.
        -v, --verbose             Say on stderr which configuration, compose projects (and why)
                                    and build contexts (and from where) berth used.
            --list-rules          List every rule and exit.
            --explain=RULE        Print a rule's page and exit.
        -V, --version             Print the version and exit.
        -h, --help                Show this help and exit.

      berth graph [--format=mermaid|dot|html] [--output=FILE] [PATH...] draws the project instead:
      compose services, ports, volumes, depends_on, Dockerfile stages, findings marked.
      berth completion bash|zsh|fish prints a completion script for the shell.

      Exit status: 0 clean, 1 findings at or above the fail level, 2 usage/configuration/input problem, 3
      internal error.
      """;

  /** A command line berth cannot use; the message is printed before the usage text. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message, null, false, false);
    }
  }

  /** What an option takes: nothing (a flag) or one value, given once or repeatedly. */
  private enum Arity { FLAG, ONE, MANY }

  /** An option: its names (the longest is the one errors name), its value's label. */
  private record Spec(String longName, char shortName, Arity arity, String label) {
    boolean named(String name) {
      return name.equals(longName) || (shortName != 0 && name.equals("-" + shortName))
          || (longName.equals("--color") && name.equals("--no-color"));
    }
  }

  private static final List<Spec> SPECS = List.of(
      new Spec("--format", (char) 0, Arity.ONE, "FORMAT"),
      new Spec("--sarif-category", (char) 0, Arity.ONE, "CATEGORY"),
      new Spec("--output", (char) 0, Arity.ONE, "FILE"),
      new Spec("--config", (char) 0, Arity.ONE, "FILE"),
      new Spec("--fail-level", (char) 0, Arity.ONE, "LEVEL"),
      new Spec("--root", (char) 0, Arity.ONE, "DIR"),
      new Spec("--file", 'f', Arity.MANY, "COMPOSE_FILE"),
      new Spec("--env-file", (char) 0, Arity.MANY, "FILE"),
      new Spec("--use-env", (char) 0, Arity.FLAG, null),
      new Spec("--color", (char) 0, Arity.FLAG, null),
      new Spec("--quiet", 'q', Arity.FLAG, null),
      new Spec("--verbose", 'v', Arity.FLAG, null),
      new Spec("--fix", (char) 0, Arity.FLAG, null),
      new Spec("--changed", (char) 0, Arity.FLAG, null),
      new Spec("--dry-run", (char) 0, Arity.FLAG, null),
      new Spec("--stdin-filename", (char) 0, Arity.ONE, "PATH"),
      new Spec("--all", (char) 0, Arity.FLAG, null),
      new Spec("--list-rules", (char) 0, Arity.FLAG, null),
      new Spec("--explain", (char) 0, Arity.ONE, "RULE"),
      new Spec("--version", 'V', Arity.FLAG, null),
      new Spec("--help", 'h', Arity.FLAG, null));

  /** An option as shell completion offers it: its names and the label of its value, if any. */
  record Completed(String longName, char shortName, String label) {}

  /** Every option, for {@link Completion} (so completion never drifts from the parser). */
  static List<Completed> completed() {
    List<Completed> out = new ArrayList<>();
    for (Spec s : SPECS) {
      out.add(new Completed(s.longName(), s.shortName(), s.arity() == Arity.FLAG ? null : s.label()));
      if (s.longName().equals("--color")) out.add(new Completed("--no-color", (char) 0, null));
    }
    return out;
  }

  private final List<Spec> seen = new ArrayList<>();
  private final List<String> unknown = new ArrayList<>();

  static Options parse(String[] args) throws UsageError {
    Options o = new Options();
    boolean onlyPaths = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (onlyPaths || a.equals("-") || !a.startsWith("-")) {
        o.paths.add(a);
      } else if (a.equals("--")) {
        onlyPaths = true;
      } else if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        Optional<Spec> spec = spec(name);
        if (spec.isEmpty()) {
          o.unknown.add("'" + a + "'");
          continue;
        }
        if (spec.get().arity() == Arity.FLAG) {
          o.flag(spec.get(), name, eq < 0 ? null : a.substring(eq + 1));
        } else if (eq >= 0) {
          o.value(spec.get(), a.substring(eq + 1));
        } else {
          o.value(spec.get(), valueAfter(args, i++, spec.get()));
        }
      } else {
        i = o.shortCluster(args, i);
      }
    }
    if (!o.unknown.isEmpty() && !o.help && !o.version) {
      throw new UsageError((o.unknown.size() == 1 ? "Unknown option: " : "Unknown options: ")
          + String.join(", ", o.unknown));
    }
    return o;
  }

  /** {@code -qV}, {@code -fFILE}, {@code -f=FILE}, {@code -f FILE}; returns the last index used. */
  private int shortCluster(String[] args, int i) throws UsageError {
    String a = args[i];
    for (int k = 1; k < a.length(); k++) {
      Optional<Spec> spec = spec("-" + a.charAt(k));
      if (spec.isEmpty()) {
        unknown.add("'-" + a.charAt(k) + "'" + (a.length() > 2
            ? " (while processing option: '" + a + "')" : ""));
        return i;
      }
      String rest = a.substring(k + 1);
      if (spec.get().arity() == Arity.FLAG) {
        if (rest.startsWith("=")) {
          flag(spec.get(), "-" + a.charAt(k), rest.substring(1));
          return i;
        }
        flag(spec.get(), "-" + a.charAt(k), null);
      } else if (!rest.isEmpty()) {
        value(spec.get(), rest.startsWith("=") ? rest.substring(1) : rest);
        return i;
      } else {
        value(spec.get(), valueAfter(args, i, spec.get()));
        return i + 1;
      }
    }
    return i;
  }

  /** The argument after {@code args[i]} as the value of {@code spec}. */
  private static String valueAfter(String[] args, int i, Spec spec) throws UsageError {
    if (i + 1 >= args.length) {
      throw new UsageError("Missing required parameter for option '" + spec.longName() + "' ("
          + spec.label() + ")");
    }
    String next = args[i + 1];
    if (looksLikeOption(next)) {
      throw new UsageError("Expected parameter for option '" + spec.longName() + "' but found '"
          + next + "'");
    }
    return next;
  }

  /** An argument that names one of berth's options (picocli does not take it as a value). */
  private static boolean looksLikeOption(String arg) {
    if (arg.startsWith("--")) {
      int eq = arg.indexOf('=');
      return spec(eq < 0 ? arg : arg.substring(0, eq)).isPresent();
    }
    return arg.length() > 1 && arg.startsWith("-") && spec(arg.substring(0, 2)).isPresent();
  }

  private static Optional<Spec> spec(String name) {
    for (Spec s : SPECS) {
      if (s.named(name)) return Optional.of(s);
    }
    return Optional.empty();
  }

  private void once(Spec spec) throws UsageError {
    if (seen.contains(spec)) {
      throw new UsageError("option '" + spec.longName() + "'"
          + (spec.label() == null ? "" : " (" + spec.label() + ")") + " should be specified only once");
    }
    seen.add(spec);
  }

  private void flag(Spec spec, String name, String value) throws UsageError {
    once(spec);
    boolean on = true;
    if (value != null) {
      String v = value.toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw new UsageError("Invalid value for option '" + spec.longName() + "': '" + value
            + "' is not a boolean");
      }
      on = v.equals("true");
    }
    if (name.equals("--no-color")) on = !on;
    switch (spec.longName()) {
      case "--use-env" -> useEnv = on;
      case "--color" -> color = on;
      case "--quiet" -> quiet = on;
      case "--verbose" -> verbose = on;
      case "--fix" -> fix = on;
      case "--changed" -> changed = on;
      case "--dry-run" -> dryRun = on;
      case "--all" -> all = on;
      case "--list-rules" -> listRules = on;
      case "--version" -> version = on;
      case "--help" -> help = on;
      default -> throw new IllegalStateException(spec.longName());
    }
  }

  private void value(Spec spec, String value) throws UsageError {
    if (spec.arity() == Arity.ONE) once(spec);
    switch (spec.longName()) {
      case "--format" -> format = value;
      case "--sarif-category" -> sarifCategory = value;
      case "--output" -> output = value;
      case "--config" -> config = value;
      case "--fail-level" -> failLevel = value;
      case "--root" -> root = value;
      case "--file" -> composeFiles.add(value);
      case "--env-file" -> envFiles.add(value);
      case "--explain" -> explain = value;
      case "--stdin-filename" -> stdinFilename = value;
      default -> throw new IllegalStateException(spec.longName());
    }
  }
}
