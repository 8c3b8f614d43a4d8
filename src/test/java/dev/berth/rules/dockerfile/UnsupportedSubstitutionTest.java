package dev.berth.rules.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.rules.Finding;
import dev.berth.rules.RuleTester;
import dev.berth.source.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsupportedSubstitutionTest {

  private static List<Finding> run(String dockerfile) {
    return RuleTester.of(new UnsupportedSubstitution()).file("Dockerfile", dockerfile).findings();
  }

  @Test
  void pointsAtTheSubstitution() {
    List<Finding> f = run("FROM alpine\nARG templateOption\nENV A=${templateOption:x}\n");
    assertEquals(1, f.size());
    assertEquals(new Range("Dockerfile", 3, 7, 3, 26), f.get(0).range());
    assertEquals("BuildKit cannot expand `${templateOption:x}` in ENV: unsupported modifier (:x) in"
        + " substitution (BuildKit supports only :- - :+ + :? ? # ## % %% / //), so the build fails",
        f.get(0).message());
  }

  @Test
  void flagsAndFromLinesToo() {
    List<Finding> f = run("ARG V=1\nFROM --platform=${P,,} alpine:${V:1}\n"
        + "COPY --chmod=${M^} a /a\n");
    assertEquals(List.of(new Range("Dockerfile", 2, 17, 2, 23), new Range("Dockerfile", 2, 31, 2, 37),
        new Range("Dockerfile", 3, 14, 3, 19)), f.stream().map(Finding::range).sorted().toList());
  }

  @Test
  void aWordAcrossAContinuationIsReportedWhole() {
    List<Finding> f = run("FROM alpine\nENV A=x\\\n${B^}\n");
    assertEquals(1, f.size());
    assertEquals(2, f.get(0).range().startLine());
    assertEquals(3, f.get(0).range().endLine());
  }

  @Test
  void shellCommandsAndSupportedFormsAreLeftAlone() {
    assertEquals(List.of(), run("FROM alpine\nRUN echo ${A^^}\nCMD echo ${A:0:1}\n"
        + "ENV B=${A:-x} C=${A#*/} D=${A//a/b}\nUSER ${U:?set U}\n"));
  }
}
