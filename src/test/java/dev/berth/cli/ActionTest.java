package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * action.yml, read as GitHub reads it: a composite action whose berth step writes SARIF with the
 * category, and whose upload runs with always() (a failing berth step is when it matters), only
 * when the report exists; the options it passes are options berth has.
 */
class ActionTest {
  @SuppressWarnings("unchecked")
  @Test
  void compositeActionRunsBerthAndAlwaysUploads() throws Exception {
    Map<String, Object> action = (Map<String, Object>) new Load(LoadSettings.builder().build())
        .loadFromString(Files.readString(Path.of("action.yml")));
    Map<String, Object> runs = (Map<String, Object>) action.get("runs");
    assertEquals("composite", runs.get("using"));
    List<Map<String, Object>> steps = (List<Map<String, Object>>) runs.get("steps");
    Map<String, Object> berth = steps.stream().filter(s -> "Run berth".equals(s.get("name")))
        .findFirst().orElseThrow();
    String script = (String) berth.get("run");
    for (String option : List.of("--format sarif", "--output", "--sarif-category", "--fail-level",
        "--root")) {
      assertTrue(script.contains(option), option);
      assertTrue(Options.USAGE.contains(option.split(" ")[0]), option);
    }
    Map<String, Object> upload = steps.get(steps.size() - 1);
    assertTrue(((String) upload.get("uses")).startsWith("github/codeql-action/upload-sarif@"));
    String condition = (String) upload.get("if");
    assertTrue(condition.contains("always()"), condition);
    assertTrue(condition.contains("hashFiles(inputs.sarif-file)"), condition);
    Map<String, Object> with = (Map<String, Object>) upload.get("with");
    assertEquals("${{ inputs.category }}", with.get("category"));
  }
}
