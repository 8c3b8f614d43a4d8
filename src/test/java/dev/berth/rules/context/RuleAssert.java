package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.project.Project;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Rule;
import java.util.List;

/** Runs one rule through the engine and lists findings as "ID file:line". */
final class RuleAssert {
  private RuleAssert() {}

  static List<Finding> run(Rule rule, Project project) {
    var analysis = new Engine(List.of(rule)).run(project);
    assertEquals(List.of(), analysis.diagnostics(), "rule must not fail");
    return analysis.findings();
  }

  static List<String> locations(Rule rule, Project project) {
    return run(rule, project).stream()
        .map(f -> f.rule().id() + " " + f.range().file() + ":" + f.range().startLine())
        .toList();
  }
}
