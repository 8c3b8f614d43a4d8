package dev.berth.context;

import java.util.regex.Pattern;

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
  private final Pattern regex;

  private PathPattern(String text, Type type, Pattern regex) {
    this.text = text;
    this.type = type;
    this.regex = regex;
  }

  /** {@code cleaned} must already pass {@link GoGlob#isValid}. */
  static PathPattern compile(String cleaned) {
    StringBuilder re = new StringBuilder("^");
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
              re.append(".*");
              type = Type.REGEX;
            }
          } else {
            re.append("(?:.*/)?");
            type = Type.REGEX;
          }
          if (first) type = Type.SUFFIX;
        } else {
          re.append("[^/]*");
          type = Type.REGEX;
        }
      } else if (c == '?') {
        re.append("[^/]");
        type = Type.REGEX;
      } else if (c == '\\' && i + 1 < n) {
        i++;
        re.append(literal(cleaned.charAt(i)));
        type = Type.REGEX;
      } else if (c == '[') {
        i = appendClass(cleaned, i, re);
        type = Type.REGEX;
      } else {
        re.append(literal(c));
      }
    }
    Pattern compiled = null;
    if (type == Type.REGEX) {
      re.append('$');
      compiled = Pattern.compile(re.toString(), Pattern.DOTALL);
    }
    return new PathPattern(cleaned, type, compiled);
  }

  /** Translates a Go class {@code [...]} starting at {@code i}; returns the index of its ']'. */
  private static int appendClass(String p, int i, StringBuilder re) {
    int j = i + 1;
    re.append('[');
    if (j < p.length() && p.charAt(j) == '^') {
      re.append('^');
      j++;
    }
    int count = 0;
    while (j < p.length()) {
      char c = p.charAt(j);
      if (c == ']' && count > 0) break;
      boolean escaped = c == '\\' && j + 1 < p.length();
      if (escaped) {
        j++;
        c = p.charAt(j);
      }
      if (c == '-' && count > 0 && !escaped) {
        re.append('-');
      } else {
        re.append(literal(c));
        count++;
      }
      j++;
    }
    re.append(']');
    return j;
  }

  private static String literal(char c) {
    return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
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
        return regex.matcher(path).matches();
    }
  }
}
