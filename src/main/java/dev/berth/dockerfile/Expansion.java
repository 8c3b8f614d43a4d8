package dev.berth.dockerfile;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of expanding one word like BuildKit's shell lexer does.
 *
 * @param value the expanded text; references to declared-but-unknown variables are kept as written
 *     (e.g. {@code /app/$VERSION}), so check {@link #known()} before relying on it
 * @param words the value split into words after expansion (only meaningful for
 *     {@link Expander#words}; for {@link Expander#word} it is {@code [value]})
 * @param unresolved declared variables whose value is unknown (ARG without default, build args)
 * @param unset referenced variables that are not declared at all (BuildKit substitutes "")
 * @param error BuildKit's error text, e.g. {@code failed to process "${A:?}": A: is not allowed to be
 *     unset}; value is "" then
 * @param errorAt offset in the word of the {@code $} or quote the error is about, when known
 */
public record Expansion(String value, List<String> words, List<String> unresolved,
    List<String> unset, Optional<String> error, OptionalInt errorAt) {

  public Expansion(String value, List<String> words, List<String> unresolved, List<String> unset,
      Optional<String> error) {
    this(value, words, unresolved, unset, error, OptionalInt.empty());
  }

  public Expansion {
    words = List.copyOf(words);
    unresolved = List.copyOf(unresolved);
    unset = List.copyOf(unset);
  }

  /** True when the value is exactly what BuildKit would compute. */
  public boolean known() {
    return unresolved.isEmpty() && error.isEmpty();
  }

  public Optional<String> knownValue() {
    return known() ? Optional.of(value) : Optional.empty();
  }
}
