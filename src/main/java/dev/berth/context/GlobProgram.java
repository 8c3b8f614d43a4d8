package dev.berth.context;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled path glob matched by dynamic programming instead of java.util.regex: patterns come
 * from files in the linted repository, and a regex with several {@code (.*\/)?} groups backtracks
 * exponentially on hostile input. Matching costs O(tokens × path length), always.
 */
final class GlobProgram {
  private enum Op { CHAR, CLASS, ONE, SEGMENT_STAR, ANY, DIRS }

  private record Token(Op op, char c, boolean negated, char[] ranges) {}

  private final List<Token> tokens = new ArrayList<>();

  /** A literal character. */
  GlobProgram literal(char c) {
    tokens.add(new Token(Op.CHAR, c, false, null));
    return this;
  }

  /** {@code [...]}: {@code ranges} holds lo/hi pairs. */
  GlobProgram charClass(boolean negated, char[] ranges) {
    tokens.add(new Token(Op.CLASS, '\0', negated, ranges));
    return this;
  }

  /** One character other than '/'. */
  GlobProgram one() {
    tokens.add(new Token(Op.ONE, '\0', false, null));
    return this;
  }

  /** Any run of characters other than '/'. */
  GlobProgram segmentStar() {
    tokens.add(new Token(Op.SEGMENT_STAR, '\0', false, null));
    return this;
  }

  /** Any run of characters, '/' included. */
  GlobProgram any() {
    tokens.add(new Token(Op.ANY, '\0', false, null));
    return this;
  }

  /** Nothing, or any run of characters ending in '/': zero or more whole directories. */
  GlobProgram dirs() {
    tokens.add(new Token(Op.DIRS, '\0', false, null));
    return this;
  }

  /**
   * Most patterns are a literal, {@code *} plus a literal ({@code *.pyc}), or a literal plus
   * {@code *}: those are answered with equals/endsWith/startsWith, the rest by the table below.
   * Ignore files are asked about every path of a repository, so this is most of their cost.
   */
  private enum Shape { LITERAL, STAR_SUFFIX, PREFIX_STAR, ANY_SUFFIX, GENERAL }

  /**
   * The shape of the first {@code size} tokens; {@code start}/{@code end} are the literal text
   * every match starts and ends with. Immutable, so a racing first use only computes it twice.
   */
  private record Fast(int size, Shape shape, String literal, String start, String end,
      String middle) {}

  private Fast fast;

  private Fast classify() {
    int n = tokens.size();
    int firstChar = 0;
    int lastChar = n;
    Op head = n > 0 ? tokens.get(0).op() : null;
    Op tail = n > 0 ? tokens.get(n - 1).op() : null;
    if (head == Op.SEGMENT_STAR || head == Op.ANY) firstChar = 1;
    else if (tail == Op.SEGMENT_STAR) lastChar = n - 1;
    StringBuilder lit = new StringBuilder();
    boolean chars = true;
    for (int i = firstChar; i < lastChar && chars; i++) {
      chars = tokens.get(i).op() == Op.CHAR;
      if (chars) lit.append(tokens.get(i).c());
    }
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < n && tokens.get(i).op() == Op.CHAR; i++) h.append(tokens.get(i).c());
    StringBuilder t = new StringBuilder();
    for (int i = n - 1; i >= 0 && tokens.get(i).op() == Op.CHAR; i--) t.append(tokens.get(i).c());
    // the longest run of literal characters: consecutive CHAR tokens match consecutive
    // characters, so every match contains it (**/.turbo/* must contain ".turbo/")
    String middle = "";
    StringBuilder run = new StringBuilder();
    for (int i = 0; i <= n; i++) {
      if (i < n && tokens.get(i).op() == Op.CHAR) {
        run.append(tokens.get(i).c());
      } else {
        if (run.length() > middle.length()) middle = run.toString();
        run.setLength(0);
      }
    }
    Shape shape;
    if (!chars) {
      shape = Shape.GENERAL;
    } else if (firstChar == 1) {
      shape = head == Op.ANY ? Shape.ANY_SUFFIX : Shape.STAR_SUFFIX;
    } else {
      shape = lastChar == n ? Shape.LITERAL : Shape.PREFIX_STAR;
    }
    return new Fast(n, shape, lit.toString(), h.toString(), t.reverse().toString(), middle);
  }

  boolean matches(String s) {
    Fast f = fast;
    if (f == null || f.size() != tokens.size()) {
      f = classify();
      fast = f;
    }
    String lit = f.literal();
    switch (f.shape()) {
      case LITERAL:
        return s.equals(lit);
      case STAR_SUFFIX:
        return s.endsWith(lit) && s.lastIndexOf('/', s.length() - lit.length() - 1) < 0;
      case PREFIX_STAR:
        return s.startsWith(lit) && s.indexOf('/', lit.length()) < 0;
      case ANY_SUFFIX:
        return s.endsWith(lit);
      default:
        // a cheap necessary condition before the table
        return s.startsWith(f.start()) && s.endsWith(f.end()) && s.contains(f.middle())
            && table(s);
    }
  }

  /** The dynamic-programming answer alone, without the shortcuts; tests compare the two. */
  boolean matchesByTable(String s) {
    return table(s);
  }

  private boolean table(String s) {
    int n = s.length();
    boolean[] next = new boolean[n + 1];
    next[n] = true;
    boolean[] cur = new boolean[n + 1];
    for (int t = tokens.size() - 1; t >= 0; t--) {
      Token tok = tokens.get(t);
      boolean d = false;
      for (int i = n; i >= 0; i--) {
        boolean m;
        switch (tok.op()) {
          case CHAR:
            m = i < n && s.charAt(i) == tok.c() && next[i + 1];
            break;
          case CLASS:
            m = i < n && inClass(tok, s.charAt(i)) && next[i + 1];
            break;
          case ONE:
            m = i < n && s.charAt(i) != '/' && next[i + 1];
            break;
          case SEGMENT_STAR:
            m = next[i] || (i < n && s.charAt(i) != '/' && cur[i + 1]);
            break;
          case ANY:
            m = next[i] || (i < n && cur[i + 1]);
            break;
          default:
            // d: some '/' at or after i ends the skipped directories
            d = i < n && ((s.charAt(i) == '/' && next[i + 1]) || d);
            m = next[i] || d;
            break;
        }
        cur[i] = m;
      }
      boolean[] swap = next;
      next = cur;
      cur = swap;
      java.util.Arrays.fill(cur, false);
    }
    return next[0];
  }

  private static boolean inClass(Token t, char c) {
    boolean in = false;
    char[] r = t.ranges();
    for (int k = 0; k + 1 < r.length; k += 2) {
      if (r[k] <= c && c <= r[k + 1]) in = true;
    }
    return in != t.negated();
  }
}
