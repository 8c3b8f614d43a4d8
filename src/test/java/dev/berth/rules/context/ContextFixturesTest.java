package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.config.BerthConfig;
import dev.berth.context.TestProjects;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.project.FileTree;
import dev.berth.project.Project;
import dev.berth.rules.Engine;
import dev.berth.rules.Rule;
import dev.berth.source.SourceFile;
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
 * Stand-in for the project-wide fixture harness until it lands: runs the context rules over each
 * {@code test-fixtures/context-*} tree read from disk and compares findings with the
 * {@code # expect:} annotations (strict both ways). Dockerfiles are read with the tiny test
 * reader, so fixtures keep to one instruction per line.
 */
class ContextFixturesTest {
  private static final List<Rule> RULES = List.of(new CopySourceNotInContext(),
      new DockerignoreNotRead(), new HostArtifactOverwritesImage(),
      new LargeContextWithoutDockerignore());
  private static final Pattern ANNOTATION = Pattern.compile("^\\s*#\\s*(expect|ok):\\s*(BTH\\d{3})");

  @TestFactory
  Stream<DynamicTest> fixtures() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("test-fixtures"))) {
      List<Path> list = dirs.filter(d -> d.getFileName().toString().startsWith("context-"))
          .sorted().toList();
      return list.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(),
          () -> check(d)));
    }
  }

  private static void check(Path root) throws IOException {
    FileTree tree = FileTree.scan(root, 10_000);
    List<SourceFile> sources = new ArrayList<>();
    List<Dockerfile> dockerfiles = new ArrayList<>();
    Set<String> expected = new TreeSet<>();
    Set<String> okLines = new TreeSet<>();
    for (FileTree.Entry e : tree.all().filter(x -> x.kind() == FileTree.Kind.FILE).toList()) {
      SourceFile f = new SourceFile(e.path(), Files.readString(root.resolve(e.path())));
      sources.add(f);
      String name = e.name();
      if (name.equals("Dockerfile")) dockerfiles.add(TestProjects.parse(f));
      if (name.equals("Dockerfile") || name.endsWith("dockerignore")) {
        annotations(f, expected, okLines);
      }
    }
    Project project = Project.builder(root, BerthConfig.defaults()).dockerfiles(dockerfiles)
        .sources(sources).fileTree(tree).build();
    var analysis = new Engine(RULES).run(project);
    assertEquals(List.of(), analysis.diagnostics());
    Set<String> actual = new TreeSet<>();
    for (var f : analysis.findings()) {
      actual.add(f.rule().id() + " " + f.range().file() + ":" + f.range().startLine());
    }
    assertEquals(expected, actual, "findings of " + root + ": " + analysis.findings());
    for (String ok : okLines) {
      assertEquals(false, actual.contains(ok), "near-miss fired: " + ok);
    }
  }

  private static void annotations(SourceFile f, Set<String> expected, Set<String> ok) {
    for (int line = 1; line <= f.lineCount(); line++) {
      Matcher m = ANNOTATION.matcher(f.lineText(line));
      if (!m.find()) continue;
      int target = line + 1;
      while (target <= f.lineCount() && f.lineText(target).strip().startsWith("#")) target++;
      String key = m.group(2) + " " + f.path() + ":" + target;
      (m.group(1).equals("expect") ? expected : ok).add(key);
    }
  }
}
