package dev.berth.image.shell;

import java.util.List;
import java.util.Optional;

/**
 * One word of a shell command as written, with offsets into the script text (start inclusive,
 * end exclusive) so rules can point at it and fixes can edit it.
 *
 * @param raw the text as written, quotes included
 * @param parts the word split into literal text and expansions, quotes removed
 * @param approximate true when the offsets are those of an enclosing word (a {@code sh -c}
 *     string whose escapes make exact positions unknowable)
 */
public record ShellWord(String raw, List<Part> parts, int start, int end, boolean approximate) {

  public ShellWord {
    parts = List.copyOf(parts);
  }

  /**
   * {@code NAME=...} with a shell variable name before the {@code =} (POSIX "name": letters,
   * digits and underscores, not starting with a digit): an assignment, as a word before a
   * command or an operand of env(1) and its kin.
   */
  public static boolean assignmentText(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) return false;
    for (int i = 0; i < eq; i++) {
      char c = text.charAt(i);
      boolean ok = c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
          || i > 0 && c >= '0' && c <= '9';
      if (!ok) return false;
    }
    return true;
  }

  /** The same word {@code by} characters further into a text that holds the one it was read from. */
  public ShellWord shifted(int by) {
    return new ShellWord(raw, parts, start + by, end + by, approximate);
  }

  /** A piece of a word. */
  public sealed interface Part {}

  /** Text with quotes and escapes removed; {@code quoted} when it came from inside quotes. */
  public record Literal(String text, boolean quoted) implements Part {}

  /** {@code $NAME} or {@code ${NAME}}: a plain parameter expansion berth can resolve. */
  public record Param(String name, boolean quoted) implements Part {}

  /** Anything else: {@code $(...)}, backticks, {@code $((...))}, {@code ${X:-y}}, globs. */
  public record Opaque(String raw) implements Part {}

  /** True when the word's value is fixed text: no expansions and no unquoted glob characters. */
  public boolean literal() {
    return parts.stream().allMatch(p -> p instanceof Literal);
  }

  /** The value when {@link #literal()}, else empty. */
  public Optional<String> value() {
    return literal() ? Optional.of(joined(VariableLookup.NONE).orElseThrow()) : Optional.empty();
  }

  /** The value with plain parameters resolved through {@code vars}; empty when any is unknown. */
  public Optional<String> expand(VariableLookup vars) {
    return joined(vars);
  }

  /** The literal value, or the raw text when the word has expansions (for messages only). */
  public String display() {
    return value().orElse(raw);
  }

  private Optional<String> joined(VariableLookup vars) {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        b.append(l.text());
      } else if (p instanceof Param param) {
        Optional<String> v = vars.value(param.name());
        if (v.isEmpty()) return Optional.empty();
        b.append(v.get());
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(b.toString());
  }
}
