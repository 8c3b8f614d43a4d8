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
    if (!file.text().contains("BASE_DIR")) return Optional.empty();
    String text = code(file.text());
    Optional<String> base = baseDir(file.path(), text);
    if (base.isEmpty()) return Optional.empty();
    List<AssetDir> dirs = new ArrayList<>();
    collect(file, text, base.get(), STATICFILES.matcher(text), "STATICFILES_DIRS", dirs);
    collect(file, text, base.get(), TEMPLATE_DIRS.matcher(text), "TEMPLATES DIRS", dirs);
    List<LogFile> logs = logFiles(file, text, base.get());
    Optional<LogFile> sqlite = sqlite(file, text, base.get());
    return dirs.isEmpty() && logs.isEmpty() && sqlite.isEmpty() ? Optional.empty()
        : Optional.of(new DjangoSettings(file.path(), base.get(), dirs, logs, sqlite));
  }

  /** {@code "filename": ...} entries inside the LOGGING dict; other forms are unknown. */
  private static List<LogFile> logFiles(SourceFile file, String text, String base) {
    List<LogFile> out = new ArrayList<>();
    Matcher start = LOGGING.matcher(text);
    if (!start.find()) return out;
    int open = start.end() - 1;
    int close = closing(text, open);
    if (close < 0) return out;
    Matcher f = FILENAME.matcher(text).region(open, close);
    while (f.find()) fileAt(file, text, base, f.end(), close).ifPresent(out::add);
    return out;
  }

  /**
   * The database file of a DATABASES dict with exactly one ENGINE, the literal
   * {@code django.db.backends.sqlite3}, and one NAME berth can read; anything else is unknown.
   */
  private static Optional<LogFile> sqlite(SourceFile file, String text, String base) {
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
    return fileAt(file, text, base, at, close);
  }

  /** A path value at {@code at}: a literal, {@code BASE_DIR / "x"} or {@code os.path.join}. */
  private static Optional<LogFile> fileAt(SourceFile file, String text, String base, int at,
      int close) {
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
  private static void collect(SourceFile file, String text, String base, Matcher start,
      String setting, List<AssetDir> out) {
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

  /** The bracket that closes the one at {@code open}, brackets in strings aside; -1 if none. */
  private static int closing(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\'' || c == '"') {
        i = stringEnd(code, i);
      } else if (c == '[' || c == '(' || c == '{') {
        depth++;
      } else if ((c == ']' || c == ')' || c == '}') && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The settings with every {@code #} comment blanked, positions kept: a bracket, a key or a
   * file name in a comment ({@code # 1) use SQLite}, a handler commented out) is not a setting.
   */
  static String code(String text) {
    char[] out = text.toCharArray();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == '\'' || out[i] == '"') {
        i = stringEnd(text, i);
      } else if (out[i] == '#') {
        while (i < out.length && out[i] != '\n') out[i++] = ' ';
      }
    }
    return new String(out);
  }

  /** Where the string opened at {@code i} ends: its closing quote, or the end of the line. */
  private static int stringEnd(String text, int i) {
    char quote = text.charAt(i);
    for (int j = i + 1; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == quote || c == '\n') {
        return j;
      }
    }
    return text.length();
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
