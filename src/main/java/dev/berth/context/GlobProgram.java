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

  boolean matches(String s) {
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
