package dev.berth.rules.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.compose.ComposeLoadResult;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeOptions;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Rule;
import dev.berth.rules.RuleInfo;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Each rule page's bad example fires with exactly its Output text; its good example is silent. */
class ComposeRulePagesTest {

  @TestFactory
  Stream<DynamicTest> pages() {
    return dev.berth.rules.Registry.all().stream()
        .filter(r -> r.getClass().getPackageName().equals("dev.berth.rules.compose"))
        .map(rule -> DynamicTest.dynamicTest(
        RuleInfo.of(rule.getClass()).id(), () -> check(rule)));
  }

  private static void check(Rule rule) throws IOException {
    RuleInfo info = RuleInfo.of(rule.getClass());
    String page = Files.readString(Path.of("rules", info.id() + ".md"));
    assertTrue(page.startsWith("# " + info.id() + ": " + info.name() + "\n\n"), "heading");
    for (String section : List.of("## Why it matters", "## Example", "## Output", "## Fix",
        "## Aliases")) {
      assertTrue(page.contains("\n" + section + "\n"), section);
    }
    String bad = block(page, "```yaml bad\n");
    String good = block(page, "```yaml good\n");
    String output = block(page, "## Output\n```text\n").trim();
    List<Finding> badFindings = run(rule, bad);
    assertTrue(!badFindings.isEmpty(), "bad example does not fire");
    assertEquals(output, badFindings.get(0).message());
    assertEquals(List.of(), run(rule, good).stream().map(Finding::message).toList());
  }

  private static String block(String page, String start) {
    Matcher m = Pattern.compile(Pattern.quote(start) + "(.*?)```", Pattern.DOTALL).matcher(page);
    assertTrue(m.find(), "missing " + start.trim());
    return m.group(1);
  }

  private static List<Finding> run(Rule rule, String compose) throws IOException {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    Path root = fs.getPath("/example");
    Files.createDirectories(root);
    Files.writeString(root.resolve("compose.yaml"), compose);
    ComposeLoadResult r = ComposeLoader.load(root, List.of("compose.yaml"),
        ComposeOptions.defaults());
    assertEquals(List.of(), r.diagnostics());
    Project p = Project.builder(root, BerthConfig.defaults()).composeProjects(r.projects())
        .sources(r.sourcesRead()).build();
    return new Engine(List.of(rule)).run(p).active();
  }
}
