package dev.berth.evidence;

import dev.berth.project.FileTree;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Makefile the way GNU make runs it: the whole file's variables are known before any
 * recipe runs (the last plain assignment wins; one inside a conditional is unknown), each recipe
 * line runs in its own shell from the Makefile's directory, after make expands {@code $(VAR)} and
 * turns {@code $$} into {@code $}. A target's prerequisites run before its recipe, so a build step
 * there counts as run before the target's {@code docker build}.
 */
final class MakefileReader {
  private static final int MAX_EXPANSION_DEPTH = 10;

  /** @param at where the target is first written (the rule line's range) */
  private record Rule(List<String> prerequisites, List<int[]> recipe, Range at) {}

  /**
   * GNU make's default suffixes: a target made of one or two of them ({@code .c.o}) is a suffix
   * rule, not a file. Other names that start with a dot ({@code .env}) are files.
   */
  private static final Set<String> DEFAULT_SUFFIXES = Set.of(".out", ".a", ".ln", ".o", ".c",
      ".cc", ".C", ".cpp", ".p", ".f", ".F", ".m", ".r", ".y", ".l", ".ym", ".lm", ".s", ".S",
      ".mod", ".sym", ".def", ".h", ".info", ".dvi", ".tex", ".texinfo", ".texi", ".txinfo",
      ".w", ".ch", ".web", ".sh", ".elc", ".el");

  private final Set<String> phony = new HashSet<>();

  /** A make variable's value text, or unknown. */
  private record Var(Optional<String> value) {}

  private final SourceFile file;
  private final String text;
  private final String dir;
  private final Map<String, Var> vars = new HashMap<>();
  /** Variables make puts in the environment of recipe commands ({@code export NAME}). */
  private final Set<String> exported = new java.util.HashSet<>();
  /** A bare {@code export} line or {@code .EXPORT_ALL_VARIABLES:} exports every variable. */
  private boolean exportAll;
  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private final Map<String, Optional<Range>> built = new HashMap<>();
  private final Collector out;
  private final FileTree tree;
  private java.util.function.Function<String, Optional<SourceFile>> sources =
      path -> Optional.empty();
  /** Included makefiles read for their variables, at most. */
  private static final int MAX_INCLUDED = 8;
  private int included;

  private MakefileReader(SourceFile file, FileTree tree, Optional<String> runFrom) {
    this.file = file;
    this.text = file.text();
    this.dir = runFrom.orElse(parent(file.path()));
    this.out = new Collector(SourceKind.MAKEFILE, tree);
    this.tree = tree;
  }

  static Collector read(SourceFile file, FileTree tree) {
    return read(file, tree, Optional.empty());
  }

  /**
   * @param runFrom the directory make runs the recipes from when another Makefile includes this
   *     one ({@link MakeIncludes}); its own directory otherwise
   */
  static Collector read(SourceFile file, FileTree tree, Optional<String> runFrom) {
    return read(file, tree, runFrom, path -> Optional.empty());
  }

  /** @param sources reads the makefiles it includes, for their variables */
  static Collector read(SourceFile file, FileTree tree, Optional<String> runFrom,
      java.util.function.Function<String, Optional<SourceFile>> sources) {
    MakefileReader r = new MakefileReader(file, tree, runFrom);
    r.sources = sources;
    r.parse();
    // first: `make .env` is the step to name, not the recipe's `printf >> .env` inside it
    r.fileTargets();
    for (String target : r.rules.keySet()) r.interpret(target, new HashSet<>());
    return r.out;
  }

  /**
   * A rule whose target is a file and that has a recipe makes that file (redash's
   * {@code .env:} rule that {@code compose_build: .env} depends on): a path the repository's
   * setup creates, so its absence from a checkout is not a bug.
   */
  private void fileTargets() {
    for (var e : rules.entrySet()) {
      String target = e.getKey();
      if (phony.contains(target) || e.getValue().recipe().isEmpty() || target.contains("%")
          || target.contains("$") || target.contains("(")) {
        continue;
      }
      String path = dir.isEmpty() ? target : dir + "/" + target;
      out.produced(dev.berth.compose.Paths.normalize(path), e.getValue().at(), "make " + target);
    }
  }

