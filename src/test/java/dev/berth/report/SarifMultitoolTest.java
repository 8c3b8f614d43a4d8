package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF of every fixture, validated by Microsoft's SARIF Multitool with GitHub's rules
 * ({@code validate --rule-kind "Sarif;Ghas"}): any error or warning it prints fails. The
 * Multitool comes from npm ({@code @microsoft/sarif-multitool}, installed into target/ when npm
 * is there, or named by BERTH_SARIF_MULTITOOL); without it the test is skipped and says why.
 */
class SarifMultitoolTest {
  private static final Path INSTALL = Path.of("target/sarif-multitool");
  private static final Path BINARY =
      INSTALL.resolve("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

  @TempDir Path dir;

  private static Path multitool() throws Exception {
    String named = System.getenv("BERTH_SARIF_MULTITOOL");
    if (named != null && Files.isExecutable(Path.of(named))) return Path.of(named);
    if (!Files.exists(BINARY) && onPath("npm") && System.getProperty("os.name").equals("Linux")) {
      Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix",
          INSTALL.toString(), "@microsoft/sarif-multitool").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
    }
    if (Files.exists(BINARY)) BINARY.toFile().setExecutable(true); // npm may skip its chmod
    return Files.isExecutable(BINARY) ? BINARY : null;
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) return true;
    }
    return false;
  }

  @Test
  void everyFixturesSarifPassesTheMultitoolWithGithubsRules() throws Exception {
    Path tool = multitool();
    if (tool == null) System.err.println("SarifMultitoolTest: SKIPPED, no SARIF Multitool (npm)");
    assumeTrue(tool != null, "SARIF Multitool not available (needs npm or BERTH_SARIF_MULTITOOL)");
    List<String> command = new ArrayList<>(List.of(tool.toAbsolutePath().toString(), "validate",
        "--rule-kind", "Sarif;Ghas"));
    try (Stream<Path> fixtures = Files.list(Path.of("test-fixtures"))) {
      for (Path f : fixtures.filter(Files::isDirectory).sorted().toList()) {
        Path sarif = dir.resolve(f.getFileName() + ".sarif");
        int code = Main.run(new String[] {"--root", f.toAbsolutePath().toString(), "--format",
            "sarif", "--sarif-category", "fixture/" + f.getFileName(), "--fail-level", "none",
            "--output", sarif.toString(), f.toAbsolutePath().toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Map.of(), f.toAbsolutePath());
        assertTrue(code == 0 || code == 2, f + ": exit " + code);
        command.add(sarif.toString());
      }
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES));
    List<String> problems = out.lines()
        .filter(l -> l.contains(": error ") || l.contains(": warning ")).toList();
    assertEquals(List.of(), problems, out);
    assertTrue(out.contains("files scanned"), out);
  }
}
