package dev.berth.context;

/**
 * Go's {@code path/filepath.Match} on slash-separated paths: {@code *} and {@code ?} never cross
 * a {@code /}, {@code [...]} classes with ranges and {@code ^} negation, {@code \} escapes the next
 * character. BuildKit uses exactly this for COPY/ADD source wildcards, and patternmatcher uses it
 * to reject malformed .dockerignore patterns, so both the matching and the notion of "bad pattern"
 * must agree with Go.
 */
public final class GoGlob {
  private GoGlob() {}

  /** Thrown internally for a malformed pattern (Go's {@code ErrBadPattern}). */
  static final class BadPattern extends Exception {
    BadPattern() {
      super("syntax error in pattern", null, false, false);
    }
  }

  /** True when {@code name} matches; false also for a malformed pattern. */
  public static boolean match(String pattern, String name) {
    try {
      return matchOrThrow(pattern, name);
    } catch (BadPattern e) {
      return false;
    }
  }

  /** Go rejects a pattern only when matching reaches the bad part; like Go 1.16+, check it all. */
  public static boolean isValid(String pattern) {
    try {
      matchOrThrow(pattern, ".");
      return true;
    } catch (BadPattern e) {
      return false;
    }
  }

  /** True when the string holds a character filepath.Match treats specially (unescaped). */
  public static boolean hasWildcards(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  static boolean matchOrThrow(String pattern, String name) throws BadPattern {
    String pat = pattern;
    String s = name;
    outer:
    while (!pat.isEmpty()) {
      int stars = 0;
      while (stars < pat.length() && pat.charAt(stars) == '*') stars++;
      boolean star = stars > 0;
      pat = pat.substring(stars);
      int end = chunkEnd(pat);
      String chunk = pat.substring(0, end);
      pat = pat.substring(end);
      if (star && chunk.isEmpty()) {
        // a trailing star matches the rest of this path element only
        return s.indexOf('/') < 0;
      }
      String rest = matchChunk(chunk, s);
      if (rest != null && (rest.isEmpty() || !pat.isEmpty())) {
        s = rest;
        continue;
      }
      if (star) {
        for (int i = 0; i < s.length() && s.charAt(i) != '/'; i++) {
          String t = matchChunk(chunk, s.substring(i + 1));
          if (t != null) {
            if (pat.isEmpty() && !t.isEmpty()) continue;
            s = t;
            continue outer;
          }
        }
      }
      // before answering "no", Go checks that the remaining pattern is well formed
      while (!pat.isEmpty()) {
        int st = 0;
        while (st < pat.length() && pat.charAt(st) == '*') st++;
        pat = pat.substring(st);
        int e = chunkEnd(pat);
        matchChunk(pat.substring(0, e), "");
        pat = pat.substring(e);
      }
      return false;
    }
    return s.isEmpty();
  }

  /** End of the chunk: the first '*' outside a class. */
  private static int chunkEnd(String pat) {
    boolean inRange = false;
    int i = 0;
    for (; i < pat.length(); i++) {
      char c = pat.charAt(i);
      if (c == '\\') {
        if (i + 1 < pat.length()) i++;
      } else if (c == '[') {
        inRange = true;
      } else if (c == ']') {
        inRange = false;
      } else if (c == '*' && !inRange) {
        break;
      }
    }
    return i;
  }

  /**
   * Matches a star-free chunk at the start of {@code s}; returns the rest of {@code s}, or null
   * when it does not match. The whole chunk is always scanned so syntax errors surface.
   */
  private static String matchChunk(String chunk, String s) throws BadPattern {
    boolean failed = false;
    int ci = 0;
    int si = 0;
    while (ci < chunk.length()) {
      if (!failed && si >= s.length()) failed = true;
      char c = chunk.charAt(ci);
      if (c == '[') {
        char r = 0;
        if (!failed) r = s.charAt(si++);
        ci++;
        boolean negated = ci < chunk.length() && chunk.charAt(ci) == '^';
        if (negated) ci++;
        boolean matched = false;
        int nrange = 0;
        while (true) {
          if (ci < chunk.length() && chunk.charAt(ci) == ']' && nrange > 0) {
            ci++;
            break;
          }
          int[] lo = escaped(chunk, ci);
          int[] hi = lo;
          ci = lo[1];
          if (ci < chunk.length() && chunk.charAt(ci) == '-') {
            hi = escaped(chunk, ci + 1);
            ci = hi[1];
          }
          if (lo[0] <= r && r <= hi[0]) matched = true;
          nrange++;
        }
        if (matched == negated) failed = true;
      } else if (c == '?') {
        if (!failed) {
          if (s.charAt(si) == '/') failed = true;
          si++;
        }
        ci++;
      } else {
        if (c == '\\') {
          ci++;
          if (ci >= chunk.length()) throw new BadPattern();
          c = chunk.charAt(ci);
        }
        if (!failed) {
          if (s.charAt(si) != c) failed = true;
          si++;
        }
        ci++;
      }
    }
    return failed ? null : s.substring(si);
  }

  /** One possibly escaped class character: {value, index after it}. */
  private static int[] escaped(String chunk, int i) throws BadPattern {
    if (i >= chunk.length() || chunk.charAt(i) == '-' || chunk.charAt(i) == ']') {
      throw new BadPattern();
    }
    if (chunk.charAt(i) == '\\') {
      i++;
      if (i >= chunk.length()) throw new BadPattern();
    }
    char v = chunk.charAt(i);
    i++;
    if (i >= chunk.length()) throw new BadPattern();
    return new int[] {v, i};
  }
}
