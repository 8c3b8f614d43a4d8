package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fix} and {@code --fix --dry-run} on a real project with real rules: BTH005 (write
 * 'AS'), BTH006 (exec form), BTH108 (drop the version line) carry fixes.
 */
class FixCliTest {
  @TempDir Path dir;

  private static final String DOCKERFILE =
      "FROM debian:bookworm-slim AS base\nFROM base as app\nUSER nobody\nCMD python app.py\n";

  private void project() throws Exception {
    CliRun.write(dir, "Dockerfile", DOCKERFILE);
    CliRun.write(dir, "compose.yaml", "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n");
    // does not parse: its 'as' must stay as it is
    CliRun.write(dir, "bad/Dockerfile", "FROM alpine as x\nFORM y\n");
  }

  @Test
  void dryRunPrintsTheDiffAndChangesNothing() throws Exception {
    project();
    CliRun r = CliRun.berth(dir, "--fix", "--dry-run");
    assertEquals("""
        --- a/Dockerfile
        +++ b/Dockerfile
        @@ -1,4 +1,4 @@
         FROM debian:bookworm-slim AS base
        -FROM base as app
        +FROM base AS app
         USER nobody
        -CMD python app.py
        +CMD ["python", "app.py"]
        --- a/compose.yaml
        +++ b/compose.yaml
        @@ -1,4 +1,3 @@
        -version: "3.8"
         services:
           web:
             image: nginx:1.27
        """, r.out());
    assertEquals(1, r.code());
    assertEquals(DOCKERFILE, Files.readString(dir.resolve("Dockerfile")));
    assertEquals("FROM alpine as x\nFORM y\n", Files.readString(dir.resolve("bad/Dockerfile")));
  }

  @Test
  void fixWritesRelintsAndReportsWhatIsLeft() throws Exception {
    project();
    CliRun r = CliRun.berth(dir, "--fix", "-q");
    assertEquals("FROM debian:bookworm-slim AS base\nFROM base AS app\nUSER nobody\n"
        + "CMD [\"python\", \"app.py\"]\n", Files.readString(dir.resolve("Dockerfile")));
    assertEquals("services:\n  web:\n    image: nginx:1.27\n",
        Files.readString(dir.resolve("compose.yaml")));
    assertEquals("FROM alpine as x\nFORM y\n", Files.readString(dir.resolve("bad/Dockerfile")));
    assertEquals("berth: fixed Dockerfile, compose.yaml\n", r.err());
    // what is left after the second lint: only the file that does not parse
    assertTrue(r.out().startsWith("bad/Dockerfile:2:1: error BTH001"), r.out());
    assertFalse(r.out().contains("BTH005") || r.out().contains("BTH006")
        || r.out().contains("BTH108"), r.out());
    assertEquals(1, r.code());
  }

  @Test
  void crlfAndAByteOrderMarkSurviveAFix() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "FROM alpine:3.20 AS a\r\nFROM a as b\r\nUSER nobody\r\n"
        .getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, file, 0, 3);
    System.arraycopy(text, 0, file, 3, text.length);
    Files.write(dir.resolve("Dockerfile"), file);
    CliRun r = CliRun.berth(dir, "--fix", "-q");
    assertEquals(0, r.code(), r.out() + r.err());
    byte[] fixed = "\uFEFFFROM alpine:3.20 AS a\r\nFROM a AS b\r\nUSER nobody\r\n"
        .getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(fixed, Files.readAllBytes(dir.resolve("Dockerfile")));
  }

  @Test
  void aSymlinkIsNotWrittenThrough() throws Exception {
    CliRun.write(dir, "real/Dockerfile", "FROM alpine:3.20 AS a\nFROM a as b\nUSER nobody\n");
    Files.createSymbolicLink(dir.resolve("Dockerfile"), Path.of("real/Dockerfile"));
    CliRun r = CliRun.berth(dir, "--fix", "-q", "Dockerfile");
    assertTrue(r.err().contains("Dockerfile: not fixed: a symlink or not a regular file"), r.err());
    assertEquals("FROM alpine:3.20 AS a\nFROM a as b\nUSER nobody\n",
        Files.readString(dir.resolve("real/Dockerfile")));
  }

  @Test
  void misuseIsAUsageError() {
    assertEquals(2, CliRun.berth(dir, "--dry-run").code());
    assertEquals(2, CliRun.berth(dir, "--fix", "-").code());
  }
}
