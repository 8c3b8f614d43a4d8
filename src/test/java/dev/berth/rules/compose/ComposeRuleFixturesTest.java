package dev.berth.rules.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeLoadResult;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeOptions;
import dev.berth.compose.ComposeProjects;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.rules.Analysis;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the compose rules over every {@code test-fixtures/compose-*} directory: each
 * {@code # expect: BTH1nn} must be matched by a finding on the next non-comment line, each
 * {@code # ok: BTH1nn} line must stay silent, and no other compose finding may appear.
 */
public class ComposeRuleFixturesTest {
  public static final List<Rule> RULES = List.of(new ComposeSchemaViolation(),
      new UnknownServiceReference(), new HealthyConditionWithoutHealthcheck(),
      new DuplicateHostPort(), new UndefinedResourceReference(), new UnusedTopLevelDefinition(),
      new UnsetInterpolationVariable(), new ObsoleteVersionKey(),
      new ContainerNameWithReplicas(), new TmpfsExceedsMemoryLimit());

  private static final Pattern ANNOTATION =
      Pattern.compile("^\\s*#\\s*(expect|ok):\\s*(BTH1\\d\\d)\\b");

  @TestFactory
  Stream<DynamicTest> fixtures() throws IOException {
    Path dir = Path.of("test-fixtures");
    List<Path> cases;
    try (Stream<Path> s = Files.list(dir)) {
      cases = s.filter(p -> p.getFileName().toString().startsWith("compose-")).sorted().toList();
    }
    assertFalse(cases.isEmpty());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
        () -> run(c)));
  }

  static Analysis analyse(Path root) throws IOException {
    List<String> compose = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile)
          .filter(p -> ComposeProjects.isComposeFileName(p.getFileName().toString()))
          .forEach(p -> compose.add(root.relativize(p).toString().replace('\\', '/')));
    }
    compose.sort(null);
    ComposeLoadResult r = ComposeLoader.load(root, compose, ComposeOptions.defaults());
    assertEquals(List.of(), r.diagnostics(), "fixtures load cleanly");
    Project project = Project.builder(root, BerthConfig.defaults())
        .composeProjects(r.projects()).sources(r.sourcesRead()).build();
    return new Engine(RULES).run(project);
  }

  private static void run(Path root) throws IOException {
    Set<String> expected = new TreeSet<>();
    Set<String> ok = new TreeSet<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = ANNOTATION.matcher(lines.get(i));
          if (!m.find()) continue;
          int target = i + 1;
          while (target < lines.size() && (lines.get(target).isBlank()
              || lines.get(target).trim().startsWith("#"))) {
            target++;
          }
          String key = m.group(2) + " " + rel + ":" + (target + 1);
          (m.group(1).equals("expect") ? expected : ok).add(key);
        }
      }
    }
    assertTrue(!expected.isEmpty() || !ok.isEmpty(), "fixture has no annotations");
    Set<String> actual = new TreeSet<>();
    StringBuilder all = new StringBuilder();
    for (Finding f : analyse(root).active()) {
      actual.add(f.rule().id() + " " + f.range().file() + ":" + f.range().startLine());
      all.append("\n  ").append(f.rule().id()).append(' ').append(f.range()).append(' ')
          .append(f.message());
    }
    for (String k : ok) assertFalse(actual.contains(k), "near-miss fired: " + k + all);
    assertEquals(expected, actual, "findings:" + all);
  }
}
