package dev.berth.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of HCL that Bake files use, read tolerantly: blocks with labels, attributes whose value
 * is a string (with {@code ${NAME}} interpolation kept as written), a list or an object of them, a
 * bare reference, or anything else (kept as unknown). One linear pass; never fails.
 */
final class Hcl {
  /** A value as written. */
  sealed interface Expr permits Str, ListExpr, ObjectExpr, Ref, Other {}

  /** A quoted string (escapes applied, interpolations kept) at a file offset. */
  record Str(String text, int offset) implements Expr {}

  record ListExpr(List<Expr> items) implements Expr {}

  record ObjectExpr(Map<String, Expr> entries) implements Expr {}

  /** A bare name: a variable, {@code true}/{@code false}/{@code null}. */
  record Ref(String name) implements Expr {}

  /** A function call, an operator, a number: not read. */
  record Other() implements Expr {}

  record Block(String type, List<String> labels, Map<String, Expr> attributes, int start,
      int end, List<Block> blocks) {}

  private enum T { IDENT, STRING, PUNCT, NEWLINE, OTHER, EOF }

  private record Token(T type, String text, int start, int end) {}

  private final String s;
  private final List<Token> tokens = new ArrayList<>();
  private int i;

  private Hcl(String s) {
    this.s = s;
  }

  /** The top-level blocks of a file (attributes outside blocks are dropped). */
  static List<Block> parse(String text, int maxTokens) {
    Hcl h = new Hcl(text);
    h.lex(maxTokens);
    return h.body(0, 0).blocks();
  }

