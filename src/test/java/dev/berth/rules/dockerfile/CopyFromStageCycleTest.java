package dev.berth.rules.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.rules.Finding;
import dev.berth.rules.Related;
import dev.berth.rules.RuleTester;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyFromStageCycleTest {
  private static List<String> related(Finding f) {
    return f.related().stream().map(Related::message).toList();
  }

  @Test
  void aThreeStageCycleIsReportedAtEachCopyWithTheStagesOfTheCycle() {
    List<Finding> f = RuleTester.of(new CopyFromStageCycle()).file("Dockerfile", """
        FROM alpine AS a
        COPY --from=c /x /x
        FROM alpine AS b
        COPY --from=a /x /x
        FROM b AS c
        RUN true
        """).findings();
    assertEquals(2, f.size());
    assertEquals(2, f.get(0).range().startLine());
    assertEquals(List.of("stage 'c' is part of the cycle", "stage 'b' is part of the cycle",
        "stage 'a' is part of the cycle"), related(f.get(0)));
    assertEquals(4, f.get(1).range().startLine());
    assertEquals(List.of("stage 'a' is part of the cycle", "stage 'c' is part of the cycle",
        "stage 'b' is part of the cycle"), related(f.get(1)));
  }

  /** Reproducer 08 of issue 20: a 10,000-stage cycle overflowed the stack of a recursive walk. */
  @Test
  void aCycleOfTenThousandStagesIsLinearAndListsTenOfThem() {
    StringBuilder df = new StringBuilder();
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      df.append("FROM alpine AS s").append(i).append("\nCOPY --from=s").append((i + 1) % n)
          .append(" /x /x\n");
    }
    List<Finding> f = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> RuleTester.of(new CopyFromStageCycle()).file("Dockerfile", df.toString()).findings());
    assertEquals(n, f.size());
    assertEquals(CopyFromStageCycle.MAX_RELATED, f.get(0).related().size());
    assertEquals("stage 's10' is part of the cycle (and 9990 more stages)",
        related(f.get(0)).get(CopyFromStageCycle.MAX_RELATED - 1));
  }

  /** Reproducer 07: a chain of copies without a cycle was cubic. */
  @Test
  void aLongChainWithoutACycleIsQuiet() {
    StringBuilder df = new StringBuilder("FROM alpine AS s0\nRUN touch /f0\n");
    for (int i = 1; i < 10_000; i++) {
      df.append("FROM alpine AS s").append(i).append("\nCOPY --from=s").append(i - 1)
          .append(" /f /f\n");
    }
    assertEquals(List.of(), assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> RuleTester.of(new CopyFromStageCycle()).file("Dockerfile", df.toString())
            .findings()));
  }
}
