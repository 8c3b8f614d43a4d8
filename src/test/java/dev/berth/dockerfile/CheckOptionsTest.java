package dev.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * BuildKit's check options: {@code linter.ParseLintOptions}, the {@code check} directive and
 * {@code # check=} comments above one instruction (moby/buildkit linter/linter.go, parser.go and
 * the cases of dockerfile_check_test.go).
 */
class CheckOptionsTest {
  private static final Range R = Range.point("Dockerfile", 1, 1);

  private static CheckOptions ok(String value) {
    return ((CheckOptions.Parsed.Ok) CheckOptions.parse(value, R)).options();
  }

  private static String invalid(String value) {
    return ((CheckOptions.Parsed.Invalid) CheckOptions.parse(value, R)).message();
  }

  @Test
  void parseLintOptions() {
    CheckOptions o = ok("skip=ConsistentInstructionCasing,FromAsCasing;error=true");
    assertEquals(Set.of("ConsistentInstructionCasing", "FromAsCasing"), o.skip());
    assertTrue(o.error() && !o.skipAll());
    assertTrue(ok("skip=all").skipAll());
    assertTrue(ok(" skip = all ").skipAll());
    assertTrue(ok("experimental=all").enables("InvalidDefinitionDescription"));
    assertTrue(ok("skip=all;experimental=InvalidDefinitionDescription")
        .enables("InvalidDefinitionDescription"));
    assertFalse(ok("skip=all").skips("InvalidDefinitionDescription", true));
    assertTrue(ok("skip=all").skips("UndefinedVar", false));
    assertFalse(ok("skip=undefinedvar").skips("UndefinedVar", false), "names are case-sensitive");
    assertTrue(ok("error=1").error());
    assertFalse(ok("error=False").error());
    assertEquals(Set.of(), ok("").skip());
    assertEquals("invalid check option \"bogus\"", invalid("bogus=1"));
    assertEquals("invalid check option \"skip\"", invalid("skip"));
    assertTrue(invalid("error=yes").contains("strconv.ParseBool"));
  }

  @Test
  void theDirectiveKeepsOnlyItsFirstWord() {
    Dockerfile df = ParserTestSupport.parse("""
        # check=skip=JSONArgsRecommended // the shell is wanted
        FROM alpine
        CMD echo hi
        """);
    assertEquals(Set.of("JSONArgsRecommended"), df.checkOptions().orElseThrow().skip());
  }

  @Test
  void anInvalidDirectiveFailsTheBuild() {
    Dockerfile df = ParserTestSupport.parse("# check=skip=A;fail=true\nFROM alpine\n");
    assertEquals(List.of("failed to parse check options: invalid check option \"fail\""),
        df.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.PARSE_ERROR)
            .map(Diagnostic::message).toList());
    assertTrue(df.checkOptions().isEmpty());
  }

  @Test
  void commentsBeforeAnInstructionAreBuildkitsPrevComment() {
    Dockerfile df = ParserTestSupport.parse("""
        # check=skip=all
        # base is the first stage

        FROM alpine AS base
        # dropped
        #
        # VERSION the release
        ARG VERSION=1
        RUN echo a \\
          # inside the continuation: not attached to the next instruction
          && echo b
        COPY a b
        """);
    List<Instruction> all = df.instructions();
    assertEquals(List.of("base is the first stage"),
        df.commentsBefore(all.get(0)).stream().map(Comment::text).toList(),
        "the directive is not a comment; a blank line does not end the comments");
    assertEquals(List.of("VERSION the release"),
        df.commentsBefore(all.get(1)).stream().map(Comment::text).toList(),
        "an empty # line starts them again");
    assertEquals(List.of(), df.commentsBefore(all.get(3)));
  }

  @Test
  void aCheckCommentAppliesToItsInstructionAndTheFirstOneWins() {
    Dockerfile df = ParserTestSupport.parse("""
        FROM alpine
        # check=skip=SecretsUsedInArgOrEnv // allow secret in environment
        # check=skip=all
        ENV password=bar
        # check=skip=bogus;nope
        ENV token=x
        ENV secret=y
        """);
    List<Instruction> all = df.instructions();
    assertEquals(Set.of("SecretsUsedInArgOrEnv"), df.checkOptions(all.get(1)).orElseThrow().skip());
    CheckOptions invalid = df.checkOptions(all.get(2)).orElseThrow();
    assertTrue(invalid.skip().isEmpty() && !invalid.skipAll(), "BuildKit ignores bad options");
    assertTrue(df.checkOptions(all.get(3)).isEmpty());
  }

  @Test
  void blankLinesInContinuationsAreRecorded() {
    Dockerfile df = ParserTestSupport.parse("FROM alpine\nRUN a \\\n\n  \t\n  b\nRUN c \\\n# c\n d\n");
    assertEquals(List.of(3, 4), df.emptyContinuations().stream().map(Range::startLine).toList());
  }
}
