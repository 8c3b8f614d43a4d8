package dev.berth.compose;

import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compose's {@code .env} syntax (docs.docker.com "Syntax for environment files"): {@code #}
 * comment lines, optional {@code export}, {@code NAME=value} or YAML-style {@code NAME: value}
 * (compose-go's dotenv parser takes either separator), unquoted values with inline comments only after
 * whitespace, single-quoted values taken literally (only {@code \'} unescaped), double-quoted
 * values with {@code \n \r \t \\ \"} escapes, quoted values spanning lines, and interpolation of
 * unquoted and double-quoted values from earlier lines, then from {@code lookup}.
 */
public final class EnvFile {
  private EnvFile() {}

  public record Result(Map<String, String> values, Map<String, Integer> lines,
      List<Diagnostic> diagnostics) {
    public Result {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static Result parse(SourceFile file, Function<String, Optional<String>> lookup) {
    String t = file.text();
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    List<Diagnostic> diags = new ArrayList<>();
    Function<String, Optional<String>> scoped =
        name -> values.containsKey(name) ? Optional.of(values.get(name)) : lookup.apply(name);
    Interpolation.Budget budget = new Interpolation.Budget();
    int i = 0;
    int n = t.length();
    while (i < n) {
      int lineStart = i;
      while (i < n && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) i++;
      int eol = endOfLine(t, i);
      if (i >= n || eol == i || t.charAt(i) == '#') {
        i = next(t, eol);
        continue;
      }
      if (t.startsWith("export ", i) || t.startsWith("export\t", i)) {
        i += 7;
        while (i < eol && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) i++;
      }
      // compose-go's dotenv ends the name at the first '=' or ':' ("library also supports
      // yaml-style value declaration", dotenv/parser.go locateKeyName): `TAG: 1.27` sets TAG,
      // and alf.io's YAML-shaped .env (`services:`, `POSTGRES_DB: alfio`) parses.
      int eq = separator(t, i, eol);
      if (eq < 0) {
        String bare = t.substring(i, eol).trim();
        int hash = bare.indexOf(" #");
        String name = hash >= 0 ? bare.substring(0, hash).trim() : bare;
        if (validName(name)) {
          lookup.apply(name).ifPresent(v -> values.put(name, v));
          lines.put(name, file.line(i));
        } else {
          diags.add(new Diagnostic(file.range(i, eol), Diagnostic.Kind.PARSE_ERROR,
              "unexpected line in env file: expected NAME=value"));
        }
        i = next(t, eol);
        continue;
      }
      String name = t.substring(i, eq).trim();
      if (!validName(name)) {
        diags.add(new Diagnostic(file.range(i, eq), Diagnostic.Kind.PARSE_ERROR,
            "invalid variable name '" + name + "' in env file"));
        i = next(t, eol);
        continue;
      }
      int v = eq + 1;
      while (v < n && (t.charAt(v) == ' ' || t.charAt(v) == '\t')) v++;
      char q = v < n ? t.charAt(v) : 0;
      String value;
      int after;
      if (q == '\'' || q == '"') {
        int close = closingQuote(t, v + 1, q);
        if (close < 0) {
          diags.add(new Diagnostic(file.range(v, v + 1), Diagnostic.Kind.PARSE_ERROR,
              "unterminated quoted value for " + name + " in env file"));
          break;
        }
        String body = t.substring(v + 1, close);
        if (q == '\'') {
          value = body.replace("\\'", "'");
        } else {
          value = interpolate(unescapeDouble(body), scoped, budget, file, v, diags);
        }
        after = next(t, endOfLine(t, close + 1));
      } else {
        int end = eol;
        for (int k = v; k < eol; k++) {
          if (t.charAt(k) == '#' && k > v && (t.charAt(k - 1) == ' ' || t.charAt(k - 1) == '\t')) {
            end = k;
            break;
          }
        }
        value = interpolate(t.substring(v, end).trim(), scoped, budget, file, v, diags);
        after = next(t, eol);
      }
      values.put(name, value);
      lines.put(name, file.line(lineStart));
      i = after;
    }
    return new Result(values, lines, diags);
  }

  /** The first '=' or ':' of the line, or -1. */
  private static int separator(String t, int from, int eol) {
    for (int k = from; k < eol; k++) {
      char c = t.charAt(k);
      if (c == '=' || c == ':') return k;
    }
    return -1;
  }

  // "\$" protects a dollar from interpolation; it is marked with a private char until then.
  private static final char DOLLAR = '\uE000';

  private static String interpolate(String s, Function<String, Optional<String>> lookup,
      Interpolation.Budget budget, SourceFile file, int at, List<Diagnostic> diags) {
    Interpolation.Result r = Interpolation.apply(s, lookup, budget);
    if (r.error().isPresent()) {
      diags.add(new Diagnostic(file.range(at, at), Interpolation.limit(r.error().get())
          ? Diagnostic.Kind.LIMIT : Diagnostic.Kind.PARSE_ERROR, r.error().get()));
      return s.replace(DOLLAR, '$');
    }
    return r.value().replace(DOLLAR, '$');
  }

  private static String unescapeDouble(String body) {
    StringBuilder b = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        switch (e) {
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case '\\' -> b.append('\\');
          case '"' -> b.append('"');
          case '$' -> b.append(DOLLAR);
          default -> b.append('\\').append(e);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static int closingQuote(String t, int from, char q) {
    for (int i = from; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == q) {
        return i;
      }
    }
    return -1;
  }

  private static boolean validName(String name) {
    if (name.isEmpty()) return false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || c == '.' || c == '-' || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!ok) return false;
    }
    return true;
  }

  private static int endOfLine(String t, int from) {
    int i = from;
    while (i < t.length() && t.charAt(i) != '\n' && t.charAt(i) != '\r') i++;
    return i;
  }

  private static int next(String t, int eol) {
    if (eol < t.length() && t.charAt(eol) == '\r') eol++;
    if (eol < t.length() && t.charAt(eol) == '\n') eol++;
    return eol;
  }
}
