package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.report.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in docs/ are run: copied as they are into a project, they must work as said. */
class DocsExamplesTest {
  @TempDir Path dir;

  /** The text of the first fenced block of {@code language} after {@code heading}. */
  static String block(String doc, String heading, String language) {
    int h = doc.indexOf(heading);
    assertTrue(h >= 0, heading);
    int open = doc.indexOf("```" + language + "\n", h);
    int start = open + language.length() + 4;
    return doc.substring(start, doc.indexOf("```", start));
  }

  private static String doc(String name) throws IOException {
    return Files.readString(Path.of("docs", name));
  }

  @Test
  void theConfigurationExampleIsAcceptedAsItIs() throws Exception {
    CliRun.write(dir, ".berth.yaml", block(doc("configuration.md"), "## Example", "yaml"));
    // the files the example names, so that only the configuration is under test
    for (String f : new String[] {"docker-compose.yml", "docker-compose.prod.yml",
        "tools/compose.yaml", "docker-compose-separate-containers.yml"}) {
      CliRun.write(dir, f, "services:\n  app:\n    image: alpine:3.20\n");
    }
    CliRun.write(dir, "apps/web/Dockerfile", "FROM alpine:3.20\nUSER nobody\n");
    CliRun r = CliRun.berth(dir, "-q");
    assertEquals("", r.err());
    assertTrue(r.code() == 0 || r.code() == 1, r.code() + "\n" + r.out());
  }

  @Test
  void theJsonExampleIsWhatBerthPrints() throws Exception {
    String d = doc("json-format.md");
    CliRun.write(dir, "app/Dockerfile", block(d, "## Document", "dockerfile"));
    CliRun.write(dir, "compose.yaml", "services:\n  web: [\n");
    CliRun r = CliRun.berth(dir, "--format", "json");
    assertEquals(2, r.code(), r.err());
    ObjectMapper m = new ObjectMapper();
    JsonNode expected = m.readTree(block(d, "## Document", "json"));
    ((ObjectNode) expected.get("tool")).put("version", Version.current());
    assertEquals(expected, m.readTree(r.out()));
  }
}
