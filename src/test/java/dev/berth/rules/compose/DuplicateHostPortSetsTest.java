package dev.berth.rules.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.rules.Finding;
import dev.berth.rules.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BTH104 and what the repository's own commands say about which services run together. */
class DuplicateHostPortSetsTest {
  private static final String MENU = "services:\n"
      + "  apache2: {image: httpd, ports: ['80:80']}\n"
      + "  nginx: {image: nginx, ports: ['80:80']}\n";

  private static List<String> lines(List<Finding> f) {
    return f.stream().map(x -> x.range().file() + ":" + x.range().startLine()).toList();
  }

  @Test
  void servicesOfAMenuClashOnlyWhenACommandStartsBoth() {
    List<Finding> f = RuleTester.of(new DuplicateHostPort())
        .file("compose.yaml", MENU)
        .file("start.sh", "docker compose up -d \"$@\"\ndocker compose up -d nginx\n")
        .findings();
    assertEquals(List.of(), f);
    List<Finding> both = RuleTester.of(new DuplicateHostPort())
        .file("compose.yaml", MENU)
        .file("start.sh", "docker compose up -d --timeout 30 apache2 nginx\n")
        .findings();
    assertEquals(List.of("compose.yaml:3"), lines(both));
  }

  @Test
  void oneCommandStartingEverythingMakesEveryPairRunTogether() {
    List<Finding> f = RuleTester.of(new DuplicateHostPort())
        .file("compose.yaml", MENU)
        .file("start.sh", "docker compose up -d nginx\ndocker compose up --wait\n")
        .findings();
    assertEquals(List.of("compose.yaml:3"), lines(f));
  }

  @Test
  void withoutCommandsEveryPairRunsTogether() {
    assertEquals(List.of("compose.yaml:3"), lines(RuleTester.of(new DuplicateHostPort())
        .file("compose.yaml", MENU).findings()));
  }

  @Test
  void projectsTheScriptsNameDifferentlyDoNotRunSideBySide() {
    String a = "services:\n  a: {image: a, ports: ['5432:5432']}\n";
    String b = "services:\n  b: {image: b, ports: ['5432:5432']}\n";
    List<Finding> apart = RuleTester.of(new DuplicateHostPort())
        .file("ci/compose.a.yml", a).file("ci/compose.b.yml", b)
        .file("ci/run.sh", "COMPOSE_PROJECT_NAME=job-a docker compose -f compose.a.yml up -d\n"
            + "docker compose -p job-b -f compose.b.yml up -d\n")
        .findings();
    assertEquals(List.of(), apart);
    // A name the script computes is not the directory's either.
    List<Finding> computed = RuleTester.of(new DuplicateHostPort())
        .file("ci/compose.a.yml", a).file("ci/compose.b.yml", b)
        .file("ci/run.sh", "docker compose -p \"ci-$1\" -f compose.a.yml up -d\n"
            + "docker compose -f compose.b.yml up -d\n")
        .findings();
    assertEquals(List.of(), computed);
    // Run without a name, both take the directory's.
    List<Finding> together = RuleTester.of(new DuplicateHostPort())
        .file("ci/compose.a.yml", a).file("ci/compose.b.yml", b)
        .file("ci/run.sh", "docker compose -f compose.a.yml up -d\n"
            + "docker compose -f compose.b.yml up -d\n")
        .findings();
    assertEquals(List.of("ci/compose.b.yml:2"), lines(together));
  }
}
