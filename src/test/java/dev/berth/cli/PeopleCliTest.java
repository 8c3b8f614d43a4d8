package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard input, --verbose, and saying so when there is nothing to lint. */
class PeopleCliTest {
  @TempDir Path dir;

  private CliRun withStdin(String input, String... args) {
    return withStdinBytes(input.getBytes(StandardCharsets.UTF_8), args);
  }

  private CliRun withStdinBytes(byte[] input, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(input),
        new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), Map.of(), dir);
    return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void stdinIsLintedAsTheNamedFileInTheProjectAroundIt() throws Exception {
    // On disk the context lacks app.py; the text on stdin copies it: BTH301 needs the disk's
    // context, so it shows the stdin text is judged where --stdin-filename puts it.
    CliRun.write(dir, "web/Dockerfile", "FROM alpine:3.20\nUSER nobody\n");
    CliRun.write(dir, "web/main.py", "print()\n");
    CliRun.write(dir, ".berth.yaml", "contexts:\n  web/Dockerfile: web\n");
    CliRun r = withStdin("FROM alpine:3.20\nCOPY app.py /app/\nUSER nobody\n",
        "--stdin-filename", "web/Dockerfile", "-q", "-");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().startsWith("web/Dockerfile:2:"), r.out());
    assertTrue(r.out().contains("BTH301"), r.out());
    // the file on disk is not what was linted, and nothing else was
    assertEquals("FROM alpine:3.20\nUSER nobody\n", Files.readString(dir.resolve("web/Dockerfile")));
    assertEquals(1, r.out().lines().filter(l -> !l.startsWith(" ")).count(), r.out());
  }

  @Test
  void stdinDefaultsToADockerfileInTheCurrentDirectory() {
    CliRun r = withStdin("FROM alpine AS a\nFROM alpine AS a\nUSER nobody\n", "-");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("Dockerfile:2:16: error BTH004"), r.out());
  }

  @Test
  void aComposeFileOnStdinIsLintedAtItsPathWithTheFilesItExtendsFromDisk() throws Exception {
    // On disk the service depends on a defined service; the unsaved text depends on a missing
    // one. The extended file is read from disk, relative to the stdin file's directory.
    CliRun.write(dir, "deploy/base.yaml", "services:\n  base:\n    image: redis:7\n");
    CliRun.write(dir, "deploy/compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    String unsaved = "services:\n  web:\n    extends:\n      file: base.yaml\n"
        + "      service: base\n    depends_on: [db]\n";
    CliRun r = withStdin(unsaved, "--stdin-filename", "deploy/compose.yaml", "-q", "-");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("deploy/compose.yaml:6:18: error BTH102"), r.out());
    assertEquals("", r.err());
    // the file need not exist on disk (a new buffer)
    CliRun fresh = withStdin("services:\n  a:\n    image: redis:7\n",
        "--stdin-filename", "new/compose.yaml", "-");
    assertEquals(0, fresh.code(), fresh.out() + fresh.err());
    assertEquals("0 findings in 1 file linted\n", fresh.out());
  }

  @Test
  void stdinMisuseIsAUsageError() {
    assertEquals(2, withStdin("", "-", "other").code());
    assertEquals(2, withStdin("", "--stdin-filename", "Dockerfile", ".").code());
    assertEquals(2, withStdinBytes(new byte[] {(byte) 0xff, 'x'}, "-").code());
  }

  @Test
  void changedReportsWhatTheChangedFilesTouchAcrossTheProject() throws Exception {
    CliRun.write(dir, "Dockerfile", "FROM python:3.12-slim\nCOPY app.py /app/\nUSER nobody\n");
    CliRun.write(dir, "app.py", "print()\n");
    CliRun.write(dir, ".dockerignore", "*.py\n");
    CliRun.write(dir, "other/Dockerfile", "FROM alpine AS a\nFROM alpine AS a\nUSER nobody\n");
    // only .dockerignore changed: the Dockerfile's BTH301 points at it; other/ is not reported
    CliRun r = CliRun.berth(dir, "--changed", "-q", ".dockerignore");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().startsWith("Dockerfile:2:6: error BTH301"), r.out());
    assertEquals(1, r.out().lines().filter(l -> !l.startsWith(" ")).count(), r.out());
    // a deleted file is a change too; nothing points at it
    CliRun gone = CliRun.berth(dir, "--changed", "-q", "gone.env");
    assertEquals(0, gone.code(), gone.out() + gone.err());
    assertEquals("", gone.out());
    assertEquals(2, CliRun.berth(dir, "--changed").code());
  }

  @Test
  void anEmptyPathOrADirectoryWithNothingToLintExitsTwoAndSaysSo() throws Exception {
    CliRun empty = CliRun.berth(dir, "");
    assertEquals(2, empty.code());
    assertTrue(empty.err().startsWith("berth: an empty path was given\n"), empty.err());
    Files.createDirectories(dir.resolve("docs"));
    CliRun.write(dir, "docs/readme.md", "# hi\n");
    CliRun nothing = CliRun.berth(dir, "docs");
    assertEquals(0, nothing.code());
    assertEquals("0 findings in 0 files linted\n", nothing.out());
    assertEquals("berth: nothing to lint: no Dockerfile, compose file or .dockerignore under docs\n",
        nothing.err());
  }

  @Test
  void verboseNamesTheConfigurationTheComposeProjectsAndTheContexts() throws Exception {
    CliRun.write(dir, ".berth.yaml", "contexts:\n  tools/Dockerfile: .\n");
    CliRun.write(dir, "compose.yaml", "services:\n  web:\n    build: ./web\n");
    CliRun.write(dir, "web/Dockerfile", "FROM alpine:3.20\nUSER nobody\n");
    CliRun.write(dir, "tools/Dockerfile", "FROM alpine:3.20\nUSER nobody\n");
    CliRun r = CliRun.berth(dir, "-v", "-q");
    assertEquals(String.join("\n",
        "berth: project root " + dir.toAbsolutePath().normalize(),
        "berth: configuration: .berth.yaml (at the root)",
        "berth: linting 3 files: 2 Dockerfiles, 1 compose file, 0 ignore files",
        "berth: compose project \"" + ComposeName.of(dir) + "\": compose.yaml (docker compose's own"
            + " choice in its directory: default files or COMPOSE_FILE)",
        "berth: build context of web/Dockerfile: web/ (a compose build: section, "
            + "compose.yaml:3:12)",
        "berth: build context of tools/Dockerfile: ./ (declared in the configuration)",
        ""), r.err());
  }

  @Test
  void verboseSaysWhatTheHadolintConfigurationDid() throws Exception {
    // DL3006 (untagged base) stands for BTH500; DL9999 is no rule of either tool.
    CliRun.write(dir, ".hadolint.yaml", "ignored:\n  - DL3006\n  - DL9999\n");
    CliRun.write(dir, "Dockerfile", "FROM alpine\nUSER nobody\nCMD [\"sleep\", \"1\"]\n");
    CliRun r = CliRun.berth(dir, "-v", "-q");
    String err = r.err();
    assertTrue(err.contains("berth: hadolint configuration: .hadolint.yaml (below .berth.yaml)\n"),
        err);
    assertTrue(err.contains("berth:   ignored: DL3006 suppresses BTH500\n"), err);
    assertTrue(err.contains("berth:   DL9999: no berth rule stands for it, not applied\n"), err);
  }

  /** Compose's project name for a directory: its name, lower-cased, other characters dropped. */
  private static final class ComposeName {
    static String of(Path dir) {
      return dir.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
          .replaceAll("[^a-z0-9_-]", "");
    }
  }
}
