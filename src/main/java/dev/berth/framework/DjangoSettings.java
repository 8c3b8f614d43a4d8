package dev.berth.framework;

import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directories a Django settings module tells Django to read at run time (STATICFILES_DIRS,
 * TEMPLATES DIRS), as root-relative paths. Only the forms Django's project template and common
 * variants produce are understood: {@code BASE_DIR = Path(__file__).resolve().parent.parent} or the
 * {@code os.path.dirname(...)} chain, and entries like {@code BASE_DIR / "static"} or
 * {@code os.path.join(BASE_DIR, "templates")}. Anything else is unknown and yields nothing.
 */
public record DjangoSettings(String file, String baseDir, List<AssetDir> dirs,
    List<LogFile> logFiles, Optional<LogFile> sqliteDatabase) {

  /** A directory Django loads, where the settings name it, and which setting. */
  public record AssetDir(String path, String setting, Range range) {}

  /**
   * A file Django writes: a LOGGING handler's file as Django starts, or the SQLite database. Exactly one of the paths is set:
   * {@code repoPath} (root-relative, from {@code BASE_DIR / ...}: where it lands in the image
   * depends on how the app is copied), {@code absolute} (a container path as written), or
   * {@code relative} (resolved against the process's working directory).
   */
  public record LogFile(Optional<String> repoPath, Optional<String> absolute,
      Optional<String> relative, Range range) {}

  private static final Pattern LOGGING = Pattern.compile("(?m)^LOGGING\\s*=\\s*\\{");
  private static final Pattern DATABASES = Pattern.compile("(?m)^DATABASES\\s*=\\s*\\{");
  private static final Pattern ENGINE = Pattern.compile("['\"]ENGINE['\"]\\s*:\\s*");
  private static final Pattern SQLITE =
      Pattern.compile("\\G(['\"])django\\.db\\.backends\\.sqlite3\\1");
  private static final Pattern NAME = Pattern.compile("['\"]NAME['\"]\\s*:\\s*");
  private static final Pattern FILENAME = Pattern.compile(
      "['\"]filename['\"]\\s*:\\s*");
  private static final Pattern LITERAL = Pattern.compile("\\G(['\"])([A-Za-z0-9_.\\-/]+)\\1");

  private static final Pattern BASE_PATHLIB = Pattern.compile(
      "(?m)^BASE_DIR\\s*=\\s*Path\\(\\s*__file__\\s*\\)\\.resolve\\(\\)((?:\\.parent)+)\\s*$");
  private static final Pattern BASE_OS = Pattern.compile(
      "(?m)^BASE_DIR\\s*=\\s*((?:os\\.path\\.dirname\\(\\s*)+)os\\.path\\.(?:abspath|realpath)\\(\\s*__file__\\s*\\)\\s*(\\)\\s*)+$");
  private static final Pattern STATICFILES = Pattern.compile("(?m)^STATICFILES_DIRS\\s*=\\s*[\\[(]");
  private static final Pattern TEMPLATE_DIRS = Pattern.compile("['\"]DIRS['\"]\\s*:\\s*\\[");
  /** {@code BASE_DIR / "a" / 'b'} */
  private static final Pattern SLASH_FORM = Pattern.compile(
      "BASE_DIR((?:\\s*/\\s*(['\"])[A-Za-z0-9_.\\-/]+\\2)+)");
  /** {@code os.path.join(BASE_DIR, "a", "b")} */
  private static final Pattern JOIN_FORM = Pattern.compile(
      "os\\.path\\.join\\(\\s*BASE_DIR\\s*((?:,\\s*(['\"])[A-Za-z0-9_.\\-/]+\\2\\s*)+)\\)");
  private static final Pattern QUOTED = Pattern.compile("(['\"])([A-Za-z0-9_.\\-/]+)\\1");

  public static Optional<DjangoSettings> parse(SourceFile file) {
    String text = file.text();
    if (!text.contains("BASE_DIR")) return Optional.empty();
    Optional<String> base = baseDir(file.path(), text);
    if (base.isEmpty()) return Optional.empty();
    List<AssetDir> dirs = new ArrayList<>();
    collect(file, base.get(), STATICFILES.matcher(text), "STATICFILES_DIRS", dirs);
    collect(file, base.get(), TEMPLATE_DIRS.matcher(text), "TEMPLATES DIRS", dirs);
    List<LogFile> logs = logFiles(file, base.get());
    Optional<LogFile> sqlite = sqlite(file, base.get());
    return dirs.isEmpty() && logs.isEmpty() && sqlite.isEmpty() ? Optional.empty()
        : Optional.of(new DjangoSettings(file.path(), base.get(), dirs, logs, sqlite));
  }

  /** {@code "filename": ...} entries inside the LOGGING dict; other forms are unknown. */
  private static List<LogFile> logFiles(SourceFile file, String base) {
    String text = file.text();
    List<LogFile> out = new ArrayList<>();
    Matcher start = LOGGING.matcher(text);
    if (!start.find()) return out;
    int open = start.end() - 1;
    int close = closing(text, open);
    if (close < 0) return out;
    Matcher f = FILENAME.matcher(text).region(open, close);
    while (f.find()) fileAt(file, base, f.end(), close).ifPresent(out::add);
    return out;
  }

  /**
   * The database file of a DATABASES dict with exactly one ENGINE, the literal
   * {@code django.db.backends.sqlite3}, and one NAME berth can read; anything else is unknown.
   */
  private static Optional<LogFile> sqlite(SourceFile file, String base) {
    String text = file.text();
    Matcher start = DATABASES.matcher(text);
    if (!start.find()) return Optional.empty();
    int open = start.end() - 1;
    int close = closing(text, open);
    if (close < 0) return Optional.empty();
    Matcher e = ENGINE.matcher(text).region(open, close);
    if (!e.find() || !SQLITE.matcher(text).region(e.end(), close).lookingAt() || e.find()) {
      return Optional.empty();
    }
    Matcher n = NAME.matcher(text).region(open, close);
    if (!n.find()) return Optional.empty();
    int at = n.end();
    if (n.find()) return Optional.empty();
    return fileAt(file, base, at, close);
  }

  /** A path value at {@code at}: a literal, {@code BASE_DIR / "x"} or {@code os.path.join}. */
  private static Optional<LogFile> fileAt(SourceFile file, String base, int at, int close) {
    String text = file.text();
    Matcher lit = LITERAL.matcher(text).region(at, close);
    if (lit.lookingAt()) {
      String v = lit.group(2);
      Range r = file.range(at, lit.end());
      return Optional.of(v.startsWith("/")
          ? new LogFile(Optional.empty(), Optional.of(v), Optional.empty(), r)
          : new LogFile(Optional.empty(), Optional.empty(), Optional.of(v), r));
    }
    for (Pattern form : List.of(SLASH_FORM, JOIN_FORM)) {
      Matcher e = form.matcher(text).region(at, close);
      if (!e.lookingAt()) continue;
      StringBuilder rel = new StringBuilder();
      Matcher q = QUOTED.matcher(e.group(1));
      while (q.find()) rel.append(rel.length() == 0 ? "" : "/").append(q.group(2));
      String path = normalize(base.isEmpty() ? rel.toString() : base + "/" + rel);
      return path == null ? Optional.empty() : Optional.of(new LogFile(Optional.of(path),
          Optional.empty(), Optional.empty(), file.range(at, e.end())));
    }
    return Optional.empty();
  }

  private static Optional<String> baseDir(String settingsPath, String text) {
    int ups;
    Matcher m = BASE_PATHLIB.matcher(text);
    if (m.find()) {
      ups = m.group(1).split("\\.parent", -1).length - 1; // .parent = the settings directory
    } else {
      Matcher o = BASE_OS.matcher(text);
      if (!o.find()) return Optional.empty();
      ups = o.group(1).split("dirname", -1).length - 1; // first dirname = the settings directory
    }
    String dir = settingsPath;
    for (int i = 0; i < ups; i++) {
      if (dir.isEmpty()) return Optional.empty(); // BASE_DIR above the project root: unknown
      int slash = dir.lastIndexOf('/');
      dir = slash < 0 ? "" : dir.substring(0, slash);
    }
    return Optional.of(dir);
  }

  /** Entries of the bracketed list that starts where {@code start} matched. */
  private static void collect(SourceFile file, String base, Matcher start, String setting,
      List<AssetDir> out) {
    String text = file.text();
    while (start.find()) {
      int open = start.end() - 1;
      int close = closing(text, open);
      if (close < 0) continue;
      String body = text.substring(open + 1, close);
      for (Pattern form : List.of(SLASH_FORM, JOIN_FORM)) {
        Matcher e = form.matcher(body);
        while (e.find()) {
          StringBuilder rel = new StringBuilder();
          Matcher q = QUOTED.matcher(e.group(1));
          while (q.find()) rel.append(rel.length() == 0 ? "" : "/").append(q.group(2));
          String path = normalize(base.isEmpty() ? rel.toString() : base + "/" + rel);
          if (path == null) continue;
          int from = open + 1 + e.start();
          out.add(new AssetDir(path, setting, file.range(from, open + 1 + e.end())));
        }
      }
    }
  }

  private static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '(' || c == '{') depth++;
      if (c == ']' || c == ')' || c == '}') {
        depth--;
        if (depth == 0) return i;
      }
    }
    return -1;
  }

  /** Cleans "a/./b/" forms; null when the path climbs out of the root. */
  private static String normalize(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) continue;
      if (p.equals("..")) {
        if (parts.isEmpty()) return null;
        parts.remove(parts.size() - 1);
      } else {
        parts.add(p);
      }
    }
    return String.join("/", parts);
  }
}
