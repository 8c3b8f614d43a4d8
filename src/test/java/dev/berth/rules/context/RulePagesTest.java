package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.context.TestProjects;
import dev.berth.rules.Rule;
import dev.berth.rules.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pages' examples are tests: the bad block fires with exactly the Output text, the good block
 * is silent. Context rules need a project around the Dockerfile; each test supplies the tree the
 * page's comment describes.
 */
class RulePagesTest {

  private record Page(String title, String bad, String good, String output) {}

  private static Page page(String id) throws IOException {
    String text = Files.readString(Path.of("rules", id + ".md"));
    return new Page(text.lines().findFirst().orElse(""), block(text, "dockerfile bad"),
        block(text, "dockerfile good"), block(text, "text").strip());
  }

  private static String block(String text, String info) {
    Matcher m = Pattern.compile("```" + Pattern.quote(info) + "[^\n]*\n(.*?)```", Pattern.DOTALL)
        .matcher(text);
    assertTrue(m.find(), "missing block " + info);
    return m.group(1);
  }

  private static void check(Rule rule, Function<String, TestProjects> badTree,
      Function<String, TestProjects> goodTree) throws IOException {
    RuleInfo info = RuleInfo.of(rule.getClass());
    Page p = page(info.id());
    assertEquals("# " + info.id() + ": " + info.name(), p.title());
    var bad = RuleAssert.run(rule, badTree.apply(p.bad()).build());
    assertEquals(1, bad.size(), "bad example must fire once");
    assertEquals(p.output(), bad.get(0).message());
    assertEquals(List.of(), RuleAssert.run(rule, goodTree.apply(p.good()).build()));
  }

  private static TestProjects workspace() {
    return TestProjects.create().paths("package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml",
        "apps/web/package.json", "apps/web/src/main.ts");
  }

  @Test
  void bth301() throws IOException {
    check(new CopySourceNotInContext(),
        df -> workspace().builtWith("apps/web/Dockerfile", "apps/web")
            .dockerfile("apps/web/Dockerfile", df),
        df -> workspace().builtWith("Dockerfile", "").dockerfile("Dockerfile", df));
  }

  private static TestProjects pythonSrc() {
    return TestProjects.create().paths("requirements.txt", "src/main.py", "src/.venv/bin/python")
        .file("src/.dockerignore", ".venv\n__pycache__\n");
  }

  @Test
  void bth302() throws IOException {
    check(new DockerignoreNotRead(),
        df -> pythonSrc().builtWith("Dockerfile", "").dockerfile("Dockerfile", df),
        df -> pythonSrc().builtWith("Dockerfile", "")
            .file(".dockerignore", "src/.venv\nsrc/__pycache__\n").dockerfile("Dockerfile", df));
  }

  private static TestProjects uvProject() {
    return TestProjects.create().paths("pyproject.toml", "uv.lock", "app/main.py")
        .file(".gitignore", ".venv/\n__pycache__/\n");
  }

  @Test
  void bth303() throws IOException {
    check(new HostArtifactOverwritesImage(),
        df -> uvProject().builtWith("Dockerfile", "").dockerfile("Dockerfile", df),
        df -> uvProject().builtWith("Dockerfile", "").dockerfile("Dockerfile", df));
  }

  private static TestProjects services() {
    return TestProjects.create().paths(".git/", "services/api/pyproject.toml",
        "services/api/main.py", "services/worker/pyproject.toml", "web/package.json");
  }

  @Test
  void bth304() throws IOException {
    check(new LargeContextWithoutDockerignore(),
        df -> services().builtWith("Dockerfile", "").dockerfile("Dockerfile", df),
        df -> services().builtWith("Dockerfile", "").dockerfile("Dockerfile", df));
  }
}
