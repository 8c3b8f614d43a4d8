package dev.berth.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compose variable interpolation: {@code $V}, {@code ${V}}, {@code ${V:-d}}, {@code ${V-d}},
 * {@code ${V:?e}}, {@code ${V?e}}, {@code ${V:+a}}, {@code ${V+a}}, nested templates in the
 * default/alternative text, and {@code $$} for a literal dollar. A {@code $} followed by anything
 * else than a name, {@code $} or {@code {} stays literal, as in compose-go; a malformed
 * {@code ${...}} is an error. Defaults are only evaluated when used.
 */
public final class Interpolation {
  private Interpolation() {}

  /** A variable the template needed but the environment does not provide. */
  public record Missing(String name, boolean required, String message) {}

  /** The interpolated text, the variables that were missing, or an error for a bad template. */
  public record Result(String value, List<Missing> missing, Optional<String> error) {
    public Result {
      missing = List.copyOf(missing);
    }
  }

  private static final int MAX_NESTING = 32;

  public static Result apply(String template, Function<String, Optional<String>> lookup) {
    if (template.indexOf('$') < 0) return new Result(template, List.of(), Optional.empty());
    List<Missing> missing = new ArrayList<>();
    try {
      String v = expand(template, lookup, missing, 0);
      return new Result(v, missing, Optional.empty());
    } catch (BadTemplate e) {
      return new Result(template, missing, Optional.of(e.getMessage()));
    }
  }

  private static final class BadTemplate extends RuntimeException {
    BadTemplate(String m) {
      super(m, null, false, false);
    }
  }

  private static String expand(String s, Function<String, Optional<String>> lookup,
      List<Missing> missing, int depth) {
    if (depth > MAX_NESTING) throw new BadTemplate("interpolation nested too deeply in \"" + s + "\"");
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '$' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      char next = s.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (nameStart(next)) {
        int j = nameEnd(s, i + 1);
        String name = s.substring(i + 1, j);
        Optional<String> v = lookup.apply(name);
        if (v.isEmpty()) missing.add(new Missing(name, false, ""));
        out.append(v.orElse(""));
        i = j;
      } else if (next == '{') {
        i = braced(s, i, out, lookup, missing, depth);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Expands the {@code ${...}} starting at {@code start}; returns the index after it. */
  private static int braced(String s, int start, StringBuilder out,
      Function<String, Optional<String>> lookup, List<Missing> missing, int depth) {
    int n = s.length();
    int j = start + 2;
    if (j >= n || !nameStart(s.charAt(j))) throw invalid(s);
    int nameEnd = nameEnd(s, j);
    String name = s.substring(j, nameEnd);
    if (nameEnd >= n) throw invalid(s);
    if (s.charAt(nameEnd) == '}') {
      Optional<String> v = lookup.apply(name);
      if (v.isEmpty()) missing.add(new Missing(name, false, ""));
      out.append(v.orElse(""));
      return nameEnd + 1;
    }
    int k = nameEnd;
    boolean colon = s.charAt(k) == ':';
    if (colon) k++;
    if (k >= n || "-?+".indexOf(s.charAt(k)) < 0) throw invalid(s);
    char op = s.charAt(k);
    int close = matchingBrace(s, k + 1);
    if (close < 0) throw invalid(s);
    String arg = s.substring(k + 1, close);
    Optional<String> v = lookup.apply(name);
    boolean usable = v.isPresent() && !(colon && v.get().isEmpty());
    switch (op) {
      case '-' -> out.append(usable ? v.get() : expand(arg, lookup, missing, depth + 1));
      case '+' -> out.append(usable ? expand(arg, lookup, missing, depth + 1) : "");
      default -> {
        if (usable) {
          out.append(v.get());
        } else {
          missing.add(new Missing(name, true, expand(arg, lookup, missing, depth + 1)));
        }
      }
    }
    return close + 1;
  }

  private static int matchingBrace(String s, int from) {
    int depth = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
        i++;
      } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        depth++;
        i++;
      } else if (c == '}') {
        if (depth == 0) return i;
        depth--;
      }
    }
    return -1;
  }

  private static BadTemplate invalid(String s) {
    return new BadTemplate("invalid interpolation format for \"" + s + "\"; use $$ for a literal $");
  }

  private static boolean nameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static int nameEnd(String s, int from) {
    int j = from;
    while (j < s.length() && (nameStart(s.charAt(j)) || Character.isDigit(s.charAt(j))
        && s.charAt(j) < 128)) {
      j++;
    }
    return j;
  }
}
