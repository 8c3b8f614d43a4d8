package dev.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expectations from the Dockerfile reference, "Environment replacement". */
class ExpanderTest {
  private static final Vars VARS = Vars.of(Map.of("FOO", "/bar", "str", "foobarbaz",
      "EMPTY", ""), Set.of("VERSION"));
  private final Expander ex = new Expander('\\');

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "${FOO}|/bar",
      "$FOO|/bar",
      "${FOO}_bar|/bar_bar",
      "\\$FOO|$FOO",
      "\\${FOO}|${FOO}",
      "${FOO:-word}|/bar",
      "${NOPE:-word}|word",
      "${EMPTY:-word}|word",
      "${EMPTY-word}|~~",
      "${NOPE-word}|word",
      "${FOO:+word}|word",
      "${EMPTY:+word}|~~",
      "${EMPTY+word}|word",
      "${NOPE+word}|~~",
      "${NOPE:-$FOO}|/bar",
      "${str#f*b}|arbaz",
      "${str##f*b}|az",
      "${str%b*}|foobar",
      "${str%%b*}|foo",
      "${str/ba/fo}|fooforbaz",
      "${str//ba/fo}|fooforfoz",
      "'$FOO'|$FOO",
      "\"$FOO x\"|/bar x",
      "\"a\\\"b\"|a\"b",
      "a\\ b|a b",
      "$NOPE|~~",
      "$|$",
      "${FOO}$|/bar$",
  })
  void docsTable(String input, String expected) {
    Expansion e = ex.word(input, VARS);
    assertEquals(Optional.empty(), e.error());
    assertEquals(expected, e.value());
  }

  @Test
  void unsetVariablesAreReportedButKnown() {
    Expansion e = ex.word("/app/$NOPE", VARS);
    assertEquals("/app/", e.value());
    assertEquals(List.of("NOPE"), e.unset());
    assertTrue(e.known());
  }

  @Test
  void declaredButUnknownIsNotKnown() {
    Expansion e = ex.word("/app/$VERSION/${VERSION:-x}", VARS);
    assertFalse(e.known());
    assertEquals(List.of("VERSION"), e.unresolved());
    assertEquals("/app/$VERSION/${VERSION:-x}", e.value());
    assertEquals(Optional.empty(), e.knownValue());
  }

  @Test
  void questionMarkForms() {
    assertEquals(Optional.of("failed to process \"${NOPE?}\": NOPE: is not allowed to be unset"),
        ex.word("${NOPE?}", VARS).error());
    assertEquals(Optional.of("failed to process \"${EMPTY:?must be set}\": EMPTY: must be set"),
        ex.word("${EMPTY:?must be set}", VARS).error());
    assertEquals("", ex.word("${EMPTY?}", VARS).value());
    Expansion unknown = ex.word("${VERSION:?}", VARS);
    assertEquals(Optional.empty(), unknown.error());
    assertFalse(unknown.known());
  }

  @Test
  void syntaxErrors() {
    assertEquals(Optional.of("failed to process \"${FOO\": unsupported modifier (\uFFFD) in "
        + "substitution"), ex.word("${FOO", VARS).error());
    assertEquals(Optional.of("failed to process \"${FOO:-x\": syntax error: missing '}'"),
        ex.word("${FOO:-x", VARS).error());
    assertEquals(Optional.of("failed to process \"${}\": syntax error: bad substitution"),
        ex.word("${}", VARS).error());
    assertEquals(Optional.of("failed to process \"${FOO:x}\": unsupported modifier (:x) in "
        + "substitution"), ex.word("${FOO:x}", VARS).error());
    assertEquals(Optional.of("failed to process \"'abc\": unexpected end of statement while "
        + "looking for matching single-quote"), ex.word("'abc", VARS).error());
  }

  @Test
  void wordsSplitAfterExpansion() {
    Vars v = Vars.of(Map.of("PORTS", "80 443"));
    assertEquals(List.of("80", "443", "8080"), ex.words("$PORTS 8080", v).words());
    assertEquals(List.of("a b", "c"), ex.words("\"a b\" c", v).words());
  }

  @Test
  void backtickEscape() {
    Expander win = new Expander('`');
    assertEquals("C:\\path\\$FOO", win.word("C:\\path\\`$FOO", VARS).value());
    assertEquals("C:\\path\\/bar", win.word("C:\\path\\$FOO", VARS).value());
  }

  @Test
  void heredocBodiesKeepQuotes() {
    Expansion e = Expander.heredoc("echo '$FOO' \"$FOO\"\n", VARS);
    assertEquals("echo '/bar' \"/bar\"\n", e.value());
  }

  @Test
  void openWorldMakesUndeclaredUnknown() {
    Vars open = Vars.of(Map.of("A", "1")).openWorld(true);
    Expansion e = ex.word("/x:$PATH", open);
    assertFalse(e.known());
    assertEquals(List.of("PATH"), e.unresolved());
    assertEquals("/x:$PATH", e.value());
  }

  @Test
  void aModifierBuildKitLacksFailsWhateverTheValue() {
    // lex.go: the modifier is checked after the variable is looked up, but no value avoids it
    Expansion e = ex.word("a/${VERSION:x}/b", VARS);
    assertEquals(Optional.of("failed to process \"a/${VERSION:x}/b\": unsupported modifier (:x) in "
        + "substitution"), e.error());
    assertEquals(java.util.OptionalInt.of(2), e.errorAt());
    Vars any = Vars.empty().openWorld(true);
    assertTrue(ex.word("${X^^}", any).error().isPresent());
    assertTrue(ex.word("${X#\\x}", any).error().orElseThrow().contains("invalid pattern"));
    assertTrue(ex.word("${X/\\x/y}", any).error().orElseThrow().contains("invalid pattern"));
    // supported forms stay unknown, not errors
    for (String ok : List.of("${X:-a}", "${X-a}", "${X:+a}", "${X+a}", "${X:?m}", "${X?m}",
        "${X#a*}", "${X##a*}", "${X%a*}", "${X%%a*}", "${X/a/b}", "${X//a/b}")) {
      assertEquals(Optional.empty(), ex.word(ok, any).error(), ok);
    }
  }

  @Test
  void theErrorPointsAtTheInnermostSubstitutionOrQuote() {
    assertEquals(java.util.OptionalInt.of(6), ex.word("${A:-x${B:0:1}}", VARS).errorAt());
    assertEquals(java.util.OptionalInt.of(4), ex.word("abc 'def", VARS).errorAt());
  }
}
