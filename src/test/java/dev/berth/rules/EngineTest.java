package dev.berth.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.rules.dockerfile.DockerfileSyntaxError;
import dev.berth.rules.dockerfile.FinalUserRoot;
import dev.berth.rules.dockerfile.FromAsCasing;
import dev.berth.source.Range;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineTest {
  @Test
  void onlyTheParseErrorRuleJudgesAnUnparsableDockerfile() {
    // "FROM AS build" does not parse; without the guard BTH007 would talk about a base image "AS".
    String df = "FROM AS build\nRUN true\n";
    assertEquals(List.of(), RuleTester.of(new FinalUserRoot()).file("Dockerfile", df).findings());
    assertEquals(1, RuleTester.of(new DockerfileSyntaxError()).file("Dockerfile", df).findings().size());
  }

  /** One finding at the rule's severity, one graded down to a note. */
  @RuleMeta(id = "BTH953", summary = "Grades.", severity = Severity.WARNING,
      category = Category.BUG)
  static final class Grades implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {
      ctx.report(new Range("a", 1, 1, 1, 2), "full");
      ctx.report(new Range("b", 1, 1, 1, 2), "mild").severity(Severity.NOTE);
    }
  }

  @RuleMeta(id = "BTH954", summary = "Overreaches.", severity = Severity.NOTE,
      category = Category.BUG)
  static final class Overreaches implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {
      ctx.report(new Range("a", 1, 1, 1, 2), "loud").severity(Severity.ERROR);
    }
  }

  private static Analysis run(Rule rule, Map<String, Severity> levels) throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = Files.createDirectories(fs.getPath("/p"));
      BerthConfig config = new BerthConfig(Set.of(), Set.of(), levels,
          Optional.of(Severity.WARNING), List.of(), List.of(), List.of());
      return new Engine(List.of(rule)).run(ProjectLoader.load(root, List.of(), config));
    }
  }

  @Test
  void findingsKeepTheirGradeUnlessTheConfigurationSetsTheRulesLevel() throws IOException {
    assertEquals(List.of(Severity.WARNING, Severity.NOTE),
        run(new Grades(), Map.of()).findings().stream().map(Finding::severity).toList());
    assertEquals(List.of(Severity.ERROR, Severity.ERROR),
        run(new Grades(), Map.of("BTH953", Severity.ERROR)).findings().stream()
            .map(Finding::severity).toList());
  }

  @Test
  void aFindingCannotBeGradedAboveItsRule() throws IOException {
    Analysis a = run(new Overreaches(), Map.of());
    assertEquals(List.of(), a.findings());
    assertTrue(a.diagnostics().get(0).message().contains("BTH954 cannot report above NOTE"),
        a.diagnostics().toString());
  }

  /** An opt-in rule: silent unless the configuration names it. */
  @RuleMeta(id = "BTH955", summary = "Opt in.", severity = Severity.NOTE,
      category = Category.STYLE, enabledByDefault = false)
  static final class OptIn implements ProjectRule {
    @Override
    public void check(Project project, RuleContext ctx) {
      ctx.report(new Range("a", 1, 1, 1, 2), "pinned?");
    }
  }

  private static Analysis run(Rule rule, BerthConfig config) throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = Files.createDirectories(fs.getPath("/p"));
      return new Engine(List.of(rule)).run(ProjectLoader.load(root, List.of(), config));
    }
  }

  private static List<String> levels(String dockerfile, BerthConfig config) throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = Files.createDirectories(fs.getPath("/p"));
      Files.writeString(root.resolve("Dockerfile"), dockerfile);
      return new Engine(List.of(new FromAsCasing(), new FinalUserRoot()))
          .run(ProjectLoader.load(root, List.of(), config)).active().stream()
          .map(f -> f.rule().id() + "=" + f.severity().sarifLevel()).sorted().toList();
    }
  }

  @Test
  void anOptInRuleRunsOnlyWhenTheConfigurationNamesIt() throws IOException {
    assertEquals(List.of(), run(new OptIn(), BerthConfig.defaults()).findings());
    assertEquals(List.of(), run(new OptIn(), BerthConfig.defaults()).rules());
    BerthConfig on = new BerthConfig(Set.of(), Set.of(), Map.of(), Optional.of(Severity.WARNING),
        List.of(), List.of(), List.of(), Map.of(), Set.of("BTH955"));
    assertEquals(1, run(new OptIn(), on).findings().size());
    // a severity for it turns it on too, at that severity
    Analysis warned = run(new OptIn(), Map.of("BTH955", Severity.WARNING));
    assertEquals(List.of(Severity.WARNING), warned.findings().stream().map(Finding::severity).toList());
    // the allow-list names it
    BerthConfig listed = new BerthConfig(Set.of("BTH955"), Set.of(), Map.of(),
        Optional.of(Severity.WARNING), List.of(), List.of(), List.of());
    assertEquals(1, run(new OptIn(), listed).findings().size());
    // off wins
    BerthConfig off = new BerthConfig(Set.of(), Set.of("BTH955"), Map.of(),
        Optional.of(Severity.WARNING), List.of(), List.of(), List.of(), Map.of(), Set.of("BTH955"));
    assertEquals(List.of(), run(new OptIn(), off).findings());
  }

  @Test
  void checkErrorTrueMakesBuildkitChecksErrorsBelowTheBerthConfiguration() throws IOException {
    String plain = "FROM alpine:3.20 as base\nCMD [\"my-server\"]\n";
    String failing = "# check=error=true\n" + plain;
    assertEquals(List.of("BTH005=note", "BTH007=warning"),
        levels(plain, BerthConfig.defaults()));
    assertEquals(List.of("BTH005=error", "BTH007=warning"),
        levels(failing, BerthConfig.defaults()), "BTH007 stands for no BuildKit check");
    BerthConfig berth = new BerthConfig(Set.of(), Set.of(), Map.of("BTH005", Severity.NOTE),
        Optional.of(Severity.WARNING), List.of(), List.of(), List.of());
    assertEquals(List.of("BTH005=note", "BTH007=warning"), levels(failing, berth));
    BerthConfig imported = BerthConfig.defaults().withImported(new dev.berth.config.ImportedConfig(
        Optional.of(".hadolint.yaml"), Map.of(), Map.of("BTH007", Severity.NOTE), Optional.empty(),
        true, List.of(), List.of()), List.of());
    assertEquals(List.of("BTH005=error", "BTH007=note"), levels(failing, imported));
  }
}
