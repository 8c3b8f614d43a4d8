package dev.berth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark still works (it is run by hand, not here: bench/run.sh, numbers in
 * bench/RESULTS.md): its scripts parse, and the tree generator makes, at a tiny size, a tree berth
 * lints with the findings the generator plants.
 */
class BenchSmokeTest {
  @TempDir Path dir;

  private static int bash(String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", args));
    return p.exitValue();
  }

  @Test
  void scriptsParseAndTheGeneratedTreeIsLinted() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")));
    for (String script : List.of("bench/run.sh", "bench/generate-tree.sh", "bench/generate.sh")) {
      assertEquals(0, bash("/bin/bash", "-n", script), script);
    }
    Path tree = dir.resolve("tree");
    // 19 projects and 4 images: every planted variant appears once at least
    assertEquals(0, bash("/bin/bash", "bench/generate-tree.sh", tree.toString(), "1", "19", "4"));
    assertEquals(19, Files.list(tree.resolve("projects")).count());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--root", ".", "-q", "."},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), tree);
    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    // shell-form CMD (p7, p14), root final stage (p5...), duplicate port (p13), unset variable
    // (p17), missing env_file (p19)
    for (String rule : List.of("BTH006", "BTH007", "BTH104", "BTH107", "BTH307")) {
      assertTrue(report.contains(" " + rule + " "), rule + " in\n" + report);
    }
  }
}
