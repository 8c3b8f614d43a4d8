package dev.berth.evidence;

import dev.berth.project.FileTree;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Shell scripts, {@code package.json} scripts and justfiles. */
final class ScriptReaders {
  private ScriptReaders() {}

  /**
   * A shell script. Who calls it and from where is unknown: it is read once as run from its own
   * directory and once as run from the root, and {@link Collector#merge} keeps, per command, what
   * only one of them makes true.
   */
  static Collector shell(SourceFile file, FileTree tree) {
    return shell(file, tree, path -> Optional.empty());
  }

  /** @param sources reads the repository files the script sources ({@code . lib.sh}) */
  static Collector shell(SourceFile file, FileTree tree,
      java.util.function.Function<String, Optional<SourceFile>> sources) {
    String dir = parent(file.path());
    List<String> starts = RepoEvidence.dockerHubHook(file.path()) ? List.of(parent(dir))
        : dir.isEmpty() ? List.of("") : List.of(dir, "");
    List<Collector> runs = new ArrayList<>();
    for (String start : starts) {
      Collector c = new Collector(SourceKind.SHELL_SCRIPT, tree);
      c.sources = sources;
      ScriptInterpreter.State state = new ScriptInterpreter.State(Optional.of(start),
          starts.size() > 1, Map.of(), Set.of());
      ScriptInterpreter.run(file.text(), file::range, Optional.of(file.path()), state, c);
      runs.add(c);
    }
    return Collector.merge(SourceKind.SHELL_SCRIPT, tree, runs);
  }

  /** Each {@code scripts} entry runs through {@code sh -c} in the package's directory. */
  static Collector packageJson(SourceFile file, FileTree tree) {
    return packageJson(file, tree, path -> Optional.empty());
  }

  /** @param sources reads the repository files a script sources or exports from */
  static Collector packageJson(SourceFile file, FileTree tree,
      java.util.function.Function<String, Optional<SourceFile>> sources) {
    Collector out = new Collector(SourceKind.PACKAGE_JSON, tree);
    out.sources = sources;
    String dir = parent(file.path());
    // not JSON berth can read: no evidence from it
    for (PackageScripts.Script sc : PackageScripts.parse(file.text(), Optional.of(file))
        .map(PackageScripts::scripts).orElse(List.of())) {
      ScriptInterpreter.State state = new ScriptInterpreter.State(Optional.of(dir), false,
          Map.of(), Set.of());
      ScriptInterpreter.run(sc.command(), jsonString(file, sc.offset(), sc.command()),
          Optional.empty(), state, out);
    }
    return out;
  }

  /** Positions inside a JSON string: exact when it has no escapes, else its start. */
  private static ScriptInterpreter.Positions jsonString(SourceFile file, int quote, String value) {
    String t = file.text();
    int first = quote + 1;
    boolean exact = first + value.length() < t.length()
        && t.startsWith(value, first) && t.charAt(first + value.length()) == '"';
    if (exact) return (s, e) -> file.range(first + s, first + Math.max(s, e));
    return (s, e) -> file.range(quote, Math.min(t.length(), quote + 1));
  }

  /**
   * A justfile: {@code name := "value"} variables, recipes whose indented lines each run in their
   * own shell from the justfile's directory, with {@code {{name}}} interpolated.
   */
  static Collector justfile(SourceFile file, FileTree tree) {
    Collector out = new Collector(SourceKind.JUSTFILE, tree);
    String dir = parent(file.path());
    String text = file.text();
    Map<String, String> vars = new java.util.HashMap<>();
    boolean inRecipe = false;
    int pos = 0;
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl;
      int start = pos;
      pos = end + 1;
      if (end == start) continue;
      char c = text.charAt(start);
      if (c == ' ' || c == '\t') {
        if (!inRecipe) continue;
        int i = start;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        while (i < end && (text.charAt(i) == '@' || text.charAt(i) == '-')) i++;
        if (i >= end || text.charAt(i) == '#') continue;
        MappedText line = template(text, i, end, vars);
        ScriptInterpreter.State state = new ScriptInterpreter.State(Optional.of(dir), false,
            Map.of(), Set.of());
        ScriptInterpreter.run(line.text(), line.positions(file), Optional.empty(), state, out);
        continue;
      }
      String line = text.substring(start, end).trim();
      inRecipe = false;
      if (line.startsWith("#") || line.startsWith("set ") || line.startsWith("import ")) continue;
      int assign = line.indexOf(":=");
      if (assign > 0 && line.substring(0, assign).trim().matches("(export\\s+)?[A-Za-z_][A-Za-z0-9_-]*")) {
        String name = line.substring(0, assign).trim().replaceFirst("^export\\s+", "");
        String value = line.substring(assign + 2).trim();
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
            && value.charAt(value.length() - 1) == value.charAt(0)) {
          vars.put(name, value.substring(1, value.length() - 1));
        }
        continue;
      }
      inRecipe = line.indexOf(':') > 0;
    }
    return out;
  }

  /** {@code {{name}}} replaced by known values; anything else becomes an unknown expansion. */
  private static MappedText template(String text, int start, int end, Map<String, String> vars) {
    return new MappedText().copy(text, start, end).replaceAll("{{", "}}", name -> {
      String v = vars.get(name.startsWith(".") ? name.substring(1) : name);
      return v != null ? v : "$(template)";
    });
  }

  /**
   * A value from a configuration file as a shell word that reads back as it is: single-quoted
   * unless it is a plain word (a {@code $} stays unquoted, so that a variable is still one).
   */
  static String quoted(String w) {
    return w.matches("[A-Za-z0-9_./:@=+${}-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
  }

  static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }
}
