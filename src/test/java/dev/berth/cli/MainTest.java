package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.ProjectRule;
import dev.berth.rules.Rule;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  /** Reports one warning on Dockerfile:1, whatever the project holds. */
  @RuleMeta(id = "BTH951", summary = "Always fires.", severity = Severity.WARNING,
      category = Category.STYLE)
  static final class AlwaysFires implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {
      ctx.report(new Range("Dockerfile", 1, 1, 1, 5), "always");
    }
  }

  @RuleMeta(id = "BTH952", summary = "Throws.", severity = Severity.ERROR, category = Category.BUG)
  static final class Throws implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {
      throw new IllegalStateException("boom");
    }
  }

  /** No @RuleMeta: the engine cannot even describe it, an internal error outside any rule. */
  static final class Broken implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {}
  }

  @TempDir Path dir;
  private String out;
  private String err;

  @BeforeEach
  void project() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\n");
  }

  private int run(List<Rule> rules, Path cwd, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), Map.of(), cwd, false, rules);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    assertFalse(err.contains("\tat "), "stack trace on stderr:\n" + err);
    return code;
  }

  private int run(List<Rule> rules, String... args) {
    return run(rules, dir, args);
  }

  @Test
  void cleanRunExitsZeroWithSummary() {
    assertEquals(0, run(List.of()));
    assertEquals("0 findings in 1 file linted\n", out);
    assertEquals("", err);
  }

  @Test
  void findingAtTheFailLevelExitsOne() {
    assertEquals(1, run(List.of(new AlwaysFires())));
    assertEquals("Dockerfile:1:1: warning BTH951 always [always-fires]\n"
        + "1 finding (0 errors, 1 warning, 0 notes) in 1 of 1 file linted\n", out);
    assertEquals(0, run(List.of(new AlwaysFires()), "--fail-level", "error", "-q"));
    assertEquals("Dockerfile:1:1: warning BTH951 always [always-fires]\n", out);
    assertEquals(0, run(List.of(new AlwaysFires()), "--fail-level=none"));
  }

  @Test
  void configFailLevelAppliesAndTheCommandLineOverridesIt() throws Exception {
    Files.writeString(dir.resolve(".berth.yaml"), "fail-level: error\n");
    assertEquals(0, run(List.of(new AlwaysFires())));
    assertEquals(1, run(List.of(new AlwaysFires()), "--fail-level", "WARNING"));
    Files.writeString(dir.resolve(".berth.yaml"), "rules: {BTH951: error}\n");
    assertEquals(1, run(List.of(new AlwaysFires()), "-q"));
    assertEquals("Dockerfile:1:1: error BTH951 always [always-fires]\n", out);
    Files.writeString(dir.resolve(".berth.yaml"), "disable: [BTH951]\n");
    assertEquals(0, run(List.of(new AlwaysFires()), "-q"));
    assertEquals("", out);
  }

  @Test
  void sarifToAFile() throws Exception {
    assertEquals(2, run(List.of(new AlwaysFires()), "--format", "sarif", "--output",
        "out/berth.sarif"));
    assertEquals("berth: --output out/berth.sarif: directory " + dir.resolve("out")
        + " does not exist\n", err);
    assertFalse(Files.exists(dir.resolve("out")));
    Files.createDirectories(dir.resolve("out"));
    assertEquals(1, run(List.of(new AlwaysFires()), "--format", "sarif", "--output",
        "out/berth.sarif"));
    assertEquals("", out);
    assertEquals("", err);
    JsonNode log = new ObjectMapper().readTree(dir.resolve("out/berth.sarif").toFile());
    JsonNode result = log.get("runs").get(0).get("results").get(0);
    assertEquals("BTH951", result.get("ruleId").asText());
    assertEquals("Dockerfile", result.get("locations").get(0).get("physicalLocation")
        .get("artifactLocation").get("uri").asText());
  }

  @Test
  void jsonToStandardOutput() throws Exception {
    assertEquals(0, run(List.of(), "--format", "json"));
    JsonNode doc = new ObjectMapper().readTree(out);
    assertEquals(1, doc.get("version").asInt());
    assertEquals(0, doc.get("findings").size());
  }

  @Test
  void badConfigExitsTwoWithPositions() throws Exception {
    Files.writeString(dir.resolve(".berth.yaml"), "rules:\n  BTH404: off\nfailLevel: none\n");
    assertEquals(2, run(List.of(new AlwaysFires())));
    assertEquals("", out);
    assertEquals(".berth.yaml:2:3: error: unknown rule id \"BTH404\"\n"
        + ".berth.yaml:3:1: error: unknown key \"failLevel\" (expected one of: rules, enable, "
        + "disable, fail-level, ignore, trusted-registries, compose, contexts, "
        + "compose-alternatives, style-per-file)\n", err);
    assertEquals(2, run(List.of(), "--config", "missing.yaml"));
    assertEquals("berth: --config missing.yaml: no such file\n", err);
  }

  @Test
  void explicitConfigFileIsUsed() throws Exception {
    Files.writeString(dir.resolve("ci.yaml"), "fail-level: none\n");
    assertEquals(0, run(List.of(new AlwaysFires()), "--config", "ci.yaml"));
  }

  @Test
  void ymlSpellingIsFoundWhenYamlIsAbsent() throws Exception {
    Files.writeString(dir.resolve(".berth.yml"), "fail-level: bad\n");
    assertEquals(2, run(List.of()));
    assertEquals(".berth.yml:1:13: error: unknown fail-level \"bad\" (expected error, warning, "
        + "note or none)\n", err);
  }

  @Test
  void rootGivenFromOutsideItLintsTheWholeRoot() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path project = Files.createDirectories(dir.resolve("project"));
    assertEquals(1, run(List.of(new AlwaysFires()), elsewhere, "--root", project.toString(), "-q"));
    assertEquals("Dockerfile:1:1: warning BTH951 always [always-fires]\n", out);
  }

  @Test
  void ruleFailureIsADiagnosticExitTwoAndTheRestIsReported() {
    assertEquals(2, run(List.of(new AlwaysFires(), new Throws())));
    assertTrue(out.startsWith("Dockerfile:1:1: warning BTH951 always"), out);
    assertTrue(err.startsWith("berth: internal error: rule BTH952 failed: "
        + "java.lang.IllegalStateException: boom"), err);
    assertEquals(1, err.lines().count());
  }

  @Test
  void internalErrorExitsThreeWithOneLine() {
    assertEquals(3, run(List.of(new Broken())));
    assertEquals("berth: internal error: java.lang.IllegalStateException: "
        + Broken.class.getName() + " lacks @RuleMeta\n", err);
  }

  @Test
  void usageErrorsExitTwoWithUsageOnStderr() {
    assertEquals(2, run(List.of(), "--bogus"));
    assertTrue(err.startsWith("berth: Unknown option: '--bogus'\nUsage: berth "), err);
    assertEquals("", out);
    assertEquals(2, run(List.of(), "--format", "xml"));
    assertTrue(err.startsWith("berth: --format must be one of text, sarif, json, github, gitlab, "
        + "checkstyle, junit, sonarqube, not \"xml\"\n"), err);
    assertEquals(2, run(List.of(), "--fail-level", "fatal"));
    assertEquals(2, run(List.of(), "nope/"));
    assertEquals("berth: nope/: no such file or directory\n", err);
    assertEquals(2, run(List.of(), "--root", "Dockerfile"));
    assertEquals("berth: --root Dockerfile: not a directory\n", err);
  }

  @Test
  void pathsOutsideTheRootAreRejected() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    assertEquals(2, run(List.of(), sub, "--root", ".", ".."));
    assertEquals("berth: ..: outside the project root " + sub + "\n", err);
  }

  @Test
  void rootIsTheGitWorkTreeAndPathsAreShownFromTheWorkingDirectory() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("app"));
    assertEquals(1, run(List.of(new AlwaysFires()), sub, "-q"));
    // The finding is outside the working directory, so it is shown root-relative.
    assertEquals("Dockerfile:1:1: warning BTH951 always [always-fires]\n", out);
    assertEquals(dir, RootFinder.find(sub));
    Files.delete(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git"), "gitdir: /elsewhere\n");
    assertEquals(dir, RootFinder.find(sub));
  }

  @Test
  void versionHelpAndRules() {
    assertEquals(0, run(List.of(), "--version"));
    assertTrue(out.matches("berth \\d+\\.\\d+\\.\\d+.*\n"), out);
    assertEquals(0, run(List.of(), "--help"));
    assertTrue(out.startsWith("Usage: berth [-hqvV]"), out);
    assertTrue(out.contains("--fail-level=LEVEL"), out);
    assertEquals(0, run(List.of(new AlwaysFires(), new Throws()), "--list-rules"));
    assertEquals("""
        ID      NAME          SEVERITY  CATEGORY  SUMMARY
        BTH951  always-fires  warning   style     Always fires.
        BTH952  throws        error     bug       Throws.
        """, out);
  }

  @Test
  void explainPrintsThePageOrAStandIn() {
    assertEquals(0, run(List.of(new AlwaysFires()), "--explain", "bth951"));
    assertEquals("""
        BTH951: always-fires

        Always fires.

        Severity: warning, category: style
        More: https://github.com/berth-lint/berth/blob/main/rules/BTH951.md
        """, out);
    assertEquals(2, run(List.of(), "--explain", "BTH999"));
    assertEquals("berth: unknown rule \"BTH999\" (see --list-rules)\n", err);
  }

  @RuleMeta(id = "BTH955", summary = "Cmd twice.", severity = Severity.NOTE,
      category = Category.STYLE, aliases = {"DL4003", "MultipleInstructionsDisallowed"})
  static final class CmdTwice implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {
      ctx.report(new Range("Dockerfile", 1, 1, 1, 5), "twice");
    }
  }

  @RuleMeta(id = "BTH956", summary = "Also DL4003.", severity = Severity.NOTE,
      category = Category.STYLE, aliases = {"DL4003x", "dl4003"})
  static final class AlsoDl4003 implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {}
  }

  @Test
  void explainResolvesHadolintAndBuildkitIds() {
    assertEquals(0, run(List.of(new CmdTwice()), "--explain", "MultipleInstructionsDisallowed"));
    assertTrue(out.startsWith("BTH955: cmd-twice\n"), out);
    assertEquals(0, run(List.of(new CmdTwice()), "--explain", "dl4003"));
    assertTrue(out.startsWith("BTH955: cmd-twice\n"), out);
    assertEquals(0, run(List.of(new CmdTwice(), new AlsoDl4003()), "--explain", "DL4003"));
    assertEquals("""
        DL4003 is covered by 2 berth rules:
          BTH955  cmd-twice: Cmd twice.
          BTH956  also-dl4003: Also DL4003.
        See berth --explain BTH955 and the others.
        """, out);
    assertEquals(2, run(List.of(new CmdTwice()), "--explain", "multipleinstructionsdisallowedx"));
  }

  /** Six style notes on Dockerfile lines 1-6. */
  @RuleMeta(id = "BTH957", summary = "Noisy.", severity = Severity.NOTE,
      category = Category.STYLE)
  static final class Noisy implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {
      for (int l = 1; l <= 6; l++) ctx.report(new Range("Dockerfile", l, 1, l, 2), "n" + l);
    }
  }

  @Test
  void textHoldsStyleBackUnlessAllOrTheConfigurationSaysOtherwise() throws Exception {
    assertEquals(0, run(List.of(new Noisy())));
    assertEquals(5, out.lines().filter(l -> l.contains(" BTH957 ")).count(), out);
    assertTrue(out.contains("Dockerfile: note: 1 more style finding in this file not shown"
        + " (--all shows them)\n"), out);
    assertTrue(out.endsWith("6 findings (0 errors, 0 warnings, 6 notes) in 1 of 1 file linted, "
        + "1 style finding not shown (--all shows them)\n"), out);
    assertEquals(0, run(List.of(new Noisy()), "--all"));
    assertEquals(6, out.lines().filter(l -> l.contains(" BTH957 ")).count(), out);
    assertEquals(0, run(List.of(new Noisy()), "--format", "json"));
    assertEquals(6, new ObjectMapper().readTree(out).get("findings").size());
    Files.writeString(dir.resolve(".berth.yaml"), "style-per-file: 2\n");
    assertEquals(0, run(List.of(new Noisy()), "-q"));
    assertEquals(3, out.lines().count(), out);
    Files.writeString(dir.resolve(".berth.yaml"), "style-per-file: all\n");
    assertEquals(0, run(List.of(new Noisy()), "-q"));
    assertEquals(6, out.lines().count(), out);
    Files.writeString(dir.resolve(".berth.yaml"), "style-per-file: -1\n");
    assertEquals(2, run(List.of(new Noisy())));
    assertTrue(err.contains("\"style-per-file\" must be a number (0 or more) or all"), err);
  }

  @Test
  void hadolintConfigurationIsReadBelowBerths() throws Exception {
    Files.writeString(dir.resolve(".hadolint.yaml"), "override: {warning: [DL4003]}\n"
        + "failure-threshold: error\n");
    assertEquals(0, run(List.of(new CmdTwice()), "-q"), "BTH955 stands for DL4003");
    assertEquals("Dockerfile:1:1: warning BTH955 twice [cmd-twice]\n", out);
    assertEquals(1, run(List.of(new CmdTwice(), new AlwaysFires()), "-q"),
        "BTH951 has no hadolint alias: berth's fail level");
    Files.writeString(dir.resolve(".hadolint.yaml"), "override: {warning: [DL4003]}\n"
        + "failure-threshold: warning\n");
    assertEquals(1, run(List.of(new CmdTwice()), "-q"));
    assertEquals("Dockerfile:1:1: warning BTH955 twice [cmd-twice]\n", out);
    assertEquals(0, run(List.of(new CmdTwice()), "-q", "--fail-level", "error"));
    Files.writeString(dir.resolve(".hadolint.yaml"), "ignored: [DL4003]\n");
    assertEquals(0, run(List.of(new CmdTwice())));
    assertTrue(out.endsWith("0 findings in 1 file linted, 1 suppressed\n"), out);
    Files.writeString(dir.resolve(".hadolint.yaml"), "ignored: DL4003\n");
    assertEquals(2, run(List.of(new CmdTwice()), "-q"));
    assertTrue(err.contains(".hadolint.yaml:1:10: error: hadolint \"ignored\" must be a list"), err);
  }

  @Test
  void colourFollowsTheFlagThenNoColorThenTheTerminal() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream devNull = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Main.run(new String[] {"-q"}, ps, devNull, Map.of(), dir, true, List.of(new AlwaysFires()));
    assertTrue(o.toString(StandardCharsets.UTF_8).contains("\u001b["));
    o.reset();
    Main.run(new String[] {"-q"}, ps, devNull, Map.of("NO_COLOR", "1"), dir, true,
        List.of(new AlwaysFires()));
    assertFalse(o.toString(StandardCharsets.UTF_8).contains("\u001b["));
    o.reset();
    Main.run(new String[] {"-q", "--color"}, ps, devNull, Map.of("NO_COLOR", "1"), dir, false,
        List.of(new AlwaysFires()));
    assertTrue(o.toString(StandardCharsets.UTF_8).contains("\u001b["));
    o.reset();
    Main.run(new String[] {"-q", "--no-color"}, ps, devNull, Map.of(), dir, true,
        List.of(new AlwaysFires()));
    assertFalse(o.toString(StandardCharsets.UTF_8).contains("\u001b["));
  }
}
