package dev.berth.rules.nonroot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.config.BerthConfig;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.image.TestDockerfiles;
import dev.berth.project.Project;
import dev.berth.rules.Engine;
import dev.berth.rules.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the non-root rules over the Dockerfiles of each {@code test-fixtures/nonroot-*} scenario
 * and checks the {@code # expect:} / {@code # ok:} annotations, strictly both ways. Stands in
 * for the project-wide fixture harness until the Dockerfile parser and registry entries land.
 */
class NonRootFixturesTest {
  private static final Pattern ANNOTATION = Pattern.compile("^\\s*#\\s*(expect|ok):\\s*(BTH\\d{3})");

  static Stream<Path> scenarios() throws IOException {
    return Files.list(Path.of("test-fixtures"))
        .filter(p -> p.getFileName().toString().startsWith("nonroot-")).sorted();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void annotationsHold(Path scenario) throws IOException {
    List<Path> dockerfiles;
    try (Stream<Path> walk = Files.walk(scenario)) {
      dockerfiles = walk.filter(p -> p.getFileName().toString().startsWith("Dockerfile")).sorted().toList();
    }
    List<Dockerfile> parsed = new ArrayList<>();
    TreeSet<String> expected = new TreeSet<>();
    TreeSet<String> forbidden = new TreeSet<>();
    for (Path p : dockerfiles) {
      String rel = scenario.relativize(p).toString().replace('\\', '/');
      List<String> lines = Files.readAllLines(p);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ANNOTATION.matcher(lines.get(i));
        if (!m.find()) continue;
        int target = i + 1;
        while (target < lines.size() && lines.get(target).trim().startsWith("#")) target++;
        String key = m.group(2) + " " + rel + ":" + (target + 1);
        (m.group(1).equals("expect") ? expected : forbidden).add(key);
      }
      parsed.add(TestDockerfiles.parse(rel, Files.readString(p)));
    }
    Project project = Project.builder(scenario, BerthConfig.defaults()).dockerfiles(parsed).build();
    List<Rule> rules = NonRootRulePagesTest.rules().toList();
    TreeSet<String> actual = new TreeSet<>();
    new Engine(rules).run(project).findings().forEach(f ->
        actual.add(f.rule().id() + " " + f.range().file() + ":" + f.range().startLine()));
    assertEquals(expected, actual, "findings in " + scenario);
    for (String f : forbidden) {
      assertEquals(false, actual.contains(f), "near-miss fired: " + f);
    }
  }
}
