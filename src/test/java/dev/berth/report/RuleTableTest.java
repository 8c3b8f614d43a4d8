package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.rules.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleTableTest {
  @Test
  void rendersOneRowPerRuleLinkingPagesThatExist() {
    String table = RuleTable.render(List.of(Fakes.DUP, Fakes.SECRET),
        id -> id.equals("BTH901") ? RulePage.parse("# BTH901: duplicate-stage\n") : Optional.empty());
    assertEquals("""
        | Rule | Name | Severity | Category | What it finds | Aliases |
        |---|---|---|---|---|---|
        | [BTH901](rules/BTH901.md) | `duplicate-stage` | error | bug | A stage name is declared \
        twice. | DL3024 |
        | BTH902 | `secret-in-arg` | warning | security | A secret is passed as a build \
        argument. |  |
        """, table);
  }

  @Test
  void embeddedTableIsBetweenTheMarkers() {
    assertEquals(Optional.of("| a |\n"),
        RuleTable.embedded("x\n<!-- rules:start -->\n| a |\n<!-- rules:end -->\ny"));
    assertEquals(Optional.empty(), RuleTable.embedded("no markers"));
    assertEquals(Optional.of("x\n<!-- rules:start -->\n| b |\n<!-- rules:end -->\ny"),
        RuleTable.replaceEmbedded("x\n<!-- rules:start -->\n| a |\n<!-- rules:end -->\ny",
            "| b |\n"));
  }

  /** The README's table is generated; when it is stale, paste the expected text between markers. */
  @Test
  void readmeTableIsUpToDate() throws Exception {
    Path readme = Path.of("README.md");
    assumeTrue(Files.isRegularFile(readme), "no README.md");
    Optional<String> embedded = RuleTable.embedded(Files.readString(readme));
    assumeTrue(embedded.isPresent(), "README.md has no rules markers");
    assertEquals(RuleTable.render(Registry.infos()), embedded.get(),
        "README.md rule table is stale: regenerate it with "
            + "./mvnw -q package -DskipTests && java -cp target/berth.jar "
            + "dev.berth.report.RuleTable README.md");
  }
}
