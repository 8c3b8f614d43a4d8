package dev.berth.runtime;

import dev.berth.image.ImageFilesystem;
import dev.berth.programs.Invocation;
import dev.berth.programs.Program;
import dev.berth.programs.ProgramCatalog;
import dev.berth.project.Project;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files and directories the application's own code creates, read without running it from the one
 * script a process runs ({@code python worker.py}, {@code node server.js}, also through
 * {@code npm start}), as the image holds it (a COPY of a build-context file). Only calls that
 * surely write are taken. Python: {@code open(P, 'w'|'a'|'x')}, {@code os.makedirs(P)},
 * {@code os.mkdir(P)}, {@code Path(P).mkdir()/.write_text()/.write_bytes()/.touch()}, where P is
 * a string literal, {@code os.environ.get('X', 'default')} or {@code os.getenv('X', 'default')}
 * resolved through the container's environment, a name assigned once at module level to one of
 * those, or {@code os.path.join} of those. Node: {@code fs.writeFile(Sync)}, {@code
 * fs.appendFile(Sync)}, {@code fs.mkdir(Sync)}, {@code fs.createWriteStream} (also through
 * {@code fs.promises}), where P is a literal, {@code process.env.X || 'default'} (or {@code ??}),
 * a top-level {@code const} of those, or {@code path.join}/{@code path.resolve} of those.
 * Anything else (a variable berth cannot follow, an f-string or template, the modules it imports)
 * is left out: the list is what the script writes for sure, never all it writes.
 */
public final class AppWrites {
  private AppWrites() {}

  /**
   * One write.
   *
   * @param path the absolute path in the container
   * @param at the call in the script
   * @param what {@code open(..., 'a')}
   */
  public record Write(Proc proc, String path, Range at, String what) {
    /** The call creates a directory: nothing is written when it already exists. */
    public boolean makesDirectory() {
      return what.startsWith("os.m") || what.endsWith(".mkdir()") || what.startsWith("fs.mkdir");
    }
  }

