package dev.berth.rules.nonroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.rules.Finding;
import dev.berth.rules.Rule;
import dev.berth.rules.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each page's bad example fires with exactly the Output text; its good example is silent. */
class NonRootRulePagesTest {

  static Stream<Rule> rules() {
    return Stream.of(new EntrypointNotExecutableByUser(), new UserNotInImage(),
        new ChownToUnknownAccount(), new RuntimePathNotWritable(), new IdAlreadyInBaseImage(),
        new VolumeDirectoryNotWritable());
  }

  private static String block(String page, String info) {
    Matcher m = Pattern.compile("```" + Pattern.quote(info) + "\\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertTrue(m.find(), "no ```" + info + " block");
    return m.group(1);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void pageExamplesAreTrue(Rule rule) throws IOException {
    RuleInfo info = RuleInfo.of(rule.getClass());
    String page = Files.readString(Path.of("rules", info.id() + ".md"));
    assertTrue(page.startsWith("# " + info.id() + ": " + info.name() + "\n"), page.lines().findFirst().orElse(""));
    for (String section : List.of("## Why it matters", "## Example", "## Output", "## Fix", "## Aliases")) {
      assertTrue(page.contains("\n" + section + "\n"), section);
    }
    List<Finding> bad = NonRootRulesTest.run(rule, block(page, "dockerfile bad")).findings();
    assertEquals(1, bad.size(), () -> bad.toString());
    assertEquals(block(page, "text").strip(), bad.get(0).message());
    List<Finding> good = NonRootRulesTest.run(rule, block(page, "dockerfile good")).findings();
    assertEquals(List.of(), good);
  }
}
