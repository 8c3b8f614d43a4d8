package dev.berth.cli;

import static dev.berth.cli.CliRun.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.rules.Registry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile-input suite, part 2: what berth prints. Text from the linted files must not drive the
 * terminal or forge lines (reproducers 19, 21), a lost report is a failure (27), and the report
 * file is replaced whole. Reproducer 26 (the JVM's /tmp/hsperfdata file) is a launcher flag,
 * checked in LauncherTest.
 */
class HostileOutputTest {
  @TempDir Path dir;

  /** No control character but the newline ending each line. */
  private static void assertPlain(String text) {
    for (char c : text.toCharArray()) {
      assertFalse(c != '\n' && (c < 0x20 || (c >= 0x7f && c < 0xa0)),
          "raw control character U+" + Integer.toHexString(c) + " in:\n" + text);
    }
  }

  @Test
  void r19_controlCharactersFromFilesAreEscapedInDiagnosticsAndFindings() throws IOException {
    write(dir, "Dockerfile", "FROM alpine\n\u001b]0;pwned\u0007\u001b[2K note\u009b31m\n"
        + "USER nobody\n");
    write(dir, "c/compose.yaml",
        "services:\n  web:\n    image: nginx:1.27\n    depends_on: [\"db\\e[2K\"]\n");
    CliRun r = CliRun.berth(dir, "--root", ".");
    // a Dockerfile BuildKit cannot parse is a BTH001 finding, printed once on stdout
    assertEquals(1, r.code(), r.err());
    assertPlain(r.out());
    assertPlain(r.err());
    assertEquals("", r.err());
    assertTrue(r.out().contains("Dockerfile:2:1: error BTH001 Dockerfile parse error: unknown "
        + "instruction: \\x1b]0;pwned\\x07\\x1b[2K"), r.out());
    assertTrue(r.out().contains("c/compose.yaml:4:18: error BTH102 depends_on of service 'web' "
        + "names service 'db\\x1b[2K', which is not defined"), r.out());
  }

  @Test
  void r21_aNewlineInAFileNameCannotForgeAFindingLine() throws IOException {
    write(dir, "x\nDockerfile:1:1: error BTH999 forged finding [forged]\nz/Dockerfile",
        "FROM debian:bookworm-slim\nCMD run\n");
    CliRun r = CliRun.berth(dir, "--root", ".", "--no-color");
    assertEquals(1, r.code(), r.err());
    for (String line : r.out().lines().toList()) {
      assertFalse(line.startsWith("Dockerfile:1:1: error BTH999"), "forged line:\n" + r.out());
    }
    assertTrue(r.out().contains("x\\nDockerfile:1:1: error BTH999 forged finding [forged]\\n"
        + "z/Dockerfile:2:1: warning BTH006"), r.out());
  }

  @Test
  void r20_theReportIsTheSameUnderATurkishDefaultLocale() throws IOException {
    write(dir, "compose.yaml", "services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n"
        + "      - type: bind\n        source: ./nginx.conf\n"
        + "        target: /etc/nginx/nginx.conf\n        read_only: true\n");
    java.util.Locale saved = java.util.Locale.getDefault();
    CliRun english;
    CliRun turkish;
    try {
      java.util.Locale.setDefault(java.util.Locale.US);
      english = CliRun.berth(dir, "--root", ".", "--format", "sarif");
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
      turkish = CliRun.berth(dir, "--root", ".", "--format", "sarif");
    } finally {
      java.util.Locale.setDefault(saved);
    }
    assertEquals(1, english.code(), english.err());
    assertTrue(english.out().contains("\"ruleId\" : \"BTH306\""), english.out());
    assertEquals(english, turkish);
  }

  @Test
  void r27_aReportLostOnStandardOutputIsExitTwo() throws IOException {
    write(dir, "Dockerfile", "FROM alpine:3.19\nUSER nobody\nCMD [\"sh\"]\n");
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--root", ".", "--format", "sarif"},
        new PrintStream(full, false, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir, false, Registry.all());
    assertEquals(2, code);
    assertEquals("berth: cannot write the report to standard output (closed or full)\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void r27_aReportFileThatCannotBeWrittenIsExitTwo() throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full on this platform");
    write(dir, "Dockerfile", "FROM alpine:3.19\nUSER nobody\nCMD [\"sh\"]\n");
    CliRun r = CliRun.berth(dir, "--root", ".", "--format", "sarif", "--output", "/dev/full");
    assertEquals(2, r.code());
    assertEquals("berth: cannot write /dev/full: No space left on device\n", r.err());
  }

  @Test
  void theReportFileIsReplacedWholeAndNoTemporaryFileRemains() throws IOException {
    write(dir, "Dockerfile", "FROM alpine:3.19\nUSER nobody\nCMD [\"sh\"]\n");
    Path real = write(dir, "out/real.json", "old report\n");
    Files.createSymbolicLink(dir.resolve("out/report.json"), Path.of("real.json"));
    CliRun r = CliRun.berth(dir, "--root", ".", "--format", "json", "--output",
        "out/report.json", "Dockerfile");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isSymbolicLink(dir.resolve("out/report.json")), "the link was replaced");
    assertTrue(Files.readString(real).startsWith("{"), Files.readString(real));
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      assertEquals(List.of("real.json", "report.json"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
