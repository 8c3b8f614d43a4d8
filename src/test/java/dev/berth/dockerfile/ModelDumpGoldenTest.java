package dev.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden model dumps, like BuildKit's parser/testfiles/<case>/result. The expected.txt files are
 * written by hand from BuildKit's behaviour; never regenerate them from this program's output.
 */
class ModelDumpGoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"multistage", "heredocs", "windows", "errors"})
  void matchesGolden(String name) throws IOException {
    String dockerfile = resource(name + "/Dockerfile");
    String expected = resource(name + "/expected.txt");
    assertEquals(expected,
        ModelDump.dump(DockerfileParser.parse(new SourceFile("Dockerfile", dockerfile))));
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = ModelDumpGoldenTest.class.getResourceAsStream("/dockerfile/" + path)) {
      if (in == null) throw new IOException("missing test resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
