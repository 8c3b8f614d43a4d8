package dev.berth.evidence;

import dev.berth.evidence.ShellWord.Default;
import dev.berth.evidence.ShellWord.Lit;
import dev.berth.evidence.ShellWord.Opaque;
import dev.berth.evidence.ShellWord.Piece;
import dev.berth.evidence.ShellWord.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell text from a repository script into words and operators, tolerantly: it never
 * fails, an unterminated quote or substitution simply runs to the end of the text. One pass over
 * the text, no regular expressions, so its cost is linear in the input (a substitution's body is
 * skipped by a counter, not re-scanned). Heredoc bodies are skipped; comments dropped.
 */
final class ShellLexer {
  /** A token: a word, or an operator ({@code && || ; ;; | & ( )}, a newline, a redirection). */
  sealed interface Token permits WordTok, Op {}

  record WordTok(ShellWord word) implements Token {}

  /** @param text the operator; {@code "\n"} for a newline; redirections as written ({@code 2>}) */
  record Op(String text, int start) implements Token {
    boolean redirect() {
      return text.indexOf('<') >= 0 || text.indexOf('>') >= 0;
    }
  }

  private static final String[] OPS = {"&&", "||", ";;", "&>>", "<<-", "<<<", "<<", ">>", ">&",
      "<&", "&>", ">|", "<>", ";", "&", "|", "(", ")", "<", ">"};

  private final String s;
  private final int max;
  private int pos;
  private final List<Token> out = new ArrayList<>();
  private final List<String[]> heredocs = new ArrayList<>();

  private ShellLexer(String s, int maxTokens) {
    this.s = s;
    this.max = maxTokens;
  }

  /** The tokens of {@code text}, at most {@code maxTokens} (the rest is dropped). */
  static List<Token> lex(String text, int maxTokens) {
    ShellLexer l = new ShellLexer(text, maxTokens);
    l.run();
    return l.out;
  }

