package dev.berth.context;

/**
 * A cleaned ignore pattern compiled the way moby/patternmatcher compiles it: plain text is an
 * exact match, a trailing {@code **} a prefix match, a leading {@code **} a suffix match, anything
 * else a regular expression where {@code *} and {@code ?} stay within one path element and
 * {@code **} spans any number of them. Used by .dockerignore, {@code COPY --exclude} and
 * {@code COPY --parents}.
 */
final class PathPattern {
  private enum Type { EXACT, PREFIX, SUFFIX, REGEX }

  private final String text;
  private final Type type;
  private final GlobProgram program;

  private PathPattern(String text, Type type, GlobProgram program) {
    this.text = text;
    this.type = type;
    this.program = program;
  }

  /** {@code cleaned} must already pass {@link GoGlob#isValid}. */
  static PathPattern compile(String cleaned) {
    GlobProgram prog = new GlobProgram();
    Type type = Type.EXACT;
    int n = cleaned.length();
    for (int i = 0; i < n; i++) {
      char c = cleaned.charAt(i);
      if (c == '*') {
        if (i + 1 < n && cleaned.charAt(i + 1) == '*') {
          boolean first = i == 0;
          i++;
          if (i + 1 < n && cleaned.charAt(i + 1) == '/') i++;
          if (i + 1 >= n) {
            if (type == Type.EXACT) {
              type = Type.PREFIX;
            } else {
              prog.any();
              type = Type.REGEX;
            }
          } else {
            // patternmatcher turns any other "**" (with its "/" eaten) into "(.*/)?"
            prog.dirs();
            type = Type.REGEX;
          }
          if (first) type = Type.SUFFIX;
        } else {
          prog.segmentStar();
          type = Type.REGEX;
        }
      } else if (c == '?') {
        prog.one();
        type = Type.REGEX;
      } else if (c == '\\' && i + 1 < n) {
        i++;
        prog.literal(cleaned.charAt(i));
        type = Type.REGEX;
      } else if (c == '[') {
        i = appendClass(cleaned, i, prog);
        type = Type.REGEX;
      } else {
        prog.literal(c);
      }
    }
    return new PathPattern(cleaned, type, type == Type.REGEX ? prog : null);
  }

  /** Adds a Go class {@code [...]} starting at {@code i}; returns the index of its ']'. */
  private static int appendClass(String p, int i, GlobProgram prog) {
    int j = i + 1;
    boolean negated = j < p.length() && p.charAt(j) == '^';
    if (negated) j++;
    StringBuilder ranges = new StringBuilder();
    int count = 0;
    while (j < p.length()) {
      char c = p.charAt(j);
      if (c == ']' && count > 0) break;
      if (c == '\\' && j + 1 < p.length()) c = p.charAt(++j);
      char hi = c;
      if (j + 2 < p.length() && p.charAt(j + 1) == '-' && p.charAt(j + 2) != ']') {
        j += 2;
        hi = p.charAt(j);
        if (hi == '\\' && j + 1 < p.length()) hi = p.charAt(++j);
      }
      ranges.append(c).append(hi);
      count++;
      j++;
    }
    prog.charClass(negated, ranges.toString().toCharArray());
    return j;
  }

  String text() {
    return text;
  }

  boolean matches(String path) {
    switch (type) {
      case EXACT:
        return path.equals(text);
      case PREFIX:
        return path.startsWith(text.substring(0, text.length() - 2));
      case SUFFIX: {
        String suffix = text.substring(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith("/") && path.equals(suffix.substring(1));
      }
      default:
        return program.matches(path);
    }
  }
}
