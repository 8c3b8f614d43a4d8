package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.EditDistance;
import dev.berth.dockerfile.Word;
import dev.berth.source.Range;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a variable is used in a word, and BuildKit's "did you mean" for an unknown name. */
final class VariableUses {
  private VariableUses() {}

  private static Matcher use(Word w, String name) {
    return use(w.text(), name);
  }

  private static Matcher use(String text, String name) {
    return Pattern.compile("\\$\\{?" + Pattern.quote(name) + "(?![A-Za-z0-9_])")
        .matcher(text);
  }

  /** Whether the word refers to the variable ({@code $NAME}, {@code ${NAME}}, {@code ${NAME…}}). */
  static boolean uses(Word w, String name) {
    return use(w, name).find();
  }

  /** Whether the text (a RUN's command) refers to the variable. */
  static boolean uses(String text, String name) {
    return use(text, name).find();
  }

  /** The first {@code $NAME} or {@code ${NAME…} in the word; the whole word when not verbatim. */
  static Range at(Word w, String name) {
    Matcher m = use(w, name);
    if (!m.find()) return w.range();
    int end = m.end();
    if (m.group().startsWith("${")) {
      int close = w.text().indexOf('}', end);
      end = close < 0 ? end : close + 1;
    }
    return w.rangeOf(m.start(), end);
  }

  /** Whether a use of the variable in the word has a default: {@code ${NAME-x}}, {@code ${NAME:-x}}. */
  static boolean withDefault(Word w, String name) {
    return Pattern.compile("\\$\\{" + Pattern.quote(name) + ":?-").matcher(w.text()).find();
  }

  /** The word tests the variable for presence: {@code ${NAME:+word}} or {@code ${NAME+word}}. */
  static boolean testedForPresence(Word w, String name) {
    return Pattern.compile("\\$\\{" + Pattern.quote(name) + ":?\\+").matcher(w.text()).find();
  }

  /**
   * BuildKit's {@code suggest.Search}: the closest of {@code options} at edit distance below 3,
   * the first of equally close ones; none when an option equals the name.
   */
  static Optional<String> suggest(String name, Collection<String> options, boolean caseSensitive) {
    String n = caseSensitive ? name : name.toLowerCase(java.util.Locale.ROOT);
    String match = null;
    int best = 3;
    for (String o : options) {
      String c = caseSensitive ? o : o.toLowerCase(java.util.Locale.ROOT);
      if (c.equals(n)) return Optional.empty();
      int d = EditDistance.between(n, c, best);
      if (d < best) {
        best = d;
        match = o;
      }
    }
    return Optional.ofNullable(match);
  }
}
