package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {

  private static DockerIgnore ignore(String text) {
    return DockerIgnore.parse(new SourceFile(".dockerignore", text));
  }

  /**
   * Rows: patterns (lines separated by '|'), path, excluded?. Examples from the Docker docs page
   * "Build context" (.dockerignore files) plus BuildKit edge cases.
   */
  @ParameterizedTest(name = "[{0}] {1} -> {2}")
  @CsvSource(delimiter = ';', value = {
      // docs: */temp*  - immediate subdirectory of the root
      "*/temp*; somedir/temporary.txt; true",
      "*/temp*; somedir/temp; true",
      "*/temp*; somedir/temp/inner.txt; true",
      "*/temp*; temporary.txt; false",
      "*/temp*; a/b/temporary.txt; false",
      // docs: */*/temp* - two levels below the root
      "*/*/temp*; somedir/subdir/temporary.txt; true",
      "*/*/temp*; somedir/temporary.txt; false",
      // docs: temp?  - one character after temp, root only
      "temp?; tempa; true",
      "temp?; tempb; true",
      "temp?; temp; false",
      "temp?; tempab; false",
      "temp?; dir/tempa; false",
      // docs: **/*.go matches in all directories including the root
      "**/*.go; main.go; true",
      "**/*.go; cmd/tool/main.go; true",
      "**/*.go; main.go.txt; false",
      // docs: exceptions, last match wins
      "*.md|!README.md; README.md; false",
      "*.md|!README.md; CHANGES.md; true",
      "*.md|!README*.md|README-secret.md; README-secret.md; true",
      "*.md|!README*.md|README-secret.md; README-other.md; false",
      "*.md|README-secret.md|!README*.md; README-secret.md; false",
      // a pattern is anchored at the context root (not gitignore-style anywhere)
      "node_modules; node_modules/react/index.js; true",
      "node_modules; web/node_modules/react/index.js; false",
      "**/node_modules; web/node_modules/react/index.js; true",
      // leading slash, ./ and trailing slash are cleaned away
      "/secrets; secrets/key.pem; true",
      "./secrets; secrets/key.pem; true",
      "secrets/; secrets/key.pem; true",
      "secrets/../build; build/out.bin; true",
      // directory excluded, one file re-included (dockerignore allows this, gitignore does not)
      "dist|!dist/keep.txt; dist/keep.txt; false",
      "dist|!dist/keep.txt; dist/other.txt; true",
      "docs/**|!docs/api/**; docs/api/v1/index.html; false",
      "docs/**|!docs/api/**; docs/guide.md; true",
      // everything but the source tree
      "*|!src; src/app/main.py; false",
      "*|!src; requirements.txt; true",
      // Go character classes, ranges, negation, escapes
      "log[0-9].txt; log7.txt; true",
      "log[0-9].txt; logx.txt; false",
      "log[^0-9].txt; logx.txt; true",
      "log[^0-9].txt; log7.txt; false",
      "\\*.txt; *.txt; true",
      "\\*.txt; a.txt; false",
      "file?.txt; file/.txt; false",
      // '**' forms
      "**; anything/at/all; true",
      "build/**; build/x/y; true",
      "build/**; buildx; false",
      "a/**/b; a/b; true",
      "a/**/b; a/x/y/b; true",
      "a/**/b; a/x/y/bc; false",
      // regex metacharacters are literal
      "a+b.(c); a+b.(c); true",
      "a+b.(c); aab.(c); false",
  })
  void matchesLikeBuildKit(String patterns, String path, boolean excluded) {
    DockerIgnore di = ignore(patterns.replace('|', '\n'));
    assertEquals(List.of(), di.diagnostics());
    assertEquals(excluded, di.isExcluded(path));
  }

  @Test
  void patternsKeepTheirCleanedTextAndRange() {
    DockerIgnore di = ignore("\uFEFF# comment\n\n  /build/  \n!./build/keep\n");
    assertEquals(2, di.patterns().size());
    DockerIgnore.Pattern first = di.patterns().get(0);
    assertEquals("build", first.text());
    assertFalse(first.exception());
    assertEquals(new Range(".dockerignore", 3, 3, 3, 10), first.range());
    DockerIgnore.Pattern second = di.patterns().get(1);
    assertEquals("build/keep", second.text());
    assertTrue(second.exception());
    assertEquals("!build/keep", second.display());
    assertEquals(new Range(".dockerignore", 4, 1, 4, 14), second.range());
  }

  @Test
  void excludedByNamesTheDecidingPattern() {
    DockerIgnore di = ignore("*.lock\n.env\n!poetry.lock\n");
    assertEquals(Optional.of(di.patterns().get(0)), di.excludedBy("uv.lock"));
    assertEquals(Optional.empty(), di.excludedBy("poetry.lock"));
    assertEquals(Optional.of(di.patterns().get(2)), di.decide("poetry.lock").decidedBy());
    assertEquals(Optional.of(di.patterns().get(1)), di.excludedBy(".env"));
  }

  @Test
  void malformedPatternsBecomeDiagnosticsAndAreSkipped() {
    DockerIgnore di = ignore("[a-\n!\nok\n");
    assertEquals(2, di.diagnostics().size());
    assertEquals(1, di.diagnostics().get(0).range().startLine());
    assertEquals(2, di.diagnostics().get(1).range().startLine());
    assertEquals(1, di.patterns().size());
    assertTrue(di.isExcluded("ok"));
  }

  @Test
  void onlyAHashInTheFirstColumnStartsAComment() {
    assertTrue(ignore("  #notes\n").isExcluded("#notes"));
    assertFalse(ignore("#notes\n").isExcluded("#notes"));
    assertEquals(0, ignore("#notes\n").patterns().size());
  }

  @Test
  void hostilePatternsStayLinear() {
    String pattern = "**/a".repeat(30) + "/b\n";
    // a backtracking regex needs astronomically many steps here; the DP needs a few million
    String path = "a/".repeat(200) + "c";
    long start = System.nanoTime();
    assertFalse(ignore(pattern).isExcluded(path));
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  @Test
  void theContextRootIsNeverExcluded() {
    assertFalse(ignore("*\n").isExcluded("."));
    assertFalse(ignore("**\n").isExcluded(""));
  }
}
