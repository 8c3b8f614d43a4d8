package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which compose files the command line makes a project. */
class ComposeSetsCliTest {
  @TempDir Path dir;
  String out;
  String err;

  private int berth(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), Map.of(), dir);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @BeforeEach
  void layeredProject() throws IOException {
    Files.createDirectories(dir.resolve(".git"));
    // The opentelemetry-demo layout: a base and files only ever layered on it with -f.
    write("compose.yaml", "name: demo\nservices:\n  frontend:\n    image: example/frontend:1\n");
    write("compose.tests.yaml", "services:\n  frontend-tests:\n    image: example/tests:1\n"
        + "    depends_on: [frontend]\n");
    write("compose.agent.yaml", "services:\n  chatbot:\n    image: example/chatbot:1\n"
        + "    depends_on: [opamp-server]\n");
  }

  @Test
  void withFileOptionsExactlyThatSetIsLinted() {
    assertEquals(0, berth("--fail-level", "none", "-f", "compose.yaml", "-f",
        "compose.tests.yaml"));
    assertEquals("", err);
    // compose.agent.yaml is not part of the set: its unknown opamp-server is not this set's.
    assertEquals("0 findings in 2 files linted\n", out);
  }

  @Test
  void theSetItselfIsJudged() {
    assertEquals(1, berth("-f", "compose.yaml", "-f", "compose.agent.yaml"));
    assertEquals("compose.agent.yaml:4:18: error BTH102 depends_on of service 'chatbot' names "
        + "service 'opamp-server', which is not defined in project 'demo' "
        + "[unknown-service-reference]\n"
        + "1 finding (1 error, 0 warnings, 0 notes) in 1 of 2 files linted\n", out);
  }

  @Test
  void fileOptionsReplaceTheGroupsOfTheConfiguration() throws IOException {
    write(".berth.yaml", "compose:\n  - [compose.yaml, compose.agent.yaml]\n");
    assertEquals(0, berth("-f", "compose.yaml", "-f", "compose.tests.yaml"));
    assertEquals("0 findings in 2 files linted\n", out);
  }

  @Test
  void alternativesNamingNoFileAreAConfigurationError() throws IOException {
    write(".berth.yaml", "compose-alternatives:\n  - [compose.yaml, compose.test.yaml]\n");
    assertEquals(2, berth());
    assertEquals("", out);
    assertEquals("berth: compose-alternatives in the configuration names \"compose.test.yaml\", "
        + "which is not a file under the project root " + dir.toAbsolutePath().normalize() + "\n",
        err);
  }
}
