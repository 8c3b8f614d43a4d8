package dev.berth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.rules.Category;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleInfo;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import dev.berth.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** hadolint's configuration schema (hadolint README and Config/Configuration.hs), read by berth. */
class HadolintConfigTest {
  private static final RuleInfo SHELL_FORM = rule("BTH006", "DL3025", "JSONArgsRecommended");
  private static final RuleInfo WORKDIR = rule("BTH016", "WorkdirRelativePath", "DL3000");
  private static final RuleInfo MULTIPLE = rule("BTH018", "DL4003", "DL4004", "DL3012");
  private static final RuleInfo ROOT = rule("BTH007", "DL3002");
  private static final List<RuleInfo> RULES = List.of(SHELL_FORM, WORKDIR, MULTIPLE, ROOT);

  private static RuleInfo rule(String id, String... aliases) {
    return new RuleInfo(id, "r-" + id, "s", Severity.WARNING, Category.STYLE, Precision.HIGH,
        List.of(aliases));
  }

  private static BerthConfig read(String yaml, BerthConfig berth, boolean failLevelFixed) {
    return HadolintConfig.parse(new SourceFile(".hadolint.yaml", yaml), berth, failLevelFixed,
        RULES);
  }

  @Test
  void ignoredOverrideThresholdAndRegistriesMapThroughAliases() {
    BerthConfig c = read("""
        ignored: [DL3025, DL3008]
        override:
          error: [DL4004]
          info: [DL3000, DL3012]
          style: [DL3002]
        failure-threshold: error
        trustedRegistries: docker.io
        format: json
        """, BerthConfig.defaults(), false);
    ImportedConfig i = c.imported();
    assertEquals(Optional.of(".hadolint.yaml"), i.file());
    assertEquals(Set.of("BTH006"), i.ignored().keySet());
    assertEquals(1, i.ignored().get("BTH006").startLine());
    assertEquals(11, i.ignored().get("BTH006").startColumn());
    assertEquals(Map.of("BTH018", Severity.ERROR, "BTH016", Severity.NOTE, "BTH007",
        Severity.NOTE), i.severities(), "the most severe level of a rule's aliases wins");
    assertEquals(Optional.of(Optional.of(Severity.ERROR)), i.failLevel());
    assertEquals(Optional.of(Severity.ERROR), c.failLevel(ROOT));
    assertEquals(Optional.of(Severity.WARNING),
        c.failLevel(rule("BTH104", "dclint no-duplicate-exported-ports")),
        "the threshold is hadolint's, for rules standing for hadolint checks");
    assertEquals(List.of("docker.io"), c.trustedRegistries());
    assertTrue(i.notes().contains("DL3008: no berth rule stands for it, not applied"), i.notes()
        .toString());
    assertTrue(i.notes().stream().anyMatch(n -> n.startsWith("format: not applied")));
    assertTrue(i.problems().isEmpty());
    assertTrue(i.honourHadolintPragmas());
  }

  @Test
  void berthConfigurationWins() {
    BerthConfig berth = new BerthConfig(Set.of(), Set.of(), Map.of("BTH006", Severity.WARNING),
        Optional.of(Severity.NOTE), List.of(), List.of("ghcr.io/acme"), List.of());
    BerthConfig c = read("""
        ignored: [DL3025]
        override: {error: [DL3025]}
        failure-threshold: none
        trustedRegistries: [docker.io]
        disable-ignore-pragma: true
        """, berth, true);
    assertEquals(Map.of(), c.imported().ignored());
    assertEquals(Map.of(), c.imported().severities());
    assertEquals(Optional.empty(), c.imported().failLevel());
    assertEquals(Optional.of(Severity.NOTE), c.failLevel(SHELL_FORM));
    assertEquals(List.of("ghcr.io/acme"), c.trustedRegistries());
    assertTrue(!c.imported().honourHadolintPragmas());
    assertEquals(Optional.empty(), c.withFailLevel(Optional.empty()).failLevel(ROOT));
  }

  @Test
  void aThresholdOfNoneNeverFailsAndTheCommandLineReplacesIt() {
    BerthConfig c = read("failure-threshold: ignore\n", BerthConfig.defaults(), false);
    assertEquals(Optional.empty(), c.failLevel(ROOT));
    assertEquals(Optional.of(Severity.WARNING),
        c.withFailLevel(Optional.of(Severity.WARNING)).failLevel(ROOT));
  }

  @Test
  void fileBerthCannotReadIsADiagnosticNotACrash() {
    for (String yaml : List.of("ignored: DL3000\n", "- a\n", "override: [x]\n",
        "failure-threshold: loud\n", "ignored: [\n",
        "ignored: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n")) {
      List<Diagnostic> p = read(yaml, BerthConfig.defaults(), false).imported().problems();
      assertEquals(1, p.size(), yaml + " → " + p);
      assertEquals(Diagnostic.Kind.CONFIG, p.get(0).kind());
    }
    assertEquals(List.of(), read("", BerthConfig.defaults(), false).imported().problems());
  }
}
