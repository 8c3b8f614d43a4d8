package dev.berth.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * BuildKit's Dockerfile word lexer ({@code frontend/dockerfile/shell}): quotes, escape character,
 * {@code $V ${V} ${V:-w} ${V-w} ${V:+w} ${V+w} ${V:?m} ${V?m} ${V#p} ${V##p} ${V%p} ${V%%p}
 * ${V/p/r} ${V//p/r}}, and word splitting after expansion. Written from the documented behaviour
 * and BuildKit's test tables; not thread-safe (one instance per call).
 */
final class ShellLex {
  private static final int EOF = -1;

  static final class LexError extends Exception {
    private static final long serialVersionUID = 1L;
    /** Offset in the word of the {@code $} or quote that could not be processed; -1 unknown. */
    int at = -1;

    LexError(String message) {
      super(message, null, false, false);
    }

    LexError(String message, int at) {
      this(message);
      this.at = at;
    }

    /** The innermost construct that failed keeps its offset. */
    LexError at(int offset) {
      if (at < 0) at = offset;
      return this;
    }
  }

  /** Options mirror BuildKit's Lex fields. */
  record Options(char escape, boolean rawQuotes, boolean rawEscapes, boolean skipProcessQuotes,
      boolean skipUnsetEnv) {
    static Options expand(char escape) {
      return new Options(escape, false, false, false, false);
    }
  }

  record Result(String value, List<String> words, Set<String> matched, Set<String> unset,
      Set<String> unknown) {}

  /** An expanded word longer than this is refused: {@code ENV A=$A$A} doubles per line. */
  static final int MAX_LENGTH = 65_536;
  static final String TOO_LONG = "expansion longer than " + MAX_LENGTH + " characters, berth's limit";

  private final Options opt;
  private final Vars env;
  private final long budget;
  private String s;
  private int pos;
  private boolean rawEscapes;
  private final Set<String> matched = new LinkedHashSet<>();
  private final Set<String> unset = new LinkedHashSet<>();
  private final Set<String> unknown = new LinkedHashSet<>();

  ShellLex(Options opt, Vars env) {
    this(opt, env, Long.MAX_VALUE);
  }

  /** @param budget what the caller may still spend ({@link Expander#MAX_TOTAL_CHARS}) */
  ShellLex(Options opt, Vars env, long budget) {
    this.opt = opt;
    this.env = env;
    this.budget = budget;
  }

  /** Expands {@code word}; throws with BuildKit's message ({@code failed to process "w": ...}). */
  Result process(String word) throws LexError {
    s = word;
    pos = 0;
    rawEscapes = opt.rawEscapes();
    Words words = new Words();
    try {
      String value = processStopOn(EOF, opt.rawEscapes(), words);
      return new Result(value, words.get(), matched, unset, unknown);
    } catch (LexError e) {
      throw new LexError("failed to process \"" + word + "\": " + e.getMessage(), e.at);
    }
  }

  /** Checked before {@code adding} more characters are appended to {@code b}. */
  private void bounded(StringBuilder b, int adding) throws LexError {
    long length = (long) b.length() + adding;
    if (length > MAX_LENGTH) throw new LexError(TOO_LONG);
    if (length > budget) throw new LexError(Expander.BUDGET_SPENT);
  }

  private int peek() {
    return pos < s.length() ? s.charAt(pos) : EOF;
  }

  private int next() {
    return pos < s.length() ? s.charAt(pos++) : EOF;
  }

  private static final class Words {
    final StringBuilder buf = new StringBuilder();
    final List<String> words = new ArrayList<>();
    boolean inWord;

    void addChar(int ch) {
      if (isSpace(ch) && inWord) {
        if (buf.length() != 0) {
          words.add(buf.toString());
          buf.setLength(0);
          inWord = false;
        }
      } else if (!isSpace(ch)) {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      buf.append((char) ch);
      inWord = true;
    }

    void addString(String str) {
      for (int i = 0; i < str.length(); i++) addChar(str.charAt(i));
    }

    void addRawString(String str) {
      buf.append(str);
      inWord = true;
    }

    List<String> get() {
      if (buf.length() > 0) {
        words.add(buf.toString());
        buf.setLength(0);
        inWord = false;
      }
      return words;
    }
  }

  static boolean isSpace(int ch) {
    return ch >= 0 && PreLexer.isSpace((char) ch);
  }

  private String processStopOn(int stop, boolean raw, Words words) throws LexError {
    StringBuilder result = new StringBuilder();
    boolean saved = rawEscapes;
    rawEscapes = raw;
    try {
      while (peek() != EOF) {
        int ch = peek();
        if (stop != EOF && ch == stop) {
          next();
          return result.toString();
        }
        if (ch == '$') {
          String tmp = processDollar();
          bounded(result, tmp.length());
          result.append(tmp);
          words.addString(tmp);
        } else if (ch == '<') {
          String tmp = processPossibleHeredoc();
          result.append(tmp);
          words.addRawString(tmp);
        } else if (!opt.skipProcessQuotes() && ch == '\'') {
          String tmp = processSingleQuote();
          result.append(tmp);
          words.addRawString(tmp);
        } else if (!opt.skipProcessQuotes() && ch == '"') {
          String tmp = processDoubleQuote();
          result.append(tmp);
          words.addRawString(tmp);
        } else {
          ch = next();
          if (ch == opt.escape()) {
            if (rawEscapes) {
              words.addRawChar(ch);
              result.append((char) ch);
            }
            ch = next();
            if (ch == EOF) break;
            words.addRawChar(ch);
          } else {
            words.addChar(ch);
          }
          result.append((char) ch);
        }
      }
      if (stop != EOF) {
        throw new LexError(
            "unexpected end of statement while looking for matching " + (char) stop);
      }
      return result.toString();
    } finally {
      rawEscapes = saved;
    }
  }

  private String processSingleQuote() throws LexError {
    StringBuilder r = new StringBuilder();
    int start = pos;
    int ch = next();
    if (opt.rawQuotes()) r.append((char) ch);
    while (true) {
      ch = next();
      if (ch == EOF) {
        throw new LexError("unexpected end of statement while looking for matching single-quote",
            start);
      }
      if (ch == '\'') {
        if (opt.rawQuotes()) r.append((char) ch);
        return r.toString();
      }
      r.append((char) ch);
    }
  }

  private String processDoubleQuote() throws LexError {
    StringBuilder r = new StringBuilder();
    int start = pos;
    int ch = next();
    if (opt.rawQuotes()) r.append((char) ch);
    while (true) {
      int p = peek();
      if (p == EOF) {
        throw new LexError("unexpected end of statement while looking for matching double-quote",
            start);
      } else if (p == '"') {
        next();
        if (opt.rawQuotes()) r.append('"');
        return r.toString();
      } else if (p == '$') {
        String tmp = processDollar();
        bounded(r, tmp.length());
        r.append(tmp);
      } else {
        ch = next();
        if (ch == opt.escape()) {
          if (rawEscapes) r.append((char) ch);
          int q = peek();
          if (q == EOF) continue;
          if (q == '"' || q == '$' || q == opt.escape()) ch = next();
        }
        r.append((char) ch);
      }
    }
  }

  private String processPossibleHeredoc() {
    next();
    if (peek() != '<') return "<";
    next();
    StringBuilder r = new StringBuilder("<<");
    while (peek() == ' ' || peek() == '\t' || peek() == '\r') r.append((char) next());
    return r.toString();
  }

  /** Lookup result: a value, null for unset; records the variable in the right set. */
  private enum State { SET, UNSET, UNKNOWN }

  private State state(String name) {
    if (!env.isSet(name)) {
      unset.add(name);
      return State.UNSET;
    }
    if (env.isUnknown(name)) {
      unknown.add(name);
      return State.UNKNOWN;
    }
    matched.add(name);
    return State.SET;
  }

  /** Bounds recursion on hostile input like a thousand nested {@code ${a:-${b:-...}}}. */
  private static final int MAX_DEPTH = 100;
  private int depth;

  private String processDollar() throws LexError {
    int start = pos;
    if (++depth > MAX_DEPTH) throw new LexError("variable substitution nested too deeply", start);
    try {
      return processDollarBody();
    } catch (LexError e) {
      throw e.at(start);
    } finally {
      depth--;
    }
  }

  private String processDollarBody() throws LexError {
    next();
    if (peek() != '{') {
      String name = processName();
      if (name.isEmpty()) return "$";
      State st = state(name);
      if (st == State.SET) return env.value(name).orElse("");
      if (st == State.UNKNOWN || opt.skipUnsetEnv()) return "$" + name;
      return "";
    }
    next();
    int p = peek();
    if (p == EOF) throw new LexError("syntax error: missing '}'");
    if (p == '{' || p == '}' || p == ':') throw new LexError("syntax error: bad substitution");
    String name = processName();
    int ch = next();
    // Go turns EOF (-1) into U+FFFD here: "${FOO" reports "unsupported modifier (\uFFFD)".
    String chs = ch == EOF ? "\uFFFD" : String.valueOf((char) ch);
    boolean nullIsUnset = false;
    if (ch == '}') {
      State st = state(name);
      if (st == State.SET) return env.value(name).orElse("");
      if (st == State.UNKNOWN || opt.skipUnsetEnv()) return "${" + name + "}";
      return "";
    }
    if (ch == ':') {
      nullIsUnset = true;
      ch = next();
      chs += ch == EOF ? "\uFFFD" : String.valueOf((char) ch);
    } else if (ch == '/') {
      return processReplace(name);
    } else if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
      throw new LexError("unsupported modifier (" + chs + ") in substitution");
    }
    boolean rawEsc = ch == '#' || ch == '%';
    if (nullIsUnset && rawEsc) {
      throw new LexError("unsupported modifier (" + chs + ") in substitution");
    }
    String word;
    try {
      word = processStopOn('}', rawEsc, new Words());
    } catch (LexError e) {
      if (peek() == EOF) throw new LexError("syntax error: missing '}'");
      throw e;
    }
    State st = state(name);
    if (st == State.UNSET && opt.skipUnsetEnv()) return "${" + name + chs + word + "}";
    if (st == State.UNKNOWN) {
      // Whatever the value, a modifier BuildKit does not have fails, and so does a bad pattern
      // (unless BuildKit keeps the text of an unset variable: then it may be unset).
      if (!opt.skipUnsetEnv()) {
        if ("-+?%#".indexOf(ch) < 0) {
          throw new LexError("unsupported modifier (" + chs + ") in substitution");
        }
        if (ch == '%' || ch == '#') {
          boolean greedy = !word.isEmpty() && word.charAt(0) == ch;
          trimPrefix(greedy ? word.substring(1) : word, "", greedy);
        }
      }
      return "${" + name + chs + word + "}";
    }
    boolean set = st == State.SET;
    String value = env.value(name).orElse("");
    switch (ch) {
      case '-':
        return !set || (nullIsUnset && value.isEmpty()) ? word : value;
      case '+':
        return !set || (nullIsUnset && value.isEmpty()) ? "" : word;
      case '?':
        if (!set) {
          throw new LexError(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
        }
        if (nullIsUnset && value.isEmpty()) {
          throw new LexError(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
        }
        return value;
      case '%':
      case '#': {
        boolean greedy = false;
        if (!word.isEmpty() && word.charAt(0) == ch) {
          greedy = true;
          word = word.substring(1);
        }
        return ch == '%' ? trimSuffix(word, value, greedy) : trimPrefix(word, value, greedy);
      }
      default:
        throw new LexError("unsupported modifier (" + chs + ") in substitution");
    }
  }

  private String processReplace(String name) throws LexError {
    boolean all = peek() == '/';
    if (all) next();
    String pattern;
    try {
      pattern = processStopOn('/', true, new Words());
    } catch (LexError e) {
      if (peek() == EOF) throw new LexError("syntax error: missing '/' in ${}");
      throw e;
    }
    String replacement;
    try {
      replacement = processStopOn('}', true, new Words());
    } catch (LexError e) {
      if (peek() == EOF) throw new LexError("syntax error: missing '}'");
      throw e;
    }
    State st = state(name);
    if (st == State.UNSET && opt.skipUnsetEnv()) {
      return "${" + name + "/" + pattern + "/" + replacement + "}";
    }
    if (st == State.UNKNOWN) {
      // A bad pattern fails whatever the value.
      if (!opt.skipUnsetEnv()) compiledReplacePattern(pattern);
      return "${" + name + "/" + pattern + "/" + replacement + "}";
    }
    String value = env.value(name).orElse("");
    ShellPattern re = compiledReplacePattern(pattern);
    StringBuilder out = new StringBuilder();
    int pos = 0;
    int lastEnd = -1;
    while (pos <= value.length()) {
      int[] m = re.find(value, pos);
      if (m == null) break;
      if (m[0] == m[1] && m[0] == lastEnd) {
        // Go's ReplaceAll: an empty match right after the previous match is not one
        if (m[0] >= value.length()) break;
        out.append(value.charAt(m[0]));
        pos = m[0] + 1;
        continue;
      }
      bounded(out, m[0] - pos + replacement.length());
      out.append(value, pos, m[0]).append(replacement);
      lastEnd = m[1];
      if (!all) {
        pos = m[1];
        break;
      }
      if (m[1] > m[0]) {
        pos = m[1];
      } else {
        if (m[0] < value.length()) out.append(value.charAt(m[0]));
        pos = m[0] + 1;
      }
    }
    if (pos < value.length()) out.append(value, pos, value.length());
    return out.toString();
  }

  private static ShellPattern compiledReplacePattern(String pattern) throws LexError {
    ShellPattern re;
    try {
      re = ShellPattern.compile(pattern);
    } catch (LexError e) {
      throw new LexError("invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
    }
    return re;
  }

  private String processName() {
    StringBuilder name = new StringBuilder();
    while (peek() != EOF) {
      int ch = peek();
      if (name.length() == 0 && Character.isDigit(ch)) {
        while (peek() != EOF && Character.isDigit(peek())) name.append((char) next());
        return name.toString();
      }
      if (name.length() == 0 && isSpecialParam(ch)) {
        next();
        return String.valueOf((char) ch);
      }
      if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') break;
      name.append((char) next());
    }
    return name.toString();
  }

  private static boolean isSpecialParam(int c) {
    return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!'
        || c == '0';
  }

  private static String trimPrefix(String pattern, String value, boolean greedy)
      throws LexError {
    ShellPattern re;
    try {
      re = ShellPattern.compile(pattern);
    } catch (LexError e) {
      throw new LexError("invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
    }
    int end = re.prefixEnd(value, greedy);
    return end >= 0 ? value.substring(end) : value;
  }

  private static String trimSuffix(String pattern, String value, boolean greedy)
      throws LexError {
    String r = trimPrefix(reversePattern(pattern), reverse(value), greedy);
    return reverse(r);
  }

  /** Reverses a pattern keeping escapes before the character they escape. */
  static String reversePattern(String pattern) {
    char[] in = pattern.toCharArray();
    char[] out = new char[in.length];
    int last = in.length - 1;
    for (int i = 0; i <= last; ) {
      char tok = in[i];
      int o = last - i;
      if (tok == '\\' && i != last) {
        out[o - 1] = tok;
        out[o] = in[i + 1];
        i += 2;
      } else {
        out[o] = tok;
        i++;
      }
    }
    return new String(out);
  }

  private static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }
}
