package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RulePageTest {
  private static final String PAGE = """
      # BTH003: duplicate-stage-name

      Two stages share a name, so `COPY --from=build`
      silently picks the first one.

      ## Why it matters
      BuildKit **rejects** this since v0.12; see [the docs](https://docs.docker.com/x).

      ## Example
      ```dockerfile bad
      FROM alpine AS build
      ## not a heading
      FROM alpine AS build
      ```
      ```dockerfile good
      FROM alpine AS build
      FROM alpine AS test
      ```
      ## Output
      ```text
      stage name "build" is already used by stage 0
      ```
      ## Aliases
      hadolint DL3024 · BuildKit DuplicateStageName
      """;

  @Test
  void headingSummaryAndSections() {
    RulePage p = RulePage.parse(PAGE).orElseThrow();
    assertEquals("BTH003", p.id());
    assertEquals("duplicate-stage-name", p.title());
    assertEquals("Two stages share a name, so `COPY --from=build` silently picks the first one.",
        p.fullDescription());
    assertEquals(List.of("why it matters", "example", "output", "aliases"),
        List.copyOf(p.sections().keySet()));
    assertEquals(Optional.of("hadolint DL3024 · BuildKit DuplicateStageName"), p.section("Aliases"));
    assertEquals(List.of(
        new RulePage.CodeBlock("dockerfile bad",
            "FROM alpine AS build\n## not a heading\nFROM alpine AS build\n", 10),
        new RulePage.CodeBlock("dockerfile good", "FROM alpine AS build\nFROM alpine AS test\n",
            15),
        new RulePage.CodeBlock("text", "stage name \"build\" is already used by stage 0\n", 20)),
        p.codeBlocks());
  }

  @Test
  void plainTextForTerminals() {
    assertEquals("""
        BTH003: duplicate-stage-name

        Two stages share a name, so COPY --from=build
        silently picks the first one.

        Why it matters
        BuildKit rejects this since v0.12; see the docs (https://docs.docker.com/x).

        Example
        Bad:
            FROM alpine AS build
            ## not a heading
            FROM alpine AS build
        Good:
            FROM alpine AS build
            FROM alpine AS test
        Output
            stage name "build" is already used by stage 0
        Aliases
        hadolint DL3024 · BuildKit DuplicateStageName
        """, RulePage.parse(PAGE).orElseThrow().text());
  }

  @Test
  void notAPage() {
    assertEquals(Optional.empty(), RulePage.parse("# Some title\n\ntext\n"));
    assertEquals(Optional.empty(), RulePage.parse(""));
  }

  @Test
  void missingPagesAreEmpty() {
    assertEquals(Optional.empty(), RuleDocs.page("BTH000x"));
    assertEquals(Optional.empty(), RuleDocs.page("../../etc/passwd"));
  }
}