  /** A special target ({@code .PHONY}) or a suffix rule ({@code .c.o}): not a file. */
  private static boolean special(String target) {
    if (!target.startsWith(".")) return false;
    if (target.substring(1).chars().allMatch(c -> c == '_' || (c >= 'A' && c <= 'Z'))) return true;
    int second = target.indexOf('.', 1);
    return second < 0 ? DEFAULT_SUFFIXES.contains(target)
        : DEFAULT_SUFFIXES.contains(target.substring(0, second))
            && DEFAULT_SUFFIXES.contains(target.substring(second));
  }

  // ---- structure ---------------------------------------------------------------------------

  private void parse() {
    int conditional = 0;
    String current = null;
    boolean inDefine = false;
    int pos = 0;
    while (pos < text.length()) {
      int start = pos;
      int end = logicalEnd(pos);
      pos = Math.min(end + 1, text.length());
      if (start < text.length() && text.charAt(start) == '\t') {
        if (current != null && !inDefine) rules.get(current).recipe().add(new int[] {start + 1, end});
        continue;
      }
      String line = stripComment(text.substring(start, end)).trim();
      if (inDefine) {
        if (line.equals("endef")) inDefine = false;
        continue;
      }
      if (line.isEmpty()) continue;
      String first = line.split("[ \t(]", 2)[0];
      switch (first) {
        case "ifeq", "ifneq", "ifdef", "ifndef" -> {
          conditional++;
          continue;
        }
        case "endif" -> {
          conditional = Math.max(0, conditional - 1);
          continue;
        }
        case "include", "-include", "sinclude" -> {
          if (conditional == 0) include(line.substring(first.length()).trim());
          continue;
        }
        case "else", "vpath" -> {
          continue;
        }
        case "export", "unexport" -> {
          // GNU make 6.10: `export` alone exports every variable, `export A B` those named;
          // `unexport` takes them back. `export NAME = value` is an assignment, read below.
          if (!line.contains("=")) {
            String[] names = line.substring(first.length()).trim().split("\\s+");
            boolean export = first.equals("export");
            if (line.equals(first)) {
              exportAll = export;
            } else if (conditional == 0) {
              for (String n : names) {
                if (export) exported.add(n);
                else exported.remove(n);
              }
            }
            continue;
          }
        }
        case "define" -> {
          inDefine = true;
          String name = line.substring(6).trim().split("[ \t]", 2)[0];
          vars.put(name, new Var(Optional.empty()));
          continue;
        }
        default -> { }
      }
      if (assignment(line, conditional > 0)) {
        continue;
      }
      int colon = ruleColon(line);
      if (colon < 0) {
        current = null;
        continue;
      }
      String after = line.substring(colon + 1);
      if (after.startsWith(":")) after = after.substring(1);
      // "target: VAR = value" is a target-specific variable, not a rule with a recipe
      if (after.contains("=") && !after.contains(";")) {
        current = null;
        continue;
      }
      int semi = after.indexOf(';');
      String prereqText = semi < 0 ? after : after.substring(0, semi);
      List<String> prerequisites = new ArrayList<>();
      for (String p : prereqText.replace('|', ' ').trim().split("\\s+")) {
        if (!p.isEmpty()) prerequisites.add(p);
      }
      current = null;
      String[] targets = line.substring(0, colon).trim().split("\\s+");
      if (targets.length == 1 && targets[0].equals(".PHONY")) phony.addAll(prerequisites);
      if (targets.length == 1 && targets[0].equals(".EXPORT_ALL_VARIABLES")) exportAll = true;
      for (String target : targets) {
        if (target.isEmpty() || special(target)) continue;
        Range at = file.range(start, end);
        Rule r = rules.computeIfAbsent(target,
            t -> new Rule(new ArrayList<>(), new ArrayList<>(), at));
        r.prerequisites().addAll(prerequisites);
        if (current == null) current = target;
      }
      if (semi >= 0 && current != null) {
        int at = text.indexOf(';', start) + 1;
        if (at > 0 && at <= end) rules.get(current).recipe().add(new int[] {at, end});
      }
    }
  }

