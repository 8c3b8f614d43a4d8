package dev.berth.image;

import dev.berth.image.shell.VariableLookup;
import java.util.Optional;

/**
 * Dockerfile word expansion as BuildKit's shell lexer does it for ENV, ARG, WORKDIR, USER, COPY
 * and VOLUME values: quotes removed, {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-x}},
 * {@code ${VAR-x}}, {@code ${VAR:+x}}, {@code ${VAR+x}}. Empty when a variable it needs is unknown.
 * (To be replaced by the Dockerfile package's Expander once it lands.)
 */
final class DockerWords {
  private DockerWords() {}

  static Optional<String> expand(String raw, VariableLookup vars, char escape) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    char quote = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (quote != '\'' && c == escape && i + 1 < raw.length()) {
        out.append(raw.charAt(i + 1));
        i += 2;
        continue;
      }
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
        i++;
        continue;
      }
      if (quote != 0 && c == quote) {
        quote = 0;
        i++;
        continue;
      }
      if (c == '$' && quote != '\'' && i + 1 < raw.length()) {
        char n = raw.charAt(i + 1);
        if (n == '{') {
          int close = raw.indexOf('}', i + 2);
          if (close < 0) return Optional.empty();
          String inner = raw.substring(i + 2, close);
          Optional<String> v = braced(inner, vars, escape);
          if (v.isEmpty()) return Optional.empty();
          out.append(v.get());
          i = close + 1;
          continue;
        }
        if (Character.isLetter(n) || n == '_') {
          int j = i + 1;
          while (j < raw.length() && (Character.isLetterOrDigit(raw.charAt(j)) || raw.charAt(j) == '_')) j++;
          Optional<String> v = vars.value(raw.substring(i + 1, j));
          if (v.isEmpty()) return Optional.empty();
          out.append(v.get());
          i = j;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return Optional.of(out.toString());
  }

  private static Optional<String> braced(String inner, VariableLookup vars, char escape) {
    int op = -1;
    for (int k = 0; k < inner.length(); k++) {
      char ch = inner.charAt(k);
      if (!(Character.isLetterOrDigit(ch) || ch == '_')) {
        op = k;
        break;
      }
    }
    if (op < 0) return vars.value(inner);
    String name = inner.substring(0, op);
    String rest = inner.substring(op);
    boolean colon = rest.startsWith(":");
    if (colon) rest = rest.substring(1);
    if (rest.isEmpty()) return Optional.empty();
    char kind = rest.charAt(0);
    String word = rest.substring(1);
    Optional<String> v = vars.value(name);
    switch (kind) {
      case '-' -> {
        // Unknown means "maybe set": the result cannot be known.
        if (v.isEmpty()) return Optional.empty();
        if (colon && v.get().isEmpty()) return expand(word, vars, escape);
        return v;
      }
      case '+' -> {
        if (v.isEmpty()) return Optional.empty();
        boolean set = !colon || !v.get().isEmpty();
        return set ? expand(word, vars, escape) : Optional.of("");
      }
      default -> {
        return Optional.empty();
      }
    }
  }
}
