package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvFileTest {

  private static EnvFile.Result parse(String text) {
    return EnvFile.parse(new SourceFile(".env", text),
        k -> Optional.ofNullable(Map.of("OTHER", "other").get(k)));
  }

  // The table from docs.docker.com "Syntax for environment files"; input is the line, output VAR.
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "VAR=VAL|VAL",
      "VAR=\"VAL\"|VAL",
      "VAR='VAL'|VAL",
      "VAR=VAL # comment|VAL",
      "VAR=VAL# not a comment|VAL# not a comment",
      "VAR=\"VAL # not a comment\"|VAL # not a comment",
      "VAR=\"VAL\" # comment|VAL",
      "VAR='$OTHER'|$OTHER",
      "VAR='${OTHER}'|${OTHER}",
      "VAR=$OTHER|other",
      "VAR=\"${OTHER}\"|other",
      "VAR='Let\\'s go!'|Let's go!",
      "VAR=\"{\\\"hello\\\": \\\"json\\\"}\"|{\"hello\": \"json\"}",
      "VAR=\"some\\tvalue\"|some\tvalue",
      "VAR='some\\tvalue'|some\\tvalue",
      "VAR=some\\tvalue|some\\tvalue",
      "export VAR=VAL|VAL",
      "  VAR = VAL  |VAL",
      "VAR=\"a\\$OTHER\"|a$OTHER",
      "VAR=${MISSING:-dflt}|dflt",
  })
  void docsTable(String line, String expected) {
    EnvFile.Result r = parse(line + "\n");
    assertTrue(r.diagnostics().isEmpty(), () -> r.diagnostics().toString());
    assertEquals(expected, r.values().get("VAR"));
  }

  @Test
  void emptyValueCommentsAndBlankLines() {
    EnvFile.Result r = parse("# comment\n\nA=\nB=1\n  # indented comment\n");
    assertEquals(Map.of("A", "", "B", "1"), r.values());
    assertEquals(4, r.lines().get("B"));
  }

  @Test
  void multiLineQuotedValues() {
    EnvFile.Result r = parse("VAR=\"some\nvalue\"\nNEXT='a\nb'\nLAST=x\n");
    assertEquals("some\nvalue", r.values().get("VAR"));
    assertEquals("a\nb", r.values().get("NEXT"));
    assertEquals("x", r.values().get("LAST"));
    assertEquals(5, r.lines().get("LAST"));
  }

  @Test
  void laterLinesSeeEarlierOnes() {
    EnvFile.Result r = parse("HOST=db\nURL=postgres://${HOST}:5432\n");
    assertEquals("postgres://db:5432", r.values().get("URL"));
  }

  @Test
  void unterminatedQuoteIsAnError() {
    EnvFile.Result r = parse("A=1\nVAR=\"open\n");
    assertEquals(1, r.diagnostics().size());
    assertEquals(2, r.diagnostics().get(0).range().startLine());
    assertEquals("1", r.values().get("A"));
  }

  @Test
  void badNameIsAnError() {
    EnvFile.Result r = parse("MY VAR=1\n");
    assertEquals(1, r.diagnostics().size());
  }
}