  private static final String STR = "(['\"])([^'\"\\\\\\n]{1,256})\\%d";
  private static final Pattern LITERAL = Pattern.compile("^" + STR.formatted(1) + "$");
  private static final Pattern ENV_GET = Pattern.compile(
      "^os\\.(?:environ\\.get|getenv)\\(\\s*" + STR.formatted(1) + "\\s*,\\s*" + STR.formatted(3)
          + "\\s*\\)$");
  private static final Pattern JOIN = Pattern.compile("^os\\.path\\.join\\((.{1,400})\\)$");
  private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,80}$");
  private static final Pattern ASSIGN = Pattern.compile(
      "(?m)^([A-Za-z_][A-Za-z0-9_]{0,80})[ \\t]*+=[ \\t]*+([^\\n=][^\\n]{0,400})$");
  /** One argument: no top-level comma, at most one nested call. */
  private static final String ARG =
      "([^(),\\n]{1,400}|[^(),\\n]{0,200}\\([^()\\n]{0,200}\\)[^(),\\n]{0,200})";
  private static final Pattern OPEN = Pattern.compile("\\bopen\\(" + ARG
      + ",\\s*(?:mode\\s*=\\s*)?(['\"])([wax])[bt+]{0,2}\\2\\s*[,)]");
  private static final Pattern MAKEDIRS = Pattern.compile(
      "\\bos\\.(makedirs|mkdir)\\(" + ARG + "\\s*[,)]");
  private static final Pattern PATH_WRITE = Pattern.compile(
      "\\bPath\\(" + ARG + "\\)\\.(mkdir|write_text|write_bytes|touch)\\(");
  private static final Pattern INNER_ASSIGN =
      Pattern.compile("(?m)^[ \\t]++([A-Za-z_][A-Za-z0-9_]{0,80})[ \\t]*+[+]?=[^=]");
  private static final Pattern APP_MODULE = Pattern.compile(
      "([A-Za-z_][A-Za-z0-9_]{0,80}(?:\\.[A-Za-z_][A-Za-z0-9_]{0,80}){0,8}):[A-Za-z_][A-Za-z0-9_]{0,80}(?:\\(.{0,200}\\))?");
  private static final Pattern JS_CONST = Pattern.compile(
      "(?m)^(?:export[ \\t]++)?const[ \\t]++([A-Za-z_$][A-Za-z0-9_$]{0,80})[ \\t]*+=[ \\t]*+([^\\n;]{1,400});?[ \\t]*+$");
  private static final Pattern JS_DECLARED =
      Pattern.compile("\\b(?:const|let|var)[ \\t]++([A-Za-z_$][A-Za-z0-9_$]{0,80})\\b");
  private static final Pattern JS_WRITE = Pattern.compile("\\bfs\\.(?:promises\\.)?"
      + "(writeFileSync|writeFile|appendFileSync|appendFile|mkdirSync|mkdir|createWriteStream)\\("
      + ARG + "\\s*[,)]");
  private static final Pattern JS_LITERAL =
      Pattern.compile("^(['\"`])([^'\"`\\\\\\n$]{1,256})\\1$");
  private static final Pattern JS_ENV = Pattern.compile(
      "^process\\.env(?:\\.([A-Za-z_][A-Za-z0-9_]{0,80})|\\[\\s*['\"]([A-Za-z_][A-Za-z0-9_]{0,80})['\"]\\s*\\])"
          + "\\s*(?:\\|\\||\\?\\?)\\s*(.{1,300})$");
  private static final Pattern JS_JOIN = Pattern.compile("^path\\.(join|resolve)\\((.{1,400})\\)$");

  /** What the app code of each process of {@code c} writes for sure. */
  public static List<Write> of(Project project, Container c) {
    List<Write> out = new ArrayList<>();
    for (Proc p : c.processes()) {
      if (!p.fsKnown()) continue;
      Optional<String> script = pythonScript(p.argv()).or(() -> appModule(p));
      boolean node = script.isEmpty();
      if (node) script = nodeScript(p.argv());
      Optional<String> wd = c.workdirOf(p);
      if (script.isEmpty() || (wd.isEmpty() && !script.get().startsWith("/"))) continue;
      String path = ImageFilesystem.resolve(wd.orElse("/"), script.get());
      // Edited at start (sed -i): what it writes is not what the image holds.
      if (c.editedAtStart().contains(path)) continue;
      Optional<ImageFiles.Content> content = ImageFiles.read(project, c.dockerfile(), c.stage(),
          c.contexts(), path);
      if (content.isEmpty() || content.get().file().isEmpty()) continue;
      SourceFile file = content.get().file().get();
      Environment env = c.envOf(p);
      for (Found f : node ? scanNode(content.get().text(), env)
          : scan(content.get().text(), env)) {
        String target = f.path().startsWith("/") ? f.path()
            : wd.map(w -> ImageFilesystem.resolve(w, f.path())).orElse(null);
        if (target == null) continue;
        out.add(new Write(p, ImageFilesystem.normalize(target), file.range(f.start(), f.end()),
            f.what()));
      }
    }
    return out;
  }

  /** A write in the text: offsets of the call, and the path as the process would see it. */
  record Found(int start, int end, String path, String what) {}

  /** Bounded: every pattern is linear in the text, and names are looked up in a map. */
  static List<Found> scan(String text, Environment env) {
    Map<String, String> names = new HashMap<>();
    Set<String> reassigned = new HashSet<>();
    Matcher a = ASSIGN.matcher(text);
    while (a.find()) {
      String name = a.group(1);
      Optional<String> v = value(a.group(2).strip(), Map.of(), env);
      if (names.containsKey(name) || reassigned.contains(name) || v.isEmpty()) {
        names.remove(name);
        reassigned.add(name);
      } else {
        names.put(name, v.get());
      }
    }
    // A name assigned anywhere else (in a function, with +=) is not a constant.
    Matcher other = INNER_ASSIGN.matcher(text);
    while (other.find()) names.remove(other.group(1));
    List<Found> out = new ArrayList<>();
    Matcher o = OPEN.matcher(text);
    while (o.find()) {
      value(o.group(1).strip(), names, env).ifPresent(p -> out.add(new Found(o.start(), o.end(),
          p, "open(..., '" + o.group(3) + "')")));
    }
    Matcher m = MAKEDIRS.matcher(text);
    while (m.find()) {
      value(m.group(2).strip(), names, env).ifPresent(p -> out.add(new Found(m.start(), m.end(),
          p, "os." + m.group(1) + "()")));
    }
    Matcher w = PATH_WRITE.matcher(text);
    while (w.find()) {
      value(w.group(1).strip(), names, env).ifPresent(p -> out.add(new Found(w.start(), w.end(),
          p, "Path(...)." + w.group(2) + "()")));
    }
    out.sort(java.util.Comparator.comparingInt(Found::start));
    return out;
  }

  /** The string an expression surely evaluates to, when it is one of the forms berth follows. */
  private static Optional<String> value(String expr, Map<String, String> names, Environment env) {
    Matcher l = LITERAL.matcher(expr);
    if (l.matches()) return Optional.of(l.group(2)).filter(s -> !s.contains("{"));
    Matcher e = ENV_GET.matcher(expr);
    if (e.matches()) {
      String var = e.group(2);
      if (env.isUnknown(var)) return Optional.empty();
      return Optional.of(env.value(var).orElse(e.group(4)));
    }
    if (NAME.matcher(expr).matches()) return Optional.ofNullable(names.get(expr));
    Matcher j = JOIN.matcher(expr);
    if (j.matches()) {
      String[] parts = j.group(1).split(",", -1);
      String acc = null;
      for (String part : parts) {
        Optional<String> v = value(part.strip(), names, env);
        if (v.isEmpty()) return Optional.empty();
        acc = acc == null || v.get().startsWith("/") ? v.get() : acc + "/" + v.get();
      }
      return Optional.ofNullable(acc);
    }
    return Optional.empty();
  }

  /** Node's writes, as {@link #scan} finds Python's. */
  static List<Found> scanNode(String text, Environment env) {
    Map<String, String> names = new HashMap<>();
    Set<String> declared = new HashSet<>();
    Matcher a = JS_CONST.matcher(text);
    while (a.find()) {
      String name = a.group(1);
      Optional<String> v = valueJs(a.group(2).strip(), Map.of(), env);
      if (declared.add(name) && v.isPresent()) names.put(name, v.get());
      else names.remove(name);
    }
    // A name declared twice (shadowed in a function) is not one constant.
    Map<String, Integer> count = new HashMap<>();
    Matcher d = JS_DECLARED.matcher(text);
    while (d.find()) count.merge(d.group(1), 1, Integer::sum);
    count.forEach((k, n) -> {
      if (n > 1) names.remove(k);
    });
    List<Found> out = new ArrayList<>();
    Matcher w = JS_WRITE.matcher(text);
    while (w.find()) {
      valueJs(w.group(2).strip(), names, env).ifPresent(p -> out.add(new Found(w.start(), w.end(),
          p, "fs." + w.group(1) + "()")));
    }
    return out;
  }

  private static Optional<String> valueJs(String expr, Map<String, String> names, Environment env) {
    Matcher l = JS_LITERAL.matcher(expr);
    if (l.matches()) return Optional.of(l.group(2));
    Matcher e = JS_ENV.matcher(expr);
    if (e.matches()) {
      String var = e.group(1) != null ? e.group(1) : e.group(2);
      if (env.isUnknown(var)) return Optional.empty();
      Optional<String> set = env.value(var).filter(v -> !v.isEmpty());
      return set.isPresent() ? set : valueJs(e.group(3).strip(), names, env);
    }
    if (NAME.matcher(expr).matches()) return Optional.ofNullable(names.get(expr));
    Matcher j = JS_JOIN.matcher(expr);
    if (j.matches()) {
      boolean resolve = j.group(1).equals("resolve");
      String acc = null;
      for (String part : j.group(2).split(",", -1)) {
        if (part.strip().equals("__dirname")) return Optional.empty();
        Optional<String> v = valueJs(part.strip(), names, env);
        if (v.isEmpty()) return Optional.empty();
        acc = acc == null || (resolve && v.get().startsWith("/")) ? v.get() : acc + "/" + v.get();
      }
      return Optional.ofNullable(acc);
    }
    return Optional.empty();
  }

  /**
   * The file of the {@code module:app} operand of a server that imports a Python app (the
   * catalog's {@code loads: python-app}: gunicorn, uvicorn, hypercorn, daphne, waitress-serve),
   * relative to its working directory, which these servers put first on {@code sys.path}
   * (docs.gunicorn.org "APP_MODULE is of the pattern $(MODULE_NAME):$(VARIABLE_NAME)", the module
   * name "can be a full dotted path"; uvicorn's APP is the same form). Only {@code module.py}
   * is tried, never a package; options that move the import root make it unknown.
   */
  static Optional<String> appModule(Proc p) {
    if (p.program().isEmpty()
        || !p.program().get().program().loads().contains(Program.Loads.PYTHON_APP)) {
      return Optional.empty();
    }
    Invocation inv = p.program().get();
    if (inv.hasOption("--chdir") || inv.hasOption("--app-dir") || inv.hasOption("--pythonpath")) {
      return Optional.empty();
    }
    for (int k : inv.operands()) {
      Matcher m = APP_MODULE.matcher(inv.argv().get(k));
      if (m.matches()) return Optional.of(m.group(1).replace('.', '/') + ".py");
    }
    return Optional.empty();
  }

  /** The script {@code node [options] server.js} runs, or empty. */
  static Optional<String> nodeScript(List<String> argv) {
    return script(argv, false).filter(x -> x.matches(".*\\.(js|mjs|cjs)"));
  }

  /** The script {@code python [options] script.py} runs, or empty. */
  static Optional<String> pythonScript(List<String> argv) {
    return script(argv, true).filter(x -> x.endsWith(".py"));
  }

  /** The script file a Python interpreter ({@code python}) or another one runs, by the catalog. */
  private static Optional<String> script(List<String> argv, boolean python) {
    if (argv.isEmpty()) return Optional.empty();
    Optional<Invocation> inv = ProgramCatalog.standard().match(argv, Optional.empty());
    int j = inv.map(Invocation::script).orElse(-1);
    if (j < 0 || inv.get().program().loads().contains(Program.Loads.PYTHON_APP) != python) {
      return Optional.empty();
    }
    return Optional.of(argv.get(j));
  }
}