  private void run() {
    boolean heredocTarget = false;
    while (pos < s.length() && out.size() < max) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
        pos += 2;
      } else if (c == '#') {
        while (pos < s.length() && s.charAt(pos) != '\n') pos++;
      } else if (c == '\n') {
        out.add(new Op("\n", pos));
        pos++;
        skipHeredocBodies();
      } else {
        Op op = processSubstitution() ? null : operator();
        if (op != null) {
          out.add(op);
          heredocTarget = op.text().equals("<<") || op.text().equals("<<-");
          continue;
        }
        ShellWord w = word();
        if (heredocTarget) {
          heredocs.add(new String[] {delimiter(w), ((Op) out.get(out.size() - 1)).text()});
          heredocTarget = false;
        }
        out.add(new WordTok(w));
      }
    }
  }

  /**
   * {@code <(list)} or {@code >(list)}: bash's process substitution, a word (the path of a pipe
   * to the list), not a redirection (bash(1), "Process Substitution"); bitcart's build.sh runs
   * its generator with {@code --env-file <(env | grep GEN_)}.
   */
  private boolean processSubstitution() {
    char c = s.charAt(pos);
    return (c == '<' || c == '>') && pos + 1 < s.length() && s.charAt(pos + 1) == '(';
  }

  private Op operator() {
    int start = pos;
    // an all-digit prefix right before < or > is a file descriptor: part of the redirection
    int d = pos;
    while (d < s.length() && s.charAt(d) >= '0' && s.charAt(d) <= '9') d++;
    if (d > pos && d < s.length() && (s.charAt(d) == '<' || s.charAt(d) == '>')) pos = d;
    for (String op : OPS) {
      if (s.startsWith(op, pos)) {
        pos += op.length();
        return new Op(s.substring(start, pos), start);
      }
    }
    pos = start;
    return null;
  }

  private static String delimiter(ShellWord w) {
    StringBuilder b = new StringBuilder();
    for (Piece p : w.pieces()) {
      if (p instanceof Lit l) b.append(l.text());
      else if (p instanceof Var v) b.append('$').append(v.name());
      else if (p instanceof Opaque o) b.append(o.raw());
    }
    return b.toString();
  }

  private void skipHeredocBodies() {
    for (String[] h : heredocs) {
      boolean stripTabs = h[1].equals("<<-");
      while (pos < s.length()) {
        int eol = s.indexOf('\n', pos);
        int end = eol < 0 ? s.length() : eol;
        int from = pos;
        if (stripTabs) {
          while (from < end && s.charAt(from) == '\t') from++;
        }
        boolean last = end - from == h[0].length() && s.startsWith(h[0], from);
        pos = eol < 0 ? s.length() : eol + 1;
        if (last) break;
      }
    }
    heredocs.clear();
  }

  private static boolean breaks(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '&' || c == '|'
        || c == '(' || c == ')' || c == '<' || c == '>';
  }

  private ShellWord word() {
    int start = pos;
    List<Piece> pieces = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (processSubstitution()) {
        flush(pieces, lit);
        int open = pos + 1;
        pos = Math.min(matching(open, '(', ')') + 1, s.length());
        pieces.add(new Opaque(s.substring(open - 1, pos)));
        continue;
      }
      if (breaks(c)) break;
      if (c == '\'') {
        int close = s.indexOf('\'', pos + 1);
        int end = close < 0 ? s.length() : close;
        lit.append(s, pos + 1, end);
        pos = close < 0 ? s.length() : close + 1;
      } else if (c == '"') {
        pos++;
        doubleQuoted(pieces, lit);
      } else if (c == '\\') {
        if (pos + 1 < s.length() && s.charAt(pos + 1) != '\n') lit.append(s.charAt(pos + 1));
        pos += 2;
      } else if (c == '$' || c == '`') {
        flush(pieces, lit);
        dollar(pieces);
      } else if (c == '*' || c == '?' || c == '[') {
        flush(pieces, lit);
        pieces.add(new Opaque(String.valueOf(c)));
        pos++;
      } else {
        lit.append(c);
        pos++;
      }
    }
    pos = Math.min(pos, s.length());
    flush(pieces, lit);
    return new ShellWord(merge(pieces), start, pos);
  }

  private void doubleQuoted(List<Piece> pieces, StringBuilder lit) {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\' && pos + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(pos + 1)) >= 0) {
        if (s.charAt(pos + 1) != '\n') lit.append(s.charAt(pos + 1));
        pos += 2;
      } else if (c == '$' || c == '`') {
        flush(pieces, lit);
        dollar(pieces);
      } else {
        lit.append(c);
        pos++;
      }
    }
  }

  private void dollar(List<Piece> pieces) {
    int start = pos;
    char c = s.charAt(pos);
    if (c == '`') {
      int i = pos + 1;
      while (i < s.length() && s.charAt(i) != '`') i += s.charAt(i) == '\\' ? 2 : 1;
      pos = Math.min(i + 1, s.length());
      pieces.add(new Opaque(s.substring(start, pos)));
      return;
    }
    if (pos + 1 >= s.length()) {
      pos++;
      pieces.add(new Lit("$"));
      return;
    }
    char n = s.charAt(pos + 1);
    if (n == '{') {
      int close = matching(pos + 1, '{', '}');
      String inner = s.substring(pos + 2, Math.max(pos + 2, close));
      pos = Math.min(close + 1, s.length());
      pieces.add(braced(inner, s.substring(start, pos)));
    } else if (n == '(') {
      pos = Math.min(matching(pos + 1, '(', ')') + 1, s.length());
      pieces.add(new Opaque(s.substring(start, pos)));
    } else if (Character.isLetter(n) || n == '_') {
      int i = pos + 1;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
      pieces.add(new Var(s.substring(pos + 1, i)));
      pos = i;
    } else if ("@*#?-$!0123456789".indexOf(n) >= 0) {
      pos += 2;
      // $1..$9: unknown in the script, bound inside a function its call gives them to
      pieces.add(n >= '0' && n <= '9' ? new Var(String.valueOf(n))
          : new Opaque(s.substring(start, pos)));
    } else {
      pos++;
      pieces.add(new Lit("$"));
    }
  }

  /** {@code ${NAME}}, {@code ${NAME:-word}}, {@code ${NAME-word}}; anything else is opaque. */
  private static Piece braced(String inner, String raw) {
    int i = 0;
    while (i < inner.length() && (Character.isLetterOrDigit(inner.charAt(i))
        || inner.charAt(i) == '_')) {
      i++;
    }
    if (i == 0) return new Opaque(raw);
    String name = inner.substring(0, i);
    // a positional parameter is only read with its default (${1:-sqlite}): the script run
    // without that argument, as ${NAME:-word} is read with the variable absent
    boolean positional = Character.isDigit(name.charAt(0));
    if (positional && (!name.chars().allMatch(Character::isDigit)
        || i < inner.length() && inner.charAt(i) != ':' && inner.charAt(i) != '-')) {
      return new Opaque(raw);
    }
    if (i == inner.length()) return new Var(name);
    if (inner.startsWith(":-", i)) return new Default(name, inner.substring(i + 2), true);
    if (inner.charAt(i) == '-') return new Default(name, inner.substring(i + 1), false);
    return new Opaque(raw);
  }

  /**
   * Nesting of substitutions inside double quotes inside substitutions that is followed; deeper
   * text is taken to run to the end of its line (a pathological 15 KB line of {@code "$("}
   * overflowed the stack and lost the whole file's evidence).
   */
  private static final int MAX_NESTING = 64;
  private int nesting;

  /** Offset of the bracket closing the one at {@code open} (skipping quotes), or text end. */
  private int matching(int open, char o, char c) {
    if (nesting >= MAX_NESTING) {
      int nl = s.indexOf('\n', open);
      return nl < 0 ? s.length() : nl;
    }
    nesting++;
    try {
      return matchingFrom(open, o, c);
    } finally {
      nesting--;
    }
  }

  private int matchingFrom(int open, char o, char c) {
    int level = 0;
    int i = open;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (ch == '\\') {
        i += 2;
        continue;
      }
      if (ch == '\'') {
        int close = s.indexOf('\'', i + 1);
        if (close < 0) return s.length();
        i = close + 1;
        continue;
      }
      // a double-quoted string may hold brackets and single quotes that are plain text there
      // (netmaker's `VALUE=$(echo "$VALUE" | sed -E "s|^(['\"])(.*)\1$|\2|g")`, whose ' used to
      // open a quote that ran on to the end of the installer)
      if (ch == '"') {
        i = afterDoubleQuoted(i + 1);
        continue;
      }
      if (ch == o) level++;
      if (ch == c && --level == 0) return i;
      i++;
    }
    return s.length();
  }

  /**
   * Offset just after the double quote closing a string that starts at {@code i}, or text end;
   * a substitution inside it is skipped whole ({@code "$(cmd "x")"}).
   */
  private int afterDoubleQuoted(int i) {
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (ch == '\\') {
        i += 2;
      } else if (ch == '"') {
        return i + 1;
      } else if (ch == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
        i = matching(i + 1, '(', ')') + 1;
      } else if (ch == '`') {
        int close = s.indexOf('`', i + 1);
        i = close < 0 ? s.length() : close + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }

  private static void flush(List<Piece> pieces, StringBuilder lit) {
    if (lit.length() > 0) {
      pieces.add(new Lit(lit.toString()));
      lit.setLength(0);
    }
  }

  private static List<Piece> merge(List<Piece> pieces) {
    List<Piece> merged = new ArrayList<>();
    for (Piece p : pieces) {
      if (p instanceof Lit l && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof Lit prev) {
        merged.set(merged.size() - 1, new Lit(prev.text() + l.text()));
      } else {
        merged.add(p);
      }
    }
    return merged;
  }
}
