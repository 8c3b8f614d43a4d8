package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.report.DisplayPaths;
import dev.berth.report.SarifReporter;
import dev.berth.report.TextReporter;
import dev.berth.rules.Analysis;
import dev.berth.rules.Engine;
import dev.berth.rules.Registry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine judges Dockerfiles and project rules on several threads; the report must be the
 * same, byte for byte, as one thread makes it. The whole fixture tree is one project here: some
 * 70 scenarios with Dockerfiles, compose projects, contexts and facts shared between rules.
 */
class ParallelDeterminismTest {
  private static final Path FIXTURES = Path.of("test-fixtures");

  private static String report(int threads) throws IOException {
    // a fresh project each time: facts are cached on it
    Project project = ProjectLoader.load(FIXTURES, List.of(), BerthConfig.defaults());
    Analysis analysis = new Engine(Registry.all(), threads).run(project);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    new TextReporter(new DisplayPaths(project.root(), project.root()), false, false)
        .write(analysis, project, text);
    ByteArrayOutputStream sarif = new ByteArrayOutputStream();
    new SarifReporter("test").write(analysis, project, sarif);
    return text.toString(StandardCharsets.UTF_8) + "\n" + sarif.toString(StandardCharsets.UTF_8)
        + "\n" + analysis.diagnostics();
  }

  @Test
  void severalThreadsReportExactlyWhatOneThreadReports() throws IOException {
    String one = report(1);
    assertTrue(one.contains("BTH301") && one.contains("BTH104") && one.contains("BTH204"),
        "the fixture tree should make rules of every theme fire");
    for (int run = 0; run < 2; run++) {
      assertEquals(one, report(4), "run " + run + " with 4 threads");
    }
  }
}
