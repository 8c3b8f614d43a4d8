package dev.berth.cli;

import static dev.berth.cli.CliRun.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile-input suite, part 1: what is on disk (FIFOs, symlinks through directory links, files
 * that cannot be listed, odd names, absolute compose paths). Each test is one reproducer of
 * issue 20 (../shared/reliability/NN-*), rebuilt here from its description; these need the real
 * filesystem and skip, saying why, where the platform cannot make the input.
 */
class HostileFilesTest {
  @TempDir Path dir;

  /** Hangs would block a test forever: every run is bounded, far above its normal duration. */
  private CliRun berth(String... args) {
    return assertTimeoutPreemptively(Duration.ofSeconds(180), () -> CliRun.berth(dir, args),
        "berth did not finish: a hang");
  }

  private void mkfifo(Path p) throws Exception {
    Process proc;
    try {
      proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    } catch (IOException e) {
      proc = null;
    }
    assumeTrue(proc != null && proc.waitFor() == 0, "mkfifo is not available: FIFO test skipped");
  }

  private static final String NOT_REGULAR = "not a regular file (a FIFO, socket or device); not read";
  private static final String ESCAPES =
      "symlink points outside the project root (or loops); not followed";

  @Test
  void r01_aFifoNamedDockerfileIsRefusedNotOpened() throws Exception {
    mkfifo(dir.resolve("Dockerfile"));
    write(dir, "other.Dockerfile", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n");
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    assertEquals("Dockerfile:1:1: error: " + NOT_REGULAR + "\n", r.err());
    assertTrue(r.out().contains("other.Dockerfile:1:1: warning BTH007"), r.out());
  }

  @Test
  void r02_aFifoNamedDockerignoreOrNamedOnTheCommandLineIsRefused() throws Exception {
    mkfifo(dir.resolve(".dockerignore"));
    mkfifo(dir.resolve("pipe"));
    write(dir, "Dockerfile", "FROM alpine\nUSER nobody\n");
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    assertEquals(".dockerignore:1:1: error: " + NOT_REGULAR + "\n", r.err());
    CliRun named = berth("--root", ".", "pipe");
    assertEquals(2, named.code());
    assertTrue(named.err().contains("pipe:1:1: error: " + NOT_REGULAR + "\n"), named.err());
  }

  @Test
  void r03_aSymlinkThroughADirectoryLinkDoesNotLeaveTheRoot(@TempDir Path outside)
      throws IOException {
    write(outside, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    Files.createSymbolicLink(dir.resolve("host"), outside);
    // lexically "host/etc/passwd" is inside the root; really it is not
    Files.createSymbolicLink(dir.resolve("Dockerfile"), Path.of("host/etc/passwd"));
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    assertEquals("Dockerfile:1:1: error: " + ESCAPES + "\n", r.err());
    assertFalse(r.out().contains("root:x") || r.err().contains("root:x"), r.out());
  }

  @Test
  void r04_theDefaultConfigIsNotReadThroughASymlinkLeavingTheRoot(@TempDir Path outside)
      throws IOException {
    Path secret = write(outside, "tokens.yaml", "ghp_SECRET_TOKEN_1234: x\n");
    Files.createSymbolicLink(dir.resolve(".berth.yaml"), secret);
    write(dir, "Dockerfile", "FROM alpine\nUSER nobody\n");
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    assertEquals(".berth.yaml:1:1: error: " + ESCAPES + "\n", r.err());
    assertFalse(r.err().contains("ghp_"), r.err());
  }

  @Test
  void r05_gitInfoExcludeIsNotReadThroughADirectoryLink(@TempDir Path outside)
      throws IOException {
    // Were the outside file read, it would make git ignore the Dockerfile, which then goes unlinted.
    write(outside, "exclude", "Dockerfile\n");
    Files.createDirectories(dir.resolve(".git"));
    Files.createSymbolicLink(dir.resolve(".git/info"), outside);
    write(dir, "Dockerfile", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n");
    CliRun r = berth("--root", ".");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("Dockerfile:1:1: warning BTH007"), r.out());
  }

  @Test
  void r05_aRealGitInfoExcludeIsStillHonoured() throws IOException {
    write(dir, ".git/info/exclude", "Dockerfile\n");
    write(dir, "Dockerfile", "FROM python:3.12-slim\n");
    CliRun r = berth("--root", ".");
    // the only Dockerfile is excluded, so there is nothing to lint, which is said (exit 0)
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("0 files linted"), r.out());
    assertTrue(r.err().startsWith("berth: nothing to lint"), r.err());
  }

  @Test
  void r17_aDirectoryThatCannotBeListedIsADiagnostic() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")),
        "running as root, which can list a mode-000 directory: covered through the listing seam "
            + "in ProjectLoaderTest.aDirectoryThatCannotBeListedIsReportedUnlessIgnored");
    write(dir, "sub/Dockerfile", "FROM alpine\nUSER root\n");
    write(dir, "Dockerfile", "FROM alpine\nUSER nobody\n");
    Path sub = dir.resolve("sub");
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("---------"));
    try {
      CliRun r = berth("--root", ".");
      assertEquals(2, r.code());
      assertEquals("sub:1:1: error: cannot list directory: permission denied; the files in it "
          + "are not linted\n", r.err());
    } finally {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void r17_anIgnoreFileThatCannotBeReadIsReportedOnce() throws IOException {
    // read once as support (it decides what builds see) and once as a linted file: one line
    Files.write(dir.resolve(".dockerignore"), new byte[] {'x', 0, '\n'});
    write(dir, "Dockerfile", "FROM alpine\nUSER nobody\n");
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    assertEquals(".dockerignore:1:1: error: binary file (NUL byte at offset 1); not linted\n",
        r.err());
  }

  @Test
  void r18_aBackslashInADirectoryNameIsAnOrdinaryCharacter() throws IOException {
    write(dir, "back\\slash/compose.yaml",
        "services:\n  web:\n    image: nginx:1.25\n    ports: [\"80:80\"]\n"
            + "  api:\n    image: nginx:1.25\n    ports: [\"80:80\"]\n");
    CliRun r = berth("--root", ".", "--format", "json");
    assertEquals(1, r.code(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().contains("\"ruleId\" : \"BTH104\""), r.out());
  }

  @Test
  void r23_absoluteEnvFileIsTheHostsAndExtendsOutsideTheRootIsReportedNotReRooted() throws IOException {
    write(dir, "etc/shadow", "FROM_INSIDE_THE_PROJECT=1\n");
    write(dir, "etc/compose-base.yaml", "services:\n  base: {image: alpine, user: root}\n");
    write(dir, "compose.yaml", "services:\n  web:\n    image: nginx:1.25\n"
        + "    env_file: /etc/shadow\n"
        + "    extends: {file: /etc/compose-base.yaml, service: base}\n");
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    // An env_file outside the project is the host's (bluesky-social/pds's installer writes
    // /pds/pds.env on the server): its variables are unknown, and it is neither read nor an input
    // berth failed on. An extends file outside is part of the service's definition: reported.
    assertEquals("compose.yaml:5:21: error: '/etc/compose-base.yaml' is outside the project root; "
        + "not read\n", r.err());
  }

  /**
   * Found by fuzzing (ParsersFuzzTestInputs/compose/crash-c974b3ef…): a NUL in a path compose
   * reads made java.nio refuse the name (InvalidPathException), an internal error that dropped
   * the project. No file can have that name: a diagnostic at the path, the rest still linted.
   */
  @Test
  void aNulInAPathComposeReadsIsADiagnosticNotAnInternalError() throws IOException {
    write(dir, "compose.yaml", "services:\n  web:\n    image: nginx:1.27\n"
        + "    env_file: \"a\\0b.env\"\n    extends: {file: \"x\\0.yaml\", service: base}\n");
    write(dir, "Dockerfile", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n");
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code());
    assertEquals("compose.yaml:5:21: error: 'x\\x00.yaml' is not a valid file name (it contains a "
        + "NUL character); not read\n"
        + "compose.yaml:4:15: error: 'a\\x00b.env' is not a valid file name (it contains a NUL "
        + "character); not read\n", r.err());
    assertTrue(r.out().contains("Dockerfile:1:1: warning BTH007"), r.out());
  }

  @Test
  void r23_anAbsoluteEnvFileUnderTheRootIsRead() throws IOException {
    write(dir, "app.env", "PORT=8080\n");
    write(dir, "compose.yaml", "services:\n  web:\n    image: nginx:1.25\n"
        + "    env_file: " + dir.toAbsolutePath().resolve("app.env") + "\n");
    CliRun r = berth("--root", ".");
    assertEquals("", r.err());
    assertEquals(0, r.code(), r.out());
  }
}
