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
  /** One interpolated value longer than this is refused ({@code A=${B}${B}} doubling). */
  public static final int MAX_VALUE_CHARS = 1 << 20;
  /** What the interpolations of one file may produce in total ({@code B1=${A}}, B2, ...). */
  public static final long MAX_FILE_CHARS = 16L << 20;

  /**
   * What the interpolations of one file may still produce; one per file read. Once spent, the
   * first template that needed more is an error and the later ones stay as written, unreported:
   * one diagnostic per file.
   */
  public static final class Budget {
    private long left = MAX_FILE_CHARS;
    private boolean reported;
  }

  public static Result apply(String template, Function<String, Optional<String>> lookup) {
    return apply(template, lookup, new Budget());
  }

  /** As {@link #apply(String, Function)}, the result charged to {@code budget}. */
  public static Result apply(String template, Function<String, Optional<String>> lookup,
      Budget budget) {
    if (template.indexOf('$') < 0) return new Result(template, List.of(), Optional.empty());
    List<Missing> missing = new ArrayList<>();
    if (budget.reported) return new Result(template, missing, Optional.empty());
    try {
      String v = expand(template, lookup, missing, 0, new Limit(budget.left));
      budget.left -= v.length();
      return new Result(v, missing, Optional.empty());
    } catch (BadTemplate e) {
      if (e.getMessage().equals(BUDGET_SPENT)) budget.reported = true;
      return new Result(template, missing, Optional.of(e.getMessage()));
    }
  }

  /** The error is one of berth's bounds, not a template Compose refuses. */
  public static boolean limit(String error) {
    return error.contains("berth's limit");
  }

  private static final String VALUE_TOO_LONG = "interpolation result longer than "
      + MAX_VALUE_CHARS + " characters, berth's limit";
  private static final String BUDGET_SPENT = "interpolation in this file produces more than "
      + MAX_FILE_CHARS + " characters in total, berth's limit";

  /** Checked before text is appended, so a spent budget costs nothing more. */
  private record Limit(long fileLeft) {
    void check(StringBuilder out, int adding) {
      long length = (long) out.length() + adding;
      if (length > MAX_VALUE_CHARS) throw new BadTemplate(VALUE_TOO_LONG);
      if (length > fileLeft) throw new BadTemplate(BUDGET_SPENT);
    }
  }

  private static final class BadTemplate extends RuntimeException {
    BadTemplate(String m) {
      super(m, null, false, false);
    }
  }

  private static String expand(String s, Function<String, Optional<String>> lookup,
      List<Missing> missing, int depth, Limit limit) {
    if (depth > MAX_NESTING) {
      throw new BadTemplate("interpolation nested deeper than " + MAX_NESTING
          + " levels, berth's limit, in \"" + s + "\"");
    }
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
        limit.check(out, v.map(String::length).orElse(0));
        out.append(v.orElse(""));
        i = j;
      } else if (next == '{') {
        i = braced(s, i, out, lookup, missing, depth, limit);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Expands the {@code ${...}} starting at {@code start}; returns the index after it. */
  private static int braced(String s, int start, StringBuilder out,
      Function<String, Optional<String>> lookup, List<Missing> missing, int depth, Limit limit) {
    int n = s.length();
    int j = start + 2;
    if (j >= n || !nameStart(s.charAt(j))) throw invalid(s);
    int nameEnd = nameEnd(s, j);
    String name = s.substring(j, nameEnd);
    if (nameEnd >= n) throw invalid(s);
    if (s.charAt(nameEnd) == '}') {
      Optional<String> v = lookup.apply(name);
      if (v.isEmpty()) missing.add(new Missing(name, false, ""));
      limit.check(out, v.map(String::length).orElse(0));
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
    String add = switch (op) {
      case '-' -> usable ? v.get() : expand(arg, lookup, missing, depth + 1, limit);
      case '+' -> usable ? expand(arg, lookup, missing, depth + 1, limit) : "";
      default -> {
        if (!usable) {
          missing.add(new Missing(name, true, expand(arg, lookup, missing, depth + 1, limit)));
        }
        yield usable ? v.get() : "";
      }
    };
    limit.check(out, add.length());
    out.append(add);
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

  /** Whether {@code template} takes a value from a variable ({@code $$} is a literal $). */
  public static boolean usesVariable(String template) {
    for (int i = 0; i + 1 < template.length(); i++) {
      if (template.charAt(i) != '$') continue;
      char next = template.charAt(i + 1);
      if (next == '$') {
        i++;
      } else if (next == '{' || nameStart(next)) {
        return true;
      }
    }
    return false;
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