  /** End of the logical line starting at {@code pos}: backslash-newline continues it. */
  private int logicalEnd(int pos) {
    int i = pos;
    while (true) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) return text.length();
      int back = nl - 1;
      if (back >= pos && text.charAt(back) == '\r') back--;
      int slashes = 0;
      while (back >= pos && text.charAt(back) == '\\') {
        slashes++;
        back--;
      }
      if (slashes % 2 == 0) return nl;
      i = nl + 1;
    }
  }

  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || line.charAt(i - 1) != '\\')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /**
   * {@code include options.mk}: make reads the included makefile in place (GNU make 3.3), so
   * its variables and exports are this makefile's from here (openedx/devstack's options.mk sets
   * DEVSTACK_WORKSPACE, which the Makefile's bare `export` passes to its compose commands). Only
   * literal names of repository files, read for their variable lines; their rules stay theirs.
   */
  private void include(String names) {
    for (String name : names.split("\\s+")) {
      if (name.isEmpty() || name.contains("$") || name.contains("*") || included >= MAX_INCLUDED) {
        continue;
      }
      String path = dev.berth.compose.Paths.normalize(dir.isEmpty() ? name : dir + "/" + name);
      if (!tree.isFile(path)) continue;
      Optional<SourceFile> f = sources.apply(path);
      if (f.isEmpty()) continue;
      included++;
      for (String raw : f.get().text().split("\n")) {
        if (raw.startsWith("\t")) continue;
        String line = stripComment(raw).trim();
        if (line.isEmpty()) continue;
        if (line.equals("export")) {
          exportAll = true;
        } else if (line.startsWith("export ") && !line.contains("=")) {
          for (String n : line.substring(7).trim().split("\\s+")) exported.add(n);
        } else if (!line.startsWith("include") && !line.startsWith("-include")) {
          assignment(line, false);
        }
      }
    }
  }

  /** {@code [export|override] NAME op value} with op one of = := ::= ?= += != . */
  private boolean assignment(String line, boolean conditional) {
    String l = line;
    boolean export = false;
    for (String prefix : List.of("export ", "override ", "private ")) {
      if (l.startsWith(prefix)) {
        export |= prefix.startsWith("export");
        l = l.substring(prefix.length()).trim();
      }
    }
    int eq = l.indexOf('=');
    if (eq <= 0) return false;
    int opStart = eq;
    while (opStart > 0 && ":?+!".indexOf(l.charAt(opStart - 1)) >= 0) opStart--;
    String name = l.substring(0, opStart).trim();
    if (name.isEmpty() || !validName(name)) return false;
    if (export && !conditional) exported.add(name);
    String op = l.substring(opStart, eq + 1);
    String value = l.substring(eq + 1).trim().replace("\\\n", " ");
    Var previous = vars.get(name);
    Var next;
    if (conditional || op.equals("!=")) {
      next = new Var(Optional.empty());
    } else if (op.equals("?=")) {
      // a default: kept unless the file set the variable before
      next = previous != null ? previous : new Var(Optional.of(value));
    } else if (op.equals("+=")) {
      next = previous == null ? new Var(Optional.of(value))
          : new Var(previous.value().map(v -> v + " " + value));
    } else if ((op.equals(":=") || op.equals("::=")) && previous != null
        && previous.value().isPresent()
        && (value.contains("$(" + name + ")") || value.contains("${" + name + "}"))) {
      // a simply expanded value that refers to the variable itself takes its value so far
      // (openedx/devstack: COMPOSE_FILE := $(COMPOSE_FILE):docker-compose-themes.yml)
      String before = previous.value().get();
      next = new Var(Optional.of(value.replace("$(" + name + ")", before)
          .replace("${" + name + "}", before)));
    } else {
      next = new Var(Optional.of(value));
    }
    vars.put(name, next);
    return true;
  }

  private static boolean validName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ' ' || c == '\t' || c == ':' || c == '#' || c == '$' || c == '(' || c == ')') {
        return false;
      }
    }
    return true;
  }

  /** The ':' that separates targets from prerequisites ("::" counts), or -1. */
  private static int ruleColon(String line) {
    int depth = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '(' || c == '{') depth++;
      if (c == ')' || c == '}') depth--;
      if (c == '=' && depth == 0) return -1;
      if (c == ':' && depth == 0) {
        if (i + 1 < line.length() && line.charAt(i + 1) == '=') return -1;
        return i;
      }
    }
    return -1;
  }

  // ---- recipes -----------------------------------------------------------------------------

  /** Interprets a target's recipe once, after its prerequisites; returns its first build step. */
  private Optional<Range> interpret(String target, Set<String> visiting) {
    if (built.containsKey(target)) return built.get(target);
    if (!visiting.add(target)) return Optional.empty();
    Rule rule = rules.get(target);
    Optional<Range> before = Optional.empty();
    for (String p : rule.prerequisites()) {
      if (!rules.containsKey(p)) continue;
      Optional<Range> b = interpret(p, visiting);
      if (before.isEmpty()) before = b;
    }
    Optional<Range> builtHere = before;
    for (int[] line : rule.recipe()) {
      MappedText shell = recipe(line[0], line[1]);
      Map<String, Optional<String>> env = environment();
      ScriptInterpreter.State state = new ScriptInterpreter.State(Optional.of(dir), false, env,
          env.keySet());
      state.builtAfter = builtHere;
      ScriptInterpreter.State end = ScriptInterpreter.run(shell.text(), shell.positions(file),
          Optional.empty(), state, out);
      builtHere = end.builtAfter;
    }
    built.put(target, builtHere);
    return builtHere;
  }

  /**
   * The variables make exports to recipe commands, with their values where the makefile gives
   * them literally (a value with a make reference is unknown).
   */
  private Map<String, Optional<String>> environment() {
    Map<String, Optional<String>> env = new HashMap<>();
    for (Map.Entry<String, Var> v : vars.entrySet()) {
      if (!exportAll && !exported.contains(v.getKey())) continue;
      env.put(v.getKey(), v.getValue().value().filter(x -> !x.contains("$")));
    }
    return env;
  }

  /** One recipe line as the shell receives it: prefix characters dropped, variables expanded. */
  private MappedText recipe(int start, int end) {
    int i = start;
    while (i < end && (text.charAt(i) == '@' || text.charAt(i) == '-' || text.charAt(i) == '+'
        || text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    MappedText out = new MappedText();
    expand(text, i, end, i, out, 0);
    return out;
  }

  /**
   * Appends {@code s[start, stop)} with make's expansion. When {@code s} is the file itself its
   * characters keep their offsets; text from a variable's value maps to the reference
   * ({@code at}).
   */
  private void expand(String s, int start, int stop, int at, MappedText out, int depth) {
    boolean inFile = s == text;
    int i = start;
    while (i < stop) {
      char c = s.charAt(i);
      int here = inFile ? i : at;
      if (c == '\n' && inFile && i + 1 < stop && s.charAt(i + 1) == '\t') {
        // a recipe's continuation line: make removes the leading tab
        out.append("\n", here);
        i += 2;
        continue;
      }
      if (c != '$' || i + 1 >= stop) {
        if (inFile) out.copy(s, i, i + 1);
        else out.append(String.valueOf(c), at);
        i++;
        continue;
      }
      char n = s.charAt(i + 1);
      if (n == '$') {
        out.append("$", here);
        i += 2;
        continue;
      }
      String name;
      int next;
      if (n == '(' || n == '{') {
        int close = closing(s, i + 1, stop, n, n == '(' ? ')' : '}');
        name = s.substring(i + 2, Math.min(close, stop));
        next = Math.min(close + 1, stop);
      } else {
        name = String.valueOf(n);
        next = i + 2;
      }
      out.append(value(name, depth).orElse("$(make:" + name.replace(')', ' ') + ")"), here);
      i = next;
    }
  }

  private Optional<String> value(String name, int depth) {
    String n = name.trim();
    if (n.equals("CURDIR") || n.equals("PWD") || n.equals("shell pwd")
        || n.equals("dir $(abspath $(lastword $(MAKEFILE_LIST)))")
        || n.equals("abspath $(dir $(lastword $(MAKEFILE_LIST)))")) {
      return Optional.of(ScriptInterpreter.ROOT + dir);
    }
    if (n.equals("MAKE")) return Optional.of("make");
    Optional<String> done = expanded.get(n);
    if (done != null) return done;
    Var v = vars.get(n);
    if (v == null || v.value().isEmpty() || depth >= MAX_EXPANSION_DEPTH) return Optional.empty();
    // each variable is expanded once (a value referring to itself is unknown), and a value
    // growing past MAX_VALUE is unknown: nested references cannot blow up
    expanded.put(n, Optional.empty());
    MappedText sub = new MappedText();
    String value = v.value().get();
    expand(value, 0, value.length(), 0, sub, depth + 1);
    String t = sub.text();
    Optional<String> result = t.contains("$(make:") || t.length() > MAX_VALUE ? Optional.empty()
        : Optional.of(t);
    expanded.put(n, result);
    return result;
  }

  private static final int MAX_VALUE = 16 * 1024;
  private final Map<String, Optional<String>> expanded = new HashMap<>();

  private static int closing(String s, int open, int stop, char o, char c) {
    int level = 0;
    for (int i = open; i < stop; i++) {
      if (s.charAt(i) == o) level++;
      if (s.charAt(i) == c && --level == 0) return i;
    }
    return stop;
  }

  private static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }
}
