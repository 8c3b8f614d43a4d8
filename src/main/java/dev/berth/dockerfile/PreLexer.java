package dev.berth.dockerfile;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns physical lines into logical lines the way BuildKit's {@code parser.Parse} loop does:
 * parser directives at the top, comment lines, line continuations with the active escape
 * character, and (on request of the caller, who knows the instruction) raw heredoc bodies. See
 * grammar/dev/berth/dockerfile/antlr/DockerfileLexer.g4 for why this runs before the grammar.
 */
final class PreLexer {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final Set<String> DIRECTIVE_NAMES = Set.of("syntax", "escape", "check");

  private final SourceFile source;
  private final String text;
  private final List<Diagnostic> diagnostics;
  private final List<Directive> directives = new ArrayList<>();
  private final List<Comment> comments = new ArrayList<>();
  private final List<Range> emptyContinuations = new ArrayList<>();
  private final Set<String> seenDirectives = new HashSet<>();
  private boolean directivesDone;
  private char escape = '\\';
  private int nextLine = 1;
  /** Lines as BuildKit's scanner sees them: a final line terminator does not open a new line. */
  private final int lineCount;

  PreLexer(SourceFile source, List<Diagnostic> diagnostics) {
    this.source = source;
    this.text = source.text();
    this.diagnostics = diagnostics;
    boolean trailingBreak = !text.isEmpty()
        && (text.charAt(text.length() - 1) == '\n' || text.charAt(text.length() - 1) == '\r');
    this.lineCount = trailingBreak ? source.lineCount() - 1 : source.lineCount();
  }

  /** Number of lines BuildKit reads (a final line break does not start another line). */
  int lineCount() {
    return lineCount;
  }

  char escape() {
    return escape;
  }

  List<Directive> directives() {
    return directives;
  }

  List<Comment> comments() {
    return comments;
  }

  /** Blank lines BuildKit skipped inside line continuations. */
  List<Range> emptyContinuations() {
    return emptyContinuations;
  }

  /** The next logical line, or null at end of file. */
  LogicalLine next() {
    while (nextLine <= lineCount) {
      int ln = nextLine++;
      int start = firstLineStart(ln);
      int end = source.lineEnd(ln);
      int p = skipSpace(start, end);
      boolean directive = possibleDirective(p, end, ln);
      if (p < end && text.charAt(p) == '#') {
        if (!directive) addComment(p, end);
        continue;
      }
      if (p == end) continue;
      int contentEnd = continuationEnd(p, end);
      boolean continues = contentEnd >= 0;
      LogicalLine.Builder b = new LogicalLine.Builder(source, ln);
      b.append(p, continues ? contentEnd : end);
      int last = ln;
      while (continues && nextLine <= lineCount) {
        int cl = nextLine++;
        last = cl;
        int cs = source.lineStart(cl);
        int ce = source.lineEnd(cl);
        int cp = skipSpace(cs, ce);
        if (cp < ce && text.charAt(cp) == '#') {
          addComment(cp, ce);
          continue;
        }
        if (cp == ce) {
          emptyContinuations.add(source.range(cs, ce));
          continue;
        }
        contentEnd = continuationEnd(cs, ce);
        continues = contentEnd >= 0;
        b.append(cs, continues ? contentEnd : ce);
      }
      return b.build(last);
    }
    return null;
  }

  /** A heredoc body read up to its terminator line. */
  record Body(String content, int firstLine, int terminatorLine, boolean terminated) {
    /** Range of the body lines, or an empty range at the terminator when the body is empty. */
    Range range(SourceFile source) {
      int lastBody = terminated ? terminatorLine - 1 : terminatorLine;
      if (lastBody < firstLine) {
        int at = firstLine <= source.lineCount() ? source.lineStart(firstLine) : source.text().length();
        return source.range(at, at);
      }
      return source.range(source.lineStart(firstLine), source.lineEnd(lastBody));
    }
  }

  /** Reads raw lines until one equals {@code name} (after leading tabs when {@code chomp}). */
  Body readHeredoc(String name, boolean chomp) {
    int first = nextLine;
    StringBuilder content = new StringBuilder();
    while (nextLine <= lineCount) {
      int ln = nextLine++;
      int s = source.lineStart(ln);
      int e = source.lineEnd(ln);
      String line = text.substring(s, e);
      String candidate = chomp ? stripLeadingTabs(line) : line;
      if (candidate.equals(name)) return new Body(content.toString(), first, ln, true);
      int next = ln < source.lineCount() ? source.lineStart(ln + 1) : text.length();
      content.append(text, s, next);
    }
    return new Body(content.toString(), first, Math.max(1, lineCount), false);
  }

  static String stripLeadingTabs(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '\t') i++;
    return s.substring(i);
  }

  private int firstLineStart(int ln) {
    int s = source.lineStart(ln);
    if (ln == 1 && s < text.length() && text.charAt(s) == '\uFEFF') s++;
    return s;
  }

  private int skipSpace(int p, int end) {
    while (p < end && isSpace(text.charAt(p))) p++;
    return p;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'
        || c == '\u0085' || c == '\u00A0' || Character.isSpaceChar(c);
  }

  private void addComment(int hash, int end) {
    comments.add(new Comment(text.substring(hash + 1, end).strip(), source.range(hash, end)));
  }

  /**
   * End of the content before a trailing escape char (BuildKit's {@code ([^E])E[ \t]*$|^E[ \t]*$}),
   * or -1 when the line does not continue.
   */
  private int continuationEnd(int p, int end) {
    int q = end;
    while (q > p && (text.charAt(q - 1) == ' ' || text.charAt(q - 1) == '\t')) q--;
    if (q == p || text.charAt(q - 1) != escape) return -1;
    if (q - 1 == p) return p;
    return text.charAt(q - 2) == escape ? -1 : q - 1;
  }

  /** BuildKit's DirectiveParser.ParseLine: true when the line is a parser directive. */
  private boolean possibleDirective(int p, int end, int ln) {
    if (directivesDone) return false;
    if (p >= end || text.charAt(p) != '#') {
      directivesDone = true;
      return false;
    }
    int q = skipSpace(p + 1, end);
    Matcher m = DIRECTIVE.matcher(text.substring(q, end));
    if (!m.matches()) {
      directivesDone = true;
      return false;
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    if (!DIRECTIVE_NAMES.contains(name)) {
      directivesDone = true;
      return false;
    }
    Range range = source.range(p, end);
    if (!seenDirectives.add(name)) {
      diagnostics.add(new Diagnostic(range, Diagnostic.Kind.PARSE_ERROR,
          "only one " + name + " parser directive can be used"));
      return true;
    }
    String value = m.group(2);
    if (name.equals("escape")) {
      if (!value.equals("`") && !value.equals("\\")) {
        diagnostics.add(new Diagnostic(range, Diagnostic.Kind.PARSE_ERROR,
            "invalid escape token '" + value + "' does not match ` or \\"));
        return false;
      }
      escape = value.charAt(0);
    }
    if (name.equals("check")) {
      // BuildKit parses the options before anything else and refuses the whole build.
      CheckOptions.Parsed parsed = CheckOptions.parse(value.split(" ", 2)[0], range);
      if (parsed instanceof CheckOptions.Parsed.Invalid bad) {
        diagnostics.add(new Diagnostic(range, Diagnostic.Kind.PARSE_ERROR,
            "failed to parse check options: " + bad.message()));
      }
    }
    directives.add(new Directive(name, value, range));
    return true;
  }
}
