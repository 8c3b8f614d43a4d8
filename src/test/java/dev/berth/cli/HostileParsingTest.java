package dev.berth.cli;

import static dev.berth.cli.CliRun.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile-input suite, part 3: inputs that break or stall a parser, a matcher or an expander.
 * Inputs are generated here at the size of issue 20's reproducers; each run is bounded by a
 * time far above its normal duration, so only super-linear behaviour can fail it (speed itself
 * is bench/'s business).
 */
class HostileParsingTest {
  @TempDir Path dir;

  private CliRun berth(String... args) {
    return assertTimeoutPreemptively(Duration.ofSeconds(180), () -> CliRun.berth(dir, args),
        "berth did not finish in 180 s: super-linear work on hostile input");
  }

  @Test
  void r11_aDeeplyNestedConfigIsAConfigErrorNotAStackOverflow() throws IOException {
    write(dir, ".berth.yaml", "rules: " + "[".repeat(2000) + "]".repeat(2000) + "\n");
    write(dir, "Dockerfile", "FROM alpine\nUSER nobody\n");
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    assertEquals(".berth.yaml:1:71: error: configuration nested deeper than 64 levels\n",
        r.err());
  }

  @Test
  void r11_deeplyNestedComposeIsALimitDiagnostic() throws IOException {
    write(dir, "compose.yaml", "services:\n  web:\n    image: nginx\nx-deep: "
        + "[".repeat(5000) + "]".repeat(5000) + "\n");
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    assertEquals("compose.yaml:4:508: error: YAML nested deeper than 500 levels\n", r.err());
  }

  @Test
  void r22_aLargePlainComposeFileIsNotBlamedOnAliases() throws IOException {
    StringBuilder b = new StringBuilder("services:\n");
    for (int i = 0; i < 26_000; i++) {
      b.append("  s").append(i).append(": {image: a, ports: [\"").append(10_000 + i)
          .append(":80\"]}\n");
    }
    write(dir, "compose.yaml", b.toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code());
    assertEquals("compose.yaml:25001:29: error: YAML has more than 100000 nodes, berth's limit "
        + "for one file; refusing to load it\n", r.err());
  }

  /** A comment that puts an emoji's high surrogate at {@code offset}, then {@code rest}. */
  private static String emojiAt(int offset, String rest) {
    return "# " + "x".repeat(offset - 2) + "\uD83D\uDE00\n" + rest;
  }

  @Test
  void r28_anEmojiAtTheYamlReadWindowBoundaryIsRead() throws IOException {
    for (int offset : new int[] {1024, 2049, 3074}) {
      write(dir, "p" + offset + "/compose.yaml", emojiAt(offset,
          "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n"
              + "  api:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n"));
    }
    CliRun r = berth("--root", ".", "--format", "json");
    assertEquals("", r.err());
    assertEquals(1, r.code());
    for (int offset : new int[] {1024, 2049, 3074}) {
      assertTrue(r.out().contains("\"file\" : \"p" + offset + "/compose.yaml\""), r.out());
    }
  }

  @Test
  void r28_anEmojiAtTheReadWindowBoundaryOfTheConfigIsRead() throws IOException {
    write(dir, ".berth.yaml", emojiAt(1024, "fail-level: none\n"));
    write(dir, "Dockerfile", "FROM python:3.12-slim\n");
    CliRun r = berth("--root", ".");
    assertEquals("", r.err());
    assertEquals(0, r.code(), r.out());
  }

  @Test
  void r29_anInvalidIgnoreGlobIsAConfigErrorAtItsPosition() throws IOException {
    write(dir, ".berth.yaml", "ignore: [\"vendor/[z-a]*\", \"a{b\"]\n");
    write(dir, "Dockerfile", "FROM alpine\nUSER nobody\n");
    CliRun r = berth("--root", ".");
    assertEquals(2, r.code());
    assertEquals(".berth.yaml:1:19: error: invalid glob \"vendor/[z-a]*\": invalid range z-a\n"
        + ".berth.yaml:1:29: error: invalid glob \"a{b\": '{' without its '}'\n", r.err());
  }

  @Test
  void r30_ignoreGlobsDoNotBacktrack() throws IOException {
    write(dir, "Dockerfile", "FROM alpine\nUSER nobody\n");
    write(dir, "a".repeat(40), "x\n");
    write(dir, ".berth.yaml", "ignore: [\"" + "*a".repeat(10) + "*b\", \"a" + "*".repeat(20)
        + "b\"]\n");
    CliRun r = berth("--root", ".");
    assertEquals("", r.err());
    assertEquals(0, r.code(), r.out());
  }

  @Test
  void r09_anEnvFileExpansionBombStopsAtTheValueBound() throws IOException {
    StringBuilder env = new StringBuilder("A0=xxxxxxxxxx\n");
    for (int i = 1; i < 60; i++) {
      env.append("A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1)
          .append("}\n");
    }
    write(dir, ".env", env.toString());
    write(dir, "compose.yaml", "services:\n  web:\n    image: nginx\n    command: ${A59}\n");
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith(".env:18:5: error: interpolation result longer than 1048576 "
        + "characters, berth's limit\n"), r.err());
  }

  @Test
  void r09_manyReferencesToALargeValueStopAtTheFileBound() throws IOException {
    StringBuilder env = new StringBuilder("A=" + "x".repeat(500_000) + "\n");
    for (int i = 0; i < 5_000; i++) env.append("B").append(i).append("=${A}\n");
    write(dir, ".env", env.toString());
    write(dir, "compose.yaml", "services:\n  web:\n    image: nginx\n");
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code());
    assertEquals(".env:35:5: error: interpolation in this file produces more than 16777216 "
        + "characters in total, berth's limit\n", r.err());
  }

  @Test
  void r10_aDockerfileEnvExpansionBombStopsAtTheWordBound() throws IOException {
    write(dir, "Dockerfile", "FROM alpine\nENV A=aaaaaaaaaa\n" + "ENV A=$A$A\n".repeat(40)
        + "RUN echo $A\nUSER nobody\n");
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code());
    assertEquals("Dockerfile:15:7: error: failed to process \"$A$A\": expansion longer than 65536 "
        + "characters, berth's limit; the value is unknown to berth\n", r.err());
  }

  @Test
  void r10_anArgChainAndManyReferencesStopAtTheDockerfileBound() throws IOException {
    StringBuilder df = new StringBuilder("FROM alpine\nARG A0=" + "a".repeat(60_000) + "\n");
    for (int i = 0; i < 900; i++) df.append("ENV B").append(i).append("=$A0\n");
    write(dir, "Dockerfile", df.append("USER nobody\n").toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code());
    assertEquals("Dockerfile:281:10: error: failed to process \"$A0\": variable expansion of this "
        + "Dockerfile produces more than 16777216 characters in total, berth's limit; the value is "
        + "unknown to berth\n", r.err());
  }

  /** The nesting bound of Dockerfile substitution is reported like the length bounds. */
  @Test
  void deeplyNestedDockerfileSubstitutionIsALimitDiagnostic() throws IOException {
    String word = "${A:-".repeat(150) + "x" + "}".repeat(150);
    write(dir, "Dockerfile", "FROM alpine\nENV B=" + word + "\nUSER nobody\n");
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code(), r.out());
    assertEquals("Dockerfile:2:7: error: failed to process \"" + word + "\": variable substitution "
        + "nested deeper than 100 levels, berth's limit; the value is unknown to berth\n", r.err());
  }

  private static final String PYTHON_APP = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\n"
      + "USER nobody\nCMD [\"python\", \"app.py\"]\n";

  /** A clean project whose app.py (copied into the image, so scanned) holds one hostile line. */
  private void assertCleanWith(String appPy) throws IOException {
    write(dir, "Dockerfile", PYTHON_APP);
    write(dir, "app.py", appPy);
    CliRun r = berth("--root", ".", "-q");
    assertEquals("", r.err());
    assertEquals(0, r.code(), r.out());
  }

  @Test
  void r12_aLongFromLineDoesNotBacktrack() throws IOException {
    assertCleanWith("import os\nfrom " + "a".repeat(1_000_000) + "\n");
  }

  @Test
  void r13_repeatedSysPathCallsDoNotRescanTheLine() throws IOException {
    assertCleanWith("import sys\n" + "sys.path.insert(".repeat(60_000) + "\n");
  }

  @Test
  void r14_repeatedBasicConfigCallsDoNotRescanTheText() throws IOException {
    // just under the 1 MiB bound for application files, so the scan really reads it (at 1.2 MB
    // it was skipped unread, which the bound's note now says)
    assertCleanWith("from flask import Flask\nimport logging\n"
        + "logging.basicConfig(".repeat(40_000) + "\n" + "\n".repeat(200_000));
  }
}
