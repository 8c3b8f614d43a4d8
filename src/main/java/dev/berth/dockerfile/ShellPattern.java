package dev.berth.dockerfile;

/**
 * The shell patterns of BuildKit's {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}}:
 * {@code *} any run of characters, {@code ?} one character (neither crosses a newline, like Go's
 * {@code .}), {@code \} escapes. BuildKit turns them into Go regexps (RE2, linear); a Java regex
 * would backtrack polynomially on {@code *a*a*a*b}. This is an automaton over the pattern's
 * tokens run once over the value: O(pattern × value) for every question asked.
 *
 * <p>For these patterns a greedy match ends at the longest end and a lazy one at the shortest,
 * so "longest" and "shortest" below are the regexp's greedy and lazy answers.
 */
final class ShellPattern {
  private static final char ANY = '\uFFFF';
  private static final char STAR = '\uFFFE';

  /** Tokens: a literal char, or ANY / STAR (literal U+FFFE/U+FFFF are marked in {@code lit}). */
  private final char[] tokens;
  private final boolean[] literal;

  private ShellPattern(char[] tokens, boolean[] literal) {
    this.tokens = tokens;
    this.literal = literal;
  }

  /** BuildKit's escapes: {@code \*}, {@code \?}, {@code \\}, {@code \}} and {@code \/}. */
  static ShellPattern compile(String pattern) throws ShellLex.LexError {
    char[] t = new char[pattern.length()];
    boolean[] lit = new boolean[pattern.length()];
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?') {
        t[n++] = c == '*' ? STAR : ANY;
      } else if (c == '\\') {
        char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
        if (next != '*' && next != '?' && next != '\\' && next != '}' && next != '/') {
          throw new ShellLex.LexError("invalid escape '\\" + (next == 0 ? "" : String.valueOf(next))
              + "'");
        }
        lit[n] = true;
        t[n++] = next;
        i++;
      } else {
        lit[n] = true;
        t[n++] = c;
      }
    }
    return new ShellPattern(java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(lit, n));
  }

  private boolean star(int k) {
    return !literal[k] && tokens[k] == STAR;
  }

  private boolean accepts(int k, char c) {
    return literal[k] ? tokens[k] == c : c != '\n';
  }

  /**
   * The end of the shortest or longest prefix of {@code s} the pattern matches, or -1.
   * Each state holds the earliest start of a thread in it (-1: none); here all start at 0.
   */
  int prefixEnd(String s, boolean longest) {
    int p = tokens.length;
    int[] cur = new int[p + 1];
    java.util.Arrays.fill(cur, -1);
    cur[0] = 0;
    close(cur);
    int end = cur[p] >= 0 ? 0 : -1;
    if (end >= 0 && !longest) return 0;
    int[] next = new int[p + 1];
    for (int i = 0; i < s.length() && alive(cur); i++) {
      step(cur, next, s.charAt(i));
      int[] swap = cur;
      cur = next;
      next = swap;
      if (cur[p] >= 0) {
        end = i + 1;
        if (!longest) return end;
      }
    }
    return end;
  }

  /**
   * The leftmost match at or after {@code from}, longest at that start: {start, end}, or null.
   * A thread's state keeps the earliest start reaching it, so one pass finds the leftmost start;
   * once a match is known, later starts are dropped and the pass ends when no thread could
   * still match further left or longer.
   */
  int[] find(String s, int from) {
    int p = tokens.length;
    int[] cur = new int[p + 1];
    int[] next = new int[p + 1];
    java.util.Arrays.fill(cur, -1);
    int bestStart = -1;
    int bestEnd = -1;
    for (int i = from; ; i++) {
      if (bestStart < 0 && cur[0] < 0) cur[0] = i;
      close(cur);
      if (cur[p] >= 0 && (bestStart < 0 || cur[p] < bestStart
          || (cur[p] == bestStart && i > bestEnd))) {
        bestStart = cur[p];
        bestEnd = i;
      }
      if (bestStart >= 0) {
        for (int k = 0; k <= p; k++) if (cur[k] > bestStart) cur[k] = -1;
        if (!alive(cur)) break;
      }
      if (i >= s.length()) break;
      step(cur, next, s.charAt(i));
      int[] swap = cur;
      cur = next;
      next = swap;
    }
    return bestStart < 0 ? null : new int[] {bestStart, bestEnd};
  }

  /** Follows the empty moves (a star may match nothing), keeping the earliest start. */
  private void close(int[] st) {
    for (int k = 0; k < tokens.length; k++) {
      if (st[k] >= 0 && star(k)) st[k + 1] = min(st[k + 1], st[k]);
    }
  }

  private void step(int[] cur, int[] next, char c) {
    java.util.Arrays.fill(next, -1);
    for (int k = 0; k < tokens.length; k++) {
      if (cur[k] < 0 || !accepts(k, c)) continue;
      int to = star(k) ? k : k + 1;
      next[to] = min(next[to], cur[k]);
    }
    close(next);
  }

  private static boolean alive(int[] st) {
    for (int v : st) if (v >= 0) return true;
    return false;
  }

  private static int min(int a, int b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }
}