  private Block body(int depth, int start) {
    Map<String, Expr> attrs = new LinkedHashMap<>();
    List<Block> blocks = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.type() == T.EOF) return new Block("", List.of(), attrs, start, s.length(), blocks);
      if (t.type() == T.PUNCT && t.text().equals("}")) {
        i++;
        return new Block("", List.of(), attrs, start, t.end(), blocks);
      }
      if (t.type() != T.IDENT) {
        i++;
        continue;
      }
      i++;
      Token next = peek();
      if (next.type() == T.PUNCT && (next.text().equals("=") || next.text().equals(":"))) {
        i++;
        attrs.put(t.text(), attributeValue());
        continue;
      }
      List<String> labels = new ArrayList<>();
      while (peek().type() == T.STRING || peek().type() == T.IDENT) {
        Token l = tokens.get(i++);
        labels.add(l.type() == T.STRING ? unquote(l.text()) : l.text());
      }
      if (peek().type() == T.PUNCT && peek().text().equals("{") && depth < 32) {
        i++;
        Block inner = body(depth + 1, t.start());
        blocks.add(new Block(t.text(), labels, inner.attributes(), t.start(), inner.end(),
            inner.blocks()));
      }
    }
  }

  /** The tokens up to the end of the line (outside brackets), read as one expression. */
  private Expr attributeValue() {
    int from = i;
    int level = 0;
    while (peek().type() != T.EOF) {
      Token t = peek();
      if (t.type() == T.NEWLINE && level == 0) break;
      if (t.type() == T.PUNCT) {
        if ("[{(".contains(t.text())) level++;
        if ("]})".contains(t.text())) {
          if (level == 0) break;
          level--;
        }
      }
      i++;
    }
    int to = i;
    int[] at = {from};
    Expr e = expr(at, to);
    skipNewlines(at, to);
    return at[0] == to ? e : new Other();
  }

  private Expr expr(int[] at, int to) {
    skipNewlines(at, to);
    if (at[0] >= to) return new Other();
    Token t = tokens.get(at[0]++);
    if (t.type() == T.STRING) return new Str(unquote(t.text()), t.start());
    if (t.type() == T.IDENT) {
      if (at[0] < to && tokens.get(at[0]).text().equals("(")) {
        skipBalanced(at, to);
        return new Other();
      }
      return new Ref(t.text());
    }
    if (t.type() == T.PUNCT && t.text().equals("[")) {
      List<Expr> items = new ArrayList<>();
      while (true) {
        skipNewlines(at, to);
        if (at[0] >= to) return new Other();
        if (tokens.get(at[0]).text().equals("]")) {
          at[0]++;
          return new ListExpr(items);
        }
        items.add(expr(at, to));
        skipNewlines(at, to);
        if (at[0] < to && tokens.get(at[0]).text().equals(",")) at[0]++;
        else if (at[0] < to && !tokens.get(at[0]).text().equals("]")) return skipRest(at, to);
      }
    }
    if (t.type() == T.PUNCT && t.text().equals("{")) {
      Map<String, Expr> entries = new LinkedHashMap<>();
      while (true) {
        skipNewlines(at, to);
        if (at[0] >= to) return new Other();
        Token k = tokens.get(at[0]);
        if (k.text().equals("}")) {
          at[0]++;
          return new ObjectExpr(entries);
        }
        at[0]++;
        if (at[0] >= to || !(tokens.get(at[0]).text().equals("=")
            || tokens.get(at[0]).text().equals(":"))) {
          return skipRest(at, to);
        }
        at[0]++;
        String key = k.type() == T.STRING ? unquote(k.text()) : k.text();
        entries.put(key, expr(at, to));
        skipNewlines(at, to);
        if (at[0] < to && tokens.get(at[0]).text().equals(",")) at[0]++;
      }
    }
    return new Other();
  }

  private static Expr skipRest(int[] at, int to) {
    at[0] = to;
    return new Other();
  }

  private void skipBalanced(int[] at, int to) {
    int level = 0;
    while (at[0] < to) {
      String x = tokens.get(at[0]++).text();
      if (x.equals("(") || x.equals("[") || x.equals("{")) level++;
      if ((x.equals(")") || x.equals("]") || x.equals("}")) && --level == 0) return;
    }
  }

  private void skipNewlines(int[] at, int to) {
    while (at[0] < to && tokens.get(at[0]).type() == T.NEWLINE) at[0]++;
  }

  private Token peek() {
    return i < tokens.size() ? tokens.get(i) : new Token(T.EOF, "", s.length(), s.length());
  }

  // ---- lexer -------------------------------------------------------------------------------

  private void lex(int max) {
    int p = 0;
    while (p < s.length() && tokens.size() < max) {
      char c = s.charAt(p);
      if (c == ' ' || c == '\t' || c == '\r') {
        p++;
      } else if (c == '\n') {
        tokens.add(new Token(T.NEWLINE, "\n", p, p + 1));
        p++;
      } else if (c == '#' || (c == '/' && p + 1 < s.length() && s.charAt(p + 1) == '/')) {
        while (p < s.length() && s.charAt(p) != '\n') p++;
      } else if (c == '/' && p + 1 < s.length() && s.charAt(p + 1) == '*') {
        int close = s.indexOf("*/", p + 2);
        p = close < 0 ? s.length() : close + 2;
      } else if (c == '"') {
        int start = p++;
        int level = 0;
        while (p < s.length()) {
          char x = s.charAt(p);
          if (x == '\\') {
            p += 2;
            continue;
          }
          if (x == '$' && p + 1 < s.length() && s.charAt(p + 1) == '{') {
            level++;
            p += 2;
            continue;
          }
          if (x == '}' && level > 0) level--;
          if ((x == '"' && level == 0) || x == '\n') break;
          p++;
        }
        p = Math.min(p + 1, s.length());
        tokens.add(new Token(T.STRING, s.substring(start, p), start, p));
      } else if (c == '<' && s.startsWith("<<", p)) {
        // heredoc: skipped whole, an unknown value
        int nl = s.indexOf('\n', p);
        String marker = (nl < 0 ? s.substring(p + 2) : s.substring(p + 2, nl)).replace("-", "")
            .trim();
        int start = p;
        int close = marker.isEmpty() || nl < 0 ? -1 : s.indexOf("\n" + marker, nl);
        int stop = close < 0 ? s.length() : close + 1 + marker.length();
        p = stop;
        tokens.add(new Token(T.OTHER, s.substring(start, stop), start, stop));
      } else if (Character.isLetter(c) || c == '_') {
        int start = p;
        while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_'
            || s.charAt(p) == '-')) {
          p++;
        }
        tokens.add(new Token(T.IDENT, s.substring(start, p), start, p));
      } else if ("{}[]()=,:".indexOf(c) >= 0) {
        tokens.add(new Token(T.PUNCT, String.valueOf(c), p, p + 1));
        p++;
      } else {
        tokens.add(new Token(T.OTHER, String.valueOf(c), p, p + 1));
        p++;
      }
    }
  }

  private static String unquote(String quoted) {
    String q = quoted.length() >= 2 && quoted.endsWith("\"") ? quoted.substring(1,
        quoted.length() - 1) : quoted.substring(1);
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < q.length(); k++) {
      char c = q.charAt(k);
      if (c == '\\' && k + 1 < q.length()) {
        char n = q.charAt(++k);
        b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The string value with {@code ${NAME}} replaced, when every name is known. */
  static Optional<String> interpolate(String text, Map<String, String> vars) {
    StringBuilder b = new StringBuilder();
    int k = 0;
    while (k < text.length()) {
      int open = text.indexOf("${", k);
      if (open < 0) {
        b.append(text, k, text.length());
        break;
      }
      b.append(text, k, open);
      int close = text.indexOf('}', open);
      if (close < 0) return Optional.empty();
      String v = vars.get(text.substring(open + 2, close).trim());
      if (v == null) return Optional.empty();
      b.append(v);
      k = close + 1;
    }
    return Optional.of(b.toString());
  }
}
