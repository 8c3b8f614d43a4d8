package dev.berth.context;

import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code .gitignore} file as git reads it (gitignore(5)): a pattern with a slash at the start
 * or in the middle is anchored to the file's directory, otherwise it matches a name at any depth;
 * a trailing slash matches directories only; {@code **} spans directories only in the forms
 * {@code **}{@code /x}, {@code x/**} and {@code a/**}{@code /b}; {@code !} re-includes; within a
 * file the last matching pattern wins. Cross-file precedence lives in {@link GitIgnores}.
 */
public final class GitIgnore {

  /**
   * @param pattern as written, without {@code !} and trailing slash, escapes kept
   * @param negated a {@code !} pattern that re-includes
   * @param dirOnly written with a trailing slash
   */
  public record Rule(String pattern, boolean negated, boolean dirOnly, Range range) {}

  /**
   * @param literal the whole pattern when it has no wildcard, escape or class: then matching is
   *     string equality (most lines of real .gitignore files: {@code dist}, {@code .env})
   * @param suffix for {@code *<literal>} without a slash ({@code *.log}): matching is endsWith
   */
  private record Compiled(Rule rule, boolean basenameOnly, GlobProgram glob, String literal,
      String suffix) {
    boolean matches(String subject) {
      if (literal != null) return subject.equals(literal);
      if (suffix != null) return subject.endsWith(suffix) && subject.indexOf('/') < 0;
      return glob.matches(subject);
    }
  }

  private final String path;
  private final String baseDir;
  private final List<Compiled> rules;

  private GitIgnore(String path, String baseDir, List<Compiled> rules) {
    this.path = path;
    this.baseDir = baseDir;
    this.rules = List.copyOf(rules);
  }

  /** Parses {@code file}; its patterns are relative to the file's directory. */
  public static GitIgnore parse(SourceFile file) {
    return parse(file, Paths.parent(file.path()));
  }

  /** For {@code .git/info/exclude}, whose patterns are relative to the repository root. */
  public static GitIgnore parse(SourceFile file, String baseDir) {
    List<Compiled> rules = new ArrayList<>();
    for (int line = 1; line <= file.lineCount(); line++) {
      String raw = file.lineText(line);
      int start = file.lineStart(line);
      if (line == 1 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
        start++;
      }
      if (raw.isEmpty() || raw.startsWith("#")) continue;
      String text = trimTrailingSpaces(raw);
      if (text.isEmpty()) continue;
      Range range = file.range(start, start + text.length());
      boolean negated = text.startsWith("!");
      if (negated) text = text.substring(1);
      boolean dirOnly = text.endsWith("/") && !text.endsWith("\\/");
      if (dirOnly) text = text.substring(0, text.length() - 1);
      if (text.isEmpty()) continue;
      boolean anchored = text.indexOf('/') >= 0;
      String body = text.startsWith("/") ? text.substring(1) : text;
      rules.add(new Compiled(new Rule(text, negated, dirOnly, range), !anchored, compile(body),
          plain(body) ? body : null,
          body.startsWith("*") && !body.startsWith("**") && plain(body.substring(1))
              && body.indexOf('/') < 0 ? body.substring(1) : null));
    }
    return new GitIgnore(file.path(), baseDir, rules);
  }

  /** No character with a meaning in a pattern. */
  private static boolean plain(String p) {
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') return false;
    }
    return true;
  }

  /** Trailing spaces are dropped unless the last one is escaped with a backslash. */
  private static String trimTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      if (end >= 2 && s.charAt(end - 2) == '\\') break;
      end--;
    }
    return s.substring(0, end);
  }

  static GlobProgram compile(String p) {
    GlobProgram prog = new GlobProgram();
    int n = p.length();
    for (int i = 0; i < n; i++) {
      char c = p.charAt(i);
      if (c == '*') {
        int j = i;
        while (j < n && p.charAt(j) == '*') j++;
        boolean atStart = i == 0 || p.charAt(i - 1) == '/';
        boolean atEnd = j == n || p.charAt(j) == '/';
        if (j - i == 2 && atStart && atEnd) {
          if (j == n) {
            prog.any();
          } else {
            prog.dirs();
            j++;
          }
        } else {
          prog.segmentStar();
        }
        i = j - 1;
      } else if (c == '?') {
        prog.one();
      } else if (c == '\\' && i + 1 < n) {
        prog.literal(p.charAt(++i));
      } else if (c == '[' && p.indexOf(']', i + 2) > 0) {
        int close = p.indexOf(']', i + 2);
        String body = p.substring(i + 1, close);
        int k = 0;
        boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
        if (negated) k = 1;
        StringBuilder ranges = new StringBuilder();
        for (; k < body.length(); k++) {
          char lo = body.charAt(k);
          char hi = lo;
          if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
            hi = body.charAt(k + 2);
            k += 2;
          }
          ranges.append(lo).append(hi);
        }
        prog.charClass(negated, ranges.toString().toCharArray());
        i = close;
      } else {
        prog.literal(c);
      }
    }
    return prog;
  }

  /** Root-relative path of this ignore file. */
  public String path() {
    return path;
  }

  /** Directory its patterns are relative to ("" = root). */
  public String baseDir() {
    return baseDir;
  }

  /**
   * A literal rule written with a leading {@code ./} that names {@code relative} or a directory
   * above it. git matches no path with such a pattern (gitignore(5) has no {@code ./} form; a path
   * it checks never starts with {@code ./}), but the line says the author keeps that path out of
   * git: a local file the user makes (laradock's {@code aws-eb-cli/.gitignore}: {@code ./ssh_keys},
   * the keys its docs tell the user to add before building).
   */
  public Optional<Rule> namesWithDotSlash(String relative) {
    for (Compiled c : rules) {
      String p = c.rule().pattern();
      if (c.rule().negated() || !p.startsWith("./") || !plain(p)) continue;
      String named = p.substring(2);
      if (!named.isEmpty() && (relative.equals(named) || relative.startsWith(named + "/"))) {
        return Optional.of(c.rule());
      }
    }
    return Optional.empty();
  }

  /** The last rule matching {@code relative} (relative to {@link #baseDir()}), if any. */
  public Optional<Rule> match(String relative, boolean isDirectory) {
    String name = Paths.name(relative);
    // the last matching rule wins: look from the end and stop at the first
    for (int i = rules.size() - 1; i >= 0; i--) {
      Compiled c = rules.get(i);
      if (c.rule().dirOnly() && !isDirectory) continue;
      String subject = c.basenameOnly() ? name : relative;
      if (c.matches(subject)) return Optional.of(c.rule());
    }
    return Optional.empty();
  }
}
