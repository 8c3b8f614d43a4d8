package dev.berth.image.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A GNU sed script of {@code s} and {@code d} commands, as {@code sed -i} applies it to a file,
 * and the command line that runs it. Facts from the GNU sed manual (gnu.org/software/sed/manual):
 * "Command-Line Options" (-i[SUFFIX], --in-place[=SUFFIX], -e script, --expression=script,
 * -E/-r/--regexp-extended; without -e or -f "the first non-option parameter is taken as the sed
 * script"), "The s Command" (any delimiter; flags g, a number, I/i; {@code &} and {@code \1}..
 * {@code \9} in the replacement; {@code \n} a newline), "Addresses" (a line number, {@code $},
 * {@code /regexp/}, {@code \%regexp%}), "BRE syntax" and "ERE syntax" (GNU BRE: {@code \( \)
 * \{ \} \+ \? \|} special and {@code + ? ( ) { } |} themselves; {@code *} at the start of an
 * expression or subexpression stands for itself; {@code ^} and {@code $} are anchors only at the
 * start or end of an expression or subexpression; {@code .} matches any character), "Character
 * Classes and Bracket Expressions" ({@code [[:space:]]} etc.; {@code \n} and {@code \t} are
 * recognized in a list) and "regexp extensions" ({@code \w \W \s \S \b \B \< \>}).
 *
 * <p>Anything else ({@code a i c N p w e y}, blocks, branches, ranges, {@code !}, {@code -n},
 * {@code -f}, {@code -z}, {@code -s}, case conversion in a replacement, the empty regexp) is not
 * understood: {@link #parse} and {@link #invocation} answer empty. POSIX picks the leftmost
 * longest match; the translated java.util.regex pattern finds the leftmost start and the
 * longest end is then searched for, so the matched text is the same (group contents may differ
 * where a pattern is ambiguous). Matching runs on a bounded budget: a pathological expression
 * or input is not understood rather than slow.
 */
public final class SedScript {
  /** Longest script, longest file and longest line berth applies a script to. */
  public static final int MAX_SCRIPT = 4_096;
  public static final int MAX_TEXT = 256 * 1024;
  public static final int MAX_LINE = 4_096;
  private static final int MAX_COMMANDS = 64;
  /** Characters the matcher may read per line and command, all attempts together. */
  private static final long BUDGET = 2_000_000;

  private enum Kind { NONE, LINE, LAST, REGEX }

  private record Address(Kind kind, int line, Pattern regex, String source) {}

  private record Command(Address address, char name, Pattern regex, String source,
      List<Object> replacement, String replacementSource, boolean global, int occurrence) {}

  /** A sed command line understood: its script, whether it edits in place, the file words. */
  public record Invocation(SedScript script, boolean inPlace, List<ShellWord> files) {
    /**
     * The files it reads, absolute and normalized: each word expanded through {@code vars}, a
     * relative one taken from {@code workdir}; empty when a word does not expand (a glob, a
     * variable berth cannot know) or is relative under an unknown working directory.
     */
    public Optional<List<String>> paths(VariableLookup vars, Optional<String> workdir) {
      List<String> out = new ArrayList<>();
      for (ShellWord w : files) {
        Optional<String> v = w.expand(vars);
        if (v.isEmpty()) return Optional.empty();
        String p = v.get();
        if (!p.startsWith("/")) {
          if (workdir.isEmpty()) return Optional.empty();
          p = dev.berth.image.ImageFilesystem.resolve(workdir.get(), p);
        }
        out.add(dev.berth.image.ImageFilesystem.normalize(p));
      }
      return Optional.of(out);
    }
  }

  /**
   * The output: its text and, per output line, the input line it came from (0-based) and
   * whether a command changed it.
   */
  public record Result(String text, List<Integer> sourceLine, List<Boolean> changed) {}

  private final List<Command> commands;

  private SedScript(List<Command> commands) {
    this.commands = List.copyOf(commands);
  }

  // ---- the command line -----------------------------------------------------------------------

  /**
   * The script and files of {@code sed ARGS...} ({@code cmd}'s arguments, options anywhere as
   * GNU getopt permutes them, until {@code --}); script words must expand through {@code vars}.
   * Empty when any option or the script is not understood.
   */
  public static Optional<Invocation> invocation(SimpleCommand cmd, VariableLookup vars) {
    List<ShellWord> args = cmd.args();
    List<String> scripts = new ArrayList<>();
    List<ShellWord> operands = new ArrayList<>();
    boolean inPlace = false;
    boolean extended = false;
    boolean endOfOptions = false;
    for (int i = 0; i < args.size(); i++) {
      ShellWord w = args.get(i);
      Optional<String> lit = w.value();
      String a = lit.orElse("");
      if (endOfOptions || lit.isEmpty() || !a.startsWith("-") || a.equals("-")) {
        operands.add(w);
        continue;
      }
      if (a.equals("--")) {
        endOfOptions = true;
      } else if (a.startsWith("--")) {
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        switch (name) {
          case "--in-place" -> inPlace = true;
          case "--regexp-extended" -> extended = true;
          case "--expression" -> {
            Optional<String> s = a.contains("=") ? Optional.of(a.substring(a.indexOf('=') + 1))
                : i + 1 < args.size() ? args.get(++i).expand(vars) : Optional.empty();
            if (s.isEmpty()) return Optional.empty();
            scripts.add(s.get());
          }
          default -> {
            return Optional.empty();
          }
        }
      } else {
        for (int k = 1; k < a.length(); k++) {
          char o = a.charAt(k);
          if (o == 'i') {
            inPlace = true; // the rest of the word is the backup suffix
            break;
          } else if (o == 'E' || o == 'r') {
            extended = true;
          } else if (o == 'e') {
            Optional<String> s = k + 1 < a.length() ? Optional.of(a.substring(k + 1))
                : i + 1 < args.size() ? args.get(++i).expand(vars) : Optional.empty();
            if (s.isEmpty()) return Optional.empty();
            scripts.add(s.get());
            break;
          } else {
            return Optional.empty();
          }
        }
      }
    }
    if (scripts.isEmpty()) {
      if (operands.isEmpty()) return Optional.empty();
      Optional<String> s = operands.remove(0).expand(vars);
      if (s.isEmpty()) return Optional.empty();
      scripts.add(s.get());
    }
    // "-e script: add the commands in script to the set of commands": joined by newlines.
    boolean edits = inPlace;
    return parse(String.join("\n", scripts), extended)
        .map(s -> new Invocation(s, edits, List.copyOf(operands)));
  }

  // ---- the script -------------------------------------------------------------------------------

  /** The script, when every command in it is understood. */
  public static Optional<SedScript> parse(String script, boolean extended) {
    if (script.length() > MAX_SCRIPT) return Optional.empty();
    try {
      return Optional.of(new SedScript(new Parser(script, extended).commands()));
    } catch (NotUnderstood | PatternSyntaxException e) {
      return Optional.empty();
    }
  }

  /** The regular expressions' sources and replacements as written, for inertness checks. */
  public List<String> expressions() {
    List<String> out = new ArrayList<>();
    for (Command c : commands) {
      if (c.address().source() != null) out.add(c.address().source());
      if (c.name() == 's') {
        out.add(c.source());
        out.add(c.replacementSource());
      }
    }
    return out;
  }

  private static final class NotUnderstood extends RuntimeException {
    NotUnderstood() {
      super(null, null, false, false);
    }
  }

  private static final class Parser {
    private final String s;
    private final boolean ere;
    private int i;

    Parser(String s, boolean ere) {
      this.s = s;
      this.ere = ere;
    }

    List<Command> commands() {
      List<Command> out = new ArrayList<>();
      while (true) {
        while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ';')) i++;
        if (i >= s.length()) break;
        if (out.size() >= MAX_COMMANDS) throw new NotUnderstood();
        Address a = address();
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        if (i >= s.length()) throw new NotUnderstood();
        char c = s.charAt(i++);
        Command cmd = switch (c) {
          case 'd' -> new Command(a, 'd', null, null, List.of(), null, false, 0);
          case 's' -> substitute(a);
          default -> throw new NotUnderstood();
        };
        out.add(cmd);
        // After a command: blanks, then ; or a newline or the end.
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        if (i < s.length() && s.charAt(i) != ';' && s.charAt(i) != '\n') throw new NotUnderstood();
      }
      return out;
    }

    private Address address() {
      char c = s.charAt(i);
      if (Character.isDigit(c)) {
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        if (i - start > 9) throw new NotUnderstood();
        int n = Integer.parseInt(s.substring(start, i));
        if (n == 0) throw new NotUnderstood();
        return rangeCheck(new Address(Kind.LINE, n, null, null));
      }
      if (c == '$') {
        i++;
        return rangeCheck(new Address(Kind.LAST, 0, null, null));
      }
      char delim;
      if (c == '/') {
        delim = '/';
        i++;
      } else if (c == '\\' && i + 1 < s.length()) {
        delim = s.charAt(i + 1);
        if (delim == '\n' || delim == '\\') throw new NotUnderstood();
        i += 2;
      } else {
        return new Address(Kind.NONE, 0, null, null);
      }
      String re = delimited(delim, true);
      int flags = 0;
      if (i < s.length() && s.charAt(i) == 'I') {
        flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        i++;
      }
      return rangeCheck(new Address(Kind.REGEX, 0, compile(re, delim, flags), re));
    }

    /** Ranges ({@code a,b}) and negation ({@code !}) are not modelled. */
    private Address rangeCheck(Address a) {
      if (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == '!' || s.charAt(i) == '~')) {
        throw new NotUnderstood();
      }
      return a;
    }

    private Command substitute(Address a) {
      if (i >= s.length()) throw new NotUnderstood();
      char delim = s.charAt(i++);
      if (delim == '\n' || delim == '\\') throw new NotUnderstood();
      String re = delimited(delim, true);
      String rep = delimited(delim, false);
      boolean global = false;
      int occurrence = 0;
      int flags = 0;
      while (i < s.length()) {
        char f = s.charAt(i);
        if (f == 'g') {
          if (global) throw new NotUnderstood();
          global = true;
          i++;
        } else if (f == 'I' || f == 'i') {
          flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
          i++;
        } else if (Character.isDigit(f)) {
          int start = i;
          while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
          if (occurrence != 0 || i - start > 6) throw new NotUnderstood();
          occurrence = Integer.parseInt(s.substring(start, i));
          if (occurrence == 0) throw new NotUnderstood();
        } else {
          break;
        }
      }
      Pattern p = compile(re, delim, flags);
      List<Object> parts = replacement(rep, delim);
      int groups = p.matcher("").groupCount();
      // GNU: "invalid reference \\N on `s' command's RHS".
      if (parts.stream().anyMatch(o -> o instanceof Integer g && g > groups)) throw new NotUnderstood();
      return new Command(a, 's', p, re, parts, rep, global, occurrence);
    }

    /**
     * The text up to the next unescaped {@code delim}: {@code \delim} stands for the delimiter
     * itself (kept escaped when it is a character the expression language treats specially
     * after a backslash, which is not understood); other escapes are kept as written.
     */
    private String delimited(char delim, boolean regex) {
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) throw new NotUnderstood();
        char c = s.charAt(i++);
        if (c == delim) return b.toString();
        if (c == '\n' && regex) throw new NotUnderstood();
        if (c == '\\') {
          if (i >= s.length()) throw new NotUnderstood();
          char n = s.charAt(i++);
          if (n == delim) {
            // GNU: "\%" within the regexp matches a literal %; a delimiter that is itself an
            // operator or escape letter has a meaning berth does not guess.
            if (Character.isLetterOrDigit(delim) || "|+?(){}.*[]^$&".indexOf(delim) >= 0) {
              throw new NotUnderstood();
            }
            b.append(delim);
          } else if (n == '\n') {
            throw new NotUnderstood(); // a replacement running on to the next line
          } else {
            b.append('\\').append(n);
          }
          continue;
        }
        b.append(c);
      }
    }

    private Pattern compile(String re, char delim, int flags) {
      if (re.isEmpty()) throw new NotUnderstood(); // the empty regexp reuses the last one
      Pattern p = Pattern.compile(translate(re, ere), flags | Pattern.DOTALL);
      // GNU: "Invalid back reference" when \N names a group the expression lacks.
      for (int k = 0; k + 1 < re.length(); k++) {
        if (re.charAt(k) == '\\') {
          char n = re.charAt(++k);
          if (n >= '1' && n <= '9' && n - '0' > p.matcher("").groupCount()) throw new NotUnderstood();
        }
      }
      return p;
    }
  }

  /** A POSIX BRE (GNU) or ERE as a java.util.regex pattern; NotUnderstood for what is not modelled. */
  static String translate(String re, boolean ere) {
    StringBuilder out = new StringBuilder();
    // atStart: where * is literal and ^ an anchor (the start, after a group's open or |).
    boolean atStart = true;
    int depth = 0;
    int i = 0;
    while (i < re.length()) {
      char c = re.charAt(i);
      boolean wasStart = atStart;
      atStart = false;
      if (c == '\\') {
        if (i + 1 >= re.length()) throw new NotUnderstood();
        char n = re.charAt(i + 1);
        i += 2;
        if (!ere && n == '(') {
          out.append('(');
          depth++;
          atStart = true;
        } else if (!ere && n == ')') {
          if (--depth < 0) throw new NotUnderstood();
          out.append(')');
        } else if (!ere && n == '|') {
          out.append('|');
          atStart = true;
        } else if (!ere && (n == '+' || n == '?')) {
          if (wasStart) throw new NotUnderstood();
          out.append(n);
        } else if (!ere && n == '{') {
          if (wasStart) throw new NotUnderstood();
          int close = re.indexOf("\\}", i);
          if (close < 0) throw new NotUnderstood();
          out.append(interval(re.substring(i, close)));
          i = close + 2;
        } else if (n >= '1' && n <= '9') {
          out.append('\\').append(n);
        } else {
          switch (n) {
            case 'n' -> out.append("\\n");
            case 't' -> out.append("\\t");
            case 'r' -> out.append("\\r");
            case 'f' -> out.append("\\f");
            case 'v' -> out.append("\\x{0B}");
            case 'a' -> out.append("\\x{07}");
            case 's' -> out.append("\\s");
            case 'S' -> out.append("\\S");
            case 'w' -> out.append("[A-Za-z0-9_]");
            case 'W' -> out.append("[^A-Za-z0-9_]");
            case 'b' -> out.append("\\b");
            case 'B' -> out.append("\\B");
            case '<' -> out.append("\\b(?=[A-Za-z0-9_])");
            case '>' -> out.append("\\b(?<=[A-Za-z0-9_])");
            case '`' -> out.append("\\A");
            case '\'' -> out.append("\\z");
            default -> {
              if (Character.isLetterOrDigit(n)) throw new NotUnderstood();
              literal(out, n);
            }
          }
        }
        continue;
      }
      i++;
      switch (c) {
        case '*' -> {
          if (wasStart) {
            if (ere) throw new NotUnderstood();
            literal(out, '*');
          } else {
            out.append('*');
          }
        }
        case '.' -> out.append('.');
        case '[' -> i = bracket(re, i, out);
        case '^' -> {
          if (ere || wasStart) {
            out.append('^');
            atStart = true; // "^*" : the star is literal after a leading anchor
          } else {
            literal(out, '^');
          }
        }
        case '$' -> {
          boolean end = i >= re.length() || !ere && (re.startsWith("\\)", i) || re.startsWith("\\|", i));
          if (ere || end) out.append("\\z"); else literal(out, '$');
        }
        case '+', '?' -> {
          if (!ere) {
            literal(out, c);
          } else {
            if (wasStart) throw new NotUnderstood();
            out.append(c);
          }
        }
        case '(' -> {
          if (ere) {
            out.append('(');
            depth++;
            atStart = true;
          } else {
            literal(out, c);
          }
        }
        case ')' -> {
          if (ere) {
            if (--depth < 0) throw new NotUnderstood();
            out.append(')');
          } else {
            literal(out, c);
          }
        }
        case '|' -> {
          if (ere) {
            out.append('|');
            atStart = true;
          } else {
            literal(out, c);
          }
        }
        case '{' -> {
          if (!ere) {
            literal(out, c);
          } else {
            if (wasStart) throw new NotUnderstood();
            int close = re.indexOf('}', i);
            if (close < 0) throw new NotUnderstood();
            out.append(interval(re.substring(i, close)));
            i = close + 1;
          }
        }
        case '}' -> {
          if (ere) throw new NotUnderstood();
          literal(out, c);
        }
        default -> literal(out, c);
      }
    }
    if (depth != 0) throw new NotUnderstood();
    return out.toString();
  }

  /** The inside of an interval, {@code m}, {@code m,}, {@code m,n}, as Java writes it. */
  private static String interval(String body) {
    int comma = body.indexOf(',');
    String lo = comma < 0 ? body : body.substring(0, comma);
    String hi = comma < 0 ? null : body.substring(comma + 1);
    if (!lo.matches("[0-9]{1,3}") || hi != null && !hi.isEmpty() && !hi.matches("[0-9]{1,3}")) {
      throw new NotUnderstood();
    }
    if (hi != null && !hi.isEmpty() && Integer.parseInt(hi) < Integer.parseInt(lo)) {
      throw new NotUnderstood();
    }
    return "{" + body + "}";
  }

  private static void literal(StringBuilder out, char c) {
    if (Character.isLetterOrDigit(c) || c == ' ' || c == '_') {
      out.append(c);
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '\t') {
      out.append("\\t");
    } else if (c < 0x20 || c > 0x7e) {
      out.append(String.format("\\x{%x}", (int) c));
    } else {
      out.append('\\').append(c);
    }
  }

  /**
   * A bracket expression starting after its {@code [} at {@code i}: the index after its
   * {@code ]}. POSIX: {@code ]} first is a member, {@code -} first or last is a member,
   * backslash is a member (GNU sed: {@code \n} and {@code \t} are a newline and a tab),
   * {@code [:class:]} a class; collating symbols and equivalence classes are not modelled.
   */
  private static int bracket(String re, int i, StringBuilder out) {
    StringBuilder b = new StringBuilder("[");
    if (i < re.length() && re.charAt(i) == '^') {
      b.append('^');
      i++;
    }
    boolean first = true;
    while (true) {
      if (i >= re.length()) throw new NotUnderstood();
      char c = re.charAt(i);
      if (c == ']' && !first) {
        out.append(b).append(']');
        return i + 1;
      }
      first = false;
      if (c == '[' && i + 1 < re.length() && ":.=".indexOf(re.charAt(i + 1)) >= 0) {
        if (re.charAt(i + 1) != ':') throw new NotUnderstood();
        int close = re.indexOf(":]", i + 2);
        if (close < 0) throw new NotUnderstood();
        b.append(switch (re.substring(i + 2, close)) {
          case "alpha" -> "\\p{Alpha}";
          case "digit" -> "0-9";
          case "alnum" -> "\\p{Alnum}";
          case "upper" -> "\\p{Upper}";
          case "lower" -> "\\p{Lower}";
          case "space" -> "\\s\\x{0B}";
          case "blank" -> " \\t";
          case "punct" -> "\\p{Punct}";
          case "print" -> "\\p{Print}";
          case "graph" -> "\\p{Graph}";
          case "cntrl" -> "\\p{Cntrl}";
          case "xdigit" -> "\\p{XDigit}";
          default -> throw new NotUnderstood();
        });
        i = close + 2;
        continue;
      }
      char member = c;
      int next = i + 1;
      if (c == '\\' && next < re.length() && (re.charAt(next) == 'n' || re.charAt(next) == 't')) {
        member = re.charAt(next) == 'n' ? '\n' : '\t';
        next++;
      }
      // A range a-z (a '-' before the closing ']' is a member).
      if (next + 1 < re.length() && re.charAt(next) == '-' && re.charAt(next + 1) != ']') {
        char hi = re.charAt(next + 1);
        if (hi == '[' || hi == '\\' || hi < member) throw new NotUnderstood();
        member(b, member);
        b.append('-');
        member(b, hi);
        i = next + 2;
        continue;
      }
      member(b, member);
      i = next;
    }
  }

  private static void member(StringBuilder b, char c) {
    if (Character.isLetterOrDigit(c)) {
      b.append(c);
    } else {
      b.append(String.format("\\x{%x}", (int) c));
    }
  }

  /** The replacement's parts: a String, or an Integer group (0 for {@code &}). */
  private static List<Object> replacement(String rep, char delim) {
    List<Object> out = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < rep.length(); i++) {
      char c = rep.charAt(i);
      if (c == '&') {
        flush(out, lit);
        out.add(0);
        continue;
      }
      if (c != '\\') {
        lit.append(c);
        continue;
      }
      if (i + 1 >= rep.length()) throw new NotUnderstood();
      char n = rep.charAt(++i);
      if (n >= '0' && n <= '9') {
        flush(out, lit);
        out.add(n - '0');
      } else if (n == 'n') {
        lit.append('\n');
      } else if (n == 't') {
        lit.append('\t');
      } else if (n == 'r') {
        lit.append('\r');
      } else if (n == '&' || n == '\\' || n == delim || n == '/' || !Character.isLetterOrDigit(n)) {
        lit.append(n);
      } else {
        throw new NotUnderstood(); // case conversion (L, U, l, u, E), cX, dNNN, oNNN, xHH
      }
    }
    flush(out, lit);
    return List.copyOf(out);
  }

  private static void flush(List<Object> out, StringBuilder lit) {
    if (lit.length() > 0) out.add(lit.toString());
    lit.setLength(0);
  }

  // ---- applying it ------------------------------------------------------------------------------

  /**
   * The text after the script ran on it, line by line (without {@code N} a pattern never spans
   * lines); empty when the text or a line is too long, a replacement refers to a group the
   * pattern lacks, or matching runs over its budget.
   */
  public Optional<Result> apply(String text) {
    if (text.length() > MAX_TEXT) return Optional.empty();
    boolean finalNewline = text.endsWith("\n");
    String body = finalNewline ? text.substring(0, text.length() - 1) : text;
    String[] lines = text.isEmpty() ? new String[0] : body.split("\n", -1);
    StringBuilder out = new StringBuilder();
    List<Integer> source = new ArrayList<>();
    List<Boolean> changed = new ArrayList<>();
    try {
      for (int n = 0; n < lines.length; n++) {
        String space = lines[n];
        if (space.length() > MAX_LINE) return Optional.empty();
        boolean deleted = false;
        for (Command c : commands) {
          if (!selects(c.address(), space, n + 1, n == lines.length - 1)) continue;
          if (c.name() == 'd') {
            deleted = true;
            break;
          }
          space = substitute(c, space);
          if (space.length() > MAX_LINE * 4) return Optional.empty();
        }
        if (deleted) continue;
        boolean edited = !space.equals(lines[n]);
        for (String piece : space.split("\n", -1)) {
          source.add(n);
          changed.add(edited);
          out.append(piece).append('\n');
        }
      }
    } catch (NotUnderstood | StackOverflowError e) {
      // Over budget, or a group loop java.util.regex recurses on too deeply.
      return Optional.empty();
    }
    // GNU sed ends the last line with a newline only when the input's last line had one.
    if (!finalNewline && out.length() > 0 && source.get(source.size() - 1) == lines.length - 1) {
      out.setLength(out.length() - 1);
    }
    return Optional.of(new Result(out.toString(), List.copyOf(source), List.copyOf(changed)));
  }

  private static boolean selects(Address a, String space, int line, boolean last) {
    return switch (a.kind()) {
      case NONE -> true;
      case LINE -> a.line() == line;
      case LAST -> last;
      case REGEX -> a.regex().matcher(new Budgeted(space)).find();
    };
  }

  private static String substitute(Command c, String space) {
    Budgeted in = new Budgeted(space);
    Matcher m = c.regex().matcher(in);
    m.useTransparentBounds(true).useAnchoringBounds(false);
    StringBuilder out = new StringBuilder();
    int pos = 0;
    int count = 0;
    int from = 0;
    int previousEnd = -1;
    boolean any = false;
    while (from <= space.length()) {
      m.region(from, space.length());
      if (!m.find()) break;
      int start = m.start();
      int end = longest(m, start, m.end(), space.length());
      if (start == end && start == previousEnd) {
        // GNU do_subst: an empty match right where the previous match ended is skipped.
        from = end + 1;
        continue;
      }
      previousEnd = end;
      count++;
      boolean take = c.occurrence() == 0 ? count == 1 || c.global() : count == c.occurrence()
          || c.global() && count > c.occurrence();
      if (take) {
        out.append(space, pos, start);
        for (Object part : c.replacement()) {
          if (part instanceof String s) {
            out.append(s);
          } else {
            int g = (Integer) part;
            if (g > m.groupCount()) throw new NotUnderstood(); // "invalid reference \N on s"
            String v = m.group(g);
            if (v != null) out.append(v);
          }
        }
        pos = end;
        any = true;
        if (!c.global() && c.occurrence() <= count) break;
      }
      // An empty match moves one character on; otherwise on from its end.
      from = end > start ? end : end + 1;
    }
    if (!any) return space;
    out.append(space, pos, space.length());
    return out.toString();
  }

  /**
   * The longest match starting at {@code start} (POSIX), with the groups of that match left
   * in {@code m}: Java's first match ends at {@code end}; a longer one is searched for from the
   * line's end down.
   */
  private static int longest(Matcher m, int start, int end, int limit) {
    for (int e = limit; e > end; e--) {
      m.region(start, e);
      if (m.matches()) return e;
    }
    m.region(start, end);
    if (!m.matches()) throw new NotUnderstood();
    return end;
  }

  /** A line that counts the characters the matcher reads and gives up past the budget. */
  private static final class Budgeted implements CharSequence {
    private final String s;
    private final long[] left;

    Budgeted(String s) {
      this(s, new long[] {BUDGET});
    }

    private Budgeted(String s, long[] left) {
      this.s = s;
      this.left = left;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) throw new NotUnderstood();
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(s.substring(start, end), left);
    }

    @Override
    public String toString() {
      return s;
    }
  }

  /** Lower-cased sources of every expression and replacement, joined, for word checks. */
  public String allText() {
    return String.join("\n", expressions()).toLowerCase(Locale.ROOT);
  }
}
