package dev.berth.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Documentation examples are tests: every bad block fires its rule, every good block stays
 * silent, and the page's Output is the message the rule prints for the first bad block.
 */
class DocExamplesTest {

  @TestFactory
  Stream<DynamicTest> examples() throws IOException {
    return RulePages.all().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
        () -> check(RulePages.read(p))));
  }

  private static void check(RulePages page) throws IOException {
    Rule rule = Registry.all().stream()
        .filter(r -> RuleInfo.of(r.getClass()).id().equals(page.id())).findFirst().orElseThrow();
    boolean outputChecked = false;
    for (RulePages.Example ex : page.examples()) {
      if (ex.fixture().isPresent()) {
        assertTrue(Files.isDirectory(Path.of("test-fixtures", ex.fixture().get())),
            page.id() + ": example refers to missing fixture " + ex.fixture().get());
        continue;
      }
      List<String> messages = run(rule, ex);
      if (ex.bad()) {
        assertTrue(!messages.isEmpty(), page.id() + ": bad example does not fire:\n" + ex.body());
        if (!outputChecked && page.output().isPresent()) {
          assertEquals(page.output().get(), messages.get(0), page.id() + ": ## Output is stale");
          outputChecked = true;
        }
      } else {
        assertEquals(List.of(), messages, page.id() + ": good example fires:\n" + ex.body());
      }
    }
  }

  private static List<String> run(Rule rule, RulePages.Example ex) throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = fs.getPath("/example"); // compose pages name the project after it
      Files.createDirectories(root);
      String name = ex.language().equals("yaml") ? "compose.yaml" : "Dockerfile";
      Files.writeString(root.resolve(name), ex.body());
      // the rule under test runs even when it is opt-in
      String id = RuleInfo.of(rule.getClass()).id();
      BerthConfig config = new BerthConfig(java.util.Set.of(), java.util.Set.of(),
          java.util.Map.of(), BerthConfig.defaults().failLevel(), List.of(), List.of(), List.of(),
          java.util.Map.of(), java.util.Set.of(id));
      Project project = ProjectLoader.load(root, List.of(), config);
      return new Engine(List.of(rule)).run(project).active().stream()
          .map(Finding::message).toList();
    }
  }
}
