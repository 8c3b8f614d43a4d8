package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line, declared for picocli; values are checked and resolved by {@link Main}. */
@Command(name = "berth", sortOptions = false, usageHelpAutoWidth = false,
    description = "Finds bugs that make containers crash at start, across Dockerfiles and "
        + "Compose projects, offline.",
    footer = {"", "Exit status: 0 clean, 1 findings at or above the fail level, "
        + "2 usage/configuration/input problem, 3 internal error."})
final class Options {
  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Files or directories to lint (default: the current directory).")
  List<String> paths = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Output format: text, sarif or json (default: text).")
  String format = "text";

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  String output;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: .berth.yaml at the project root).")
  String config;

  @Option(names = "--fail-level", paramLabel = "LEVEL",
      description = "Lowest severity that fails the run: error, warning, note or none "
          + "(default: the configuration's, else warning).")
  String failLevel;

  @Option(names = "--root", paramLabel = "DIR",
      description = "Project root (default: the enclosing git work tree, else the current "
          + "directory). Reported paths are relative to it.")
  String root;

  @Option(names = {"-f", "--file"}, paramLabel = "COMPOSE_FILE",
      description = "Compose files to lint together as one project, like docker compose -f "
          + "(repeatable).")
  List<String> composeFiles = new ArrayList<>();

  @Option(names = "--env-file", paramLabel = "FILE",
      description = "Env file for compose interpolation instead of each project's .env "
          + "(repeatable).")
  List<String> envFiles = new ArrayList<>();

  @Option(names = "--use-env",
      description = "Let the process environment take part in compose interpolation (off by "
          + "default, so results do not depend on the shell).")
  boolean useEnv;

  @Option(names = "--color", negatable = true,
      description = "Colour the text output (default: on a terminal unless NO_COLOR is set).")
  Boolean color;

  @Option(names = {"-q", "--quiet"}, description = "Print findings only, no summary.")
  boolean quiet;

  @Option(names = "--all",
      description = "Text output: print every style finding (by default at most 5 per file; the "
          + "summary says how many were held back). SARIF and JSON always hold all.")
  boolean all;

  @Option(names = "--list-rules", description = "List every rule and exit.")
  boolean listRules;

  @Option(names = "--explain", paramLabel = "RULE", description = "Print a rule's page and exit.")
  String explain;

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
  boolean version;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
