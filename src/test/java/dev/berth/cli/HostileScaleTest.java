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
 * Hostile-input suite, part 4: size. Thousands of stages, deep paths, include graphs, pattern
 * lists against many files, at the sizes of issue 20's reproducers; each run is bounded by a
 * time far above its normal duration, so only super-linear growth can fail it.
 */
class HostileScaleTest {
  @TempDir Path dir;

  private CliRun berth(String... args) {
    return assertTimeoutPreemptively(Duration.ofSeconds(180), () -> CliRun.berth(dir, args),
        "berth did not finish in 180 s: super-linear work on hostile input");
  }

  private static long count(String text, String what) {
    return text.lines().filter(l -> l.contains(what)).count();
  }

  @Test
  void r06_aFromChainOfTenThousandStagesStopsAtTheChainBound() throws IOException {
    StringBuilder df = new StringBuilder("FROM alpine:3.19 AS s0\nRUN adduser -D app\n");
    for (int i = 1; i < 10_000; i++) {
      df.append("FROM s").append(i - 1).append(" AS s").append(i).append("\nRUN touch /f")
          .append(i).append('\n');
    }
    write(dir, "Dockerfile", df.append("USER app\n").toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code());
    assertEquals("Dockerfile:131:1: error: FROM chain longer than 64 stages, berth's limit; this "
        + "stage starts from an image unknown to berth\n", r.err());
  }

  /**
   * Each ENV copied the whole environment, once in the resolver and twice in the simulation, for
   * every instruction: 5,000 ENV lines took 70 s and 4.8 GB. Past the stage-length limit the
   * variables are unknown, so the one value CMD reads is not judged either.
   */
  @Test
  void r26_tenThousandChainedEnvInstructionsStopAtTheStageLimit() throws IOException {
    StringBuilder df = new StringBuilder("FROM alpine:3.19\nENV V0=x\n");
    for (int i = 1; i < 10_000; i++) {
      df.append("ENV V").append(i).append("=${V").append(i - 1).append("}x\n");
    }
    write(dir, "Dockerfile", df.append("USER nobody\nCMD [\"sh\", \"-c\", \"echo $V9999\"]\n")
        .toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals("", r.out());
    assertEquals(2, r.code());
    assertEquals("Dockerfile:1001:1: error: more than 1000 variables in one stage, berth's limit; "
        + "their values from here on are unknown to berth\n"
        + "Dockerfile:1002:1: error: stage longer than 1000 instructions, berth's limit; "
        + "what it does from here on is unknown to berth\n", r.err());
  }

  /**
   * A FROM chain passes each stage's variables on: 60 stages of 500 ENV lines grew one
   * environment to 30,000 variables, copied per ENV (out of memory after 198 s before the limit).
   */
  @Test
  void r27_variablesInheritedAlongAFromChainStopAtTheVariableLimit() throws IOException {
    StringBuilder df = new StringBuilder("FROM alpine:3.19 AS s0\n");
    for (int k = 0; k < 60; k++) {
      if (k > 0) df.append("FROM s").append(k - 1).append(" AS s").append(k).append('\n');
      for (int i = 0; i < 500; i++) df.append("ENV V").append(k).append('_').append(i).append("=x\n");
    }
    write(dir, "Dockerfile", df.append("USER nobody\nCMD [\"sh\"]\n").toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals("", r.out());
    assertEquals(2, r.code());
    assertEquals("Dockerfile:1002:1: error: more than 1000 variables in one stage, berth's limit; "
        + "their values from here on are unknown to berth\n", r.err());
  }

  @Test
  void r07_aCopyFromChainIsLinear() throws IOException {
    StringBuilder df = new StringBuilder("FROM alpine:3.19 AS s0\nRUN touch /f0\n");
    for (int i = 1; i < 10_000; i++) {
      df.append("FROM alpine:3.19 AS s").append(i).append("\nCOPY --from=s").append(i - 1)
          .append(" /f").append(i - 1).append(" /f").append(i).append('\n');
    }
    write(dir, "Dockerfile", df.append("USER nobody\n").toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals("", r.err());
    assertEquals(0, r.code(), r.out());
  }

  @Test
  void r08_aCopyFromCycleOfTenThousandStagesIsOneFindingPerCopy() throws IOException {
    StringBuilder df = new StringBuilder();
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      df.append("FROM alpine:3.19 AS s").append(i).append("\nCOPY --from=s")
          .append((i + 1) % n).append(" /x /x\n");
    }
    write(dir, "Dockerfile", df.toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals("", r.err());
    assertEquals(1, r.code());
    assertEquals(n, count(r.out(), "error BTH002"));
    assertEquals(n, count(r.out(), "(and 9990 more stages)"));
  }

  @Test
  void r15_aVeryDeepWorkdirIsUnknownPastTheDepthBound() throws IOException {
    write(dir, "Dockerfile", "FROM alpine\nWORKDIR /" + "a/".repeat(300_000)
        + "\nRUN touch x\nUSER nobody\n");
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code());
    assertEquals("Dockerfile:2:9: error: WORKDIR deeper than 256 components, berth's limit; what "
        + "is under it is unknown to berth\n", r.err());
  }

  /** Not a reproducer of its own: the bound that keeps one long stage (r24's cousin) linear. */
  @Test
  void aStageOfMoreThanAThousandInstructionsIsALimitDiagnostic() throws IOException {
    StringBuilder df = new StringBuilder("FROM alpine:3.19\n");
    for (int i = 0; i < 1_200; i++) df.append("RUN touch /f").append(i).append('\n');
    write(dir, "Dockerfile", df.append("USER nobody\n").toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code(), r.out());
    assertEquals("Dockerfile:1002:1: error: stage longer than 1000 instructions, berth's limit; "
        + "what it does from here on is unknown to berth\n", r.err());
  }

  /**
   * An nginx config of 5,000 servers (345 KiB) is read like a small one: a silent 256 KiB bound
   * in the image-file reader hid its listeners. Past AppSources' 1 MiB a note says it was not read.
   */
  @Test
  void aLargeNginxConfigInTheImageIsReadUpToTheApplicationFileBound() throws IOException {
    write(dir, "Dockerfile", "FROM nginx:1.27\nCOPY default.conf /etc/nginx/conf.d/default.conf\n");
    write(dir, "compose.yaml", "services:\n  web:\n    build: .\n    ports: ['80:80']\n");
    StringBuilder conf = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      conf.append("server { listen ").append(10_000 + i).append("; }\n");
    }
    write(dir, "default.conf", conf.toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals("", r.err());
    assertEquals(1, r.code());
    assertTrue(r.out().startsWith("compose.yaml:4:13: error BTH700 service 'web' publishes "
        + "container port 80, but no process in the container listens on it"), r.out());
    // One finding, ten listeners named and related, the rest counted.
    assertTrue(r.out().contains("nginx (listen 10009) on 0.0.0.0:10009 and 4990 more), so"),
        r.out());
    assertEquals(10, count(r.out(), " listens on 0.0.0.0:"));

    while (conf.length() <= 1024 * 1024) conf.append(conf);
    write(dir, "default.conf", conf.toString());
    r = berth("--root", ".");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.err().startsWith("default.conf:1:1: note: not consulted: file is too large ("),
        r.err());
  }

  /** The bound on simulated image paths says where it was reached (one RUN making 20,001). */
  @Test
  void anImageOfMoreThanTwentyThousandPathsIsALimitDiagnostic() throws IOException {
    StringBuilder run = new StringBuilder("RUN mkdir -p");
    for (int i = 0; i < 20_001; i++) run.append(" /d/p").append(i);
    write(dir, "Dockerfile", "FROM alpine:3.19\n" + run + "\nRUN mkdir /late\nUSER nobody\n");
    CliRun r = berth("--root", ".", "-q");
    assertEquals(2, r.code(), r.out());
    assertEquals("Dockerfile:2:1: error: the image holds 20000 paths, berth's limit; paths this "
        + "instruction and later ones create are unknown to berth\n", r.err());
  }

  /** Sampling bounds on application files are notes: they name the bound, the exit code stays. */
  @Test
  void applicationFileBoundsAreNamedInNotes() throws IOException {
    write(dir, "Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nUSER nobody\n"
        + "CMD [\"python\", \"main.py\"]\n");
    for (int i = 0; i < 501; i++) write(dir, "pkg/m" + i + ".py", "import os\n");
    write(dir, "main.py", "import os\n# " + "x".repeat(1_100_000) + "\n");
    CliRun r = berth("--root", ".", "-q");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("main.py:1:1: note: not consulted: file is too large (1100013 bytes, limit "
        + "1048576), berth's limit for application files; what it would tell the rules is unknown "
        + "to berth\n"
        + "berth: note: builds copy more than 500 *.py files from the context ./, berth's limit; "
        + "imports that leave the context are looked for in the first 500 only\n"
        + "berth: note: the build context ./ holds more than 300 *.py files, berth's limit; "
        + "Flask log files are looked for in the first 300 only\n", r.err());
  }

  @Test
  void r24_sixteenThousandIndependentStagesAreLinear() throws IOException {
    StringBuilder df = new StringBuilder();
    for (int i = 0; i < 16_000; i++) {
      df.append("FROM alpine:3.19 AS s").append(i).append("\nRUN echo ").append(i).append('\n');
    }
    df.append("CMD [\"./app\"]\n");
    write(dir, "Dockerfile", df.toString());
    CliRun r = berth("--root", ".", "-q");
    assertEquals("", r.err());
    assertEquals(1, r.code());
    assertTrue(r.out().startsWith("Dockerfile:31999:1: warning BTH007"), r.out());
  }

  /** Three files per level, each including the three of the next level; {@code .env} too. */
  @Test
  void r16_anIncludeGraphOfSharedFilesIsResolvedOncePerFile() throws IOException {
    int levels = 16;
    write(dir, ".env", "TAG=1\n");
    write(dir, "compose.yaml", "include: [l0a.yaml, l0b.yaml, l0c.yaml]\nservices:\n"
        + "  web: {image: \"nginx:${TAG}\"}\n");
    for (int i = 0; i < levels; i++) {
      for (String s : new String[] {"a", "b", "c"}) {
        write(dir, "l" + i + s + ".yaml", "include: [l" + (i + 1) + "a.yaml, l" + (i + 1)
            + "b.yaml, l" + (i + 1) + "c.yaml]\nservices:\n  s" + i + s + ": {image: x}\n");
      }
    }
    for (String s : new String[] {"a", "b", "c"}) {
      write(dir, "l" + levels + s + ".yaml", "services:\n  z" + s + ": {image: x}\n");
    }
    CliRun r = berth("--root", ".", "-q", "compose.yaml");
    assertEquals("", r.err());
    assertEquals(0, r.code(), r.out());
  }

  @Test
  void r16_moreIncludesThanTheBoundAreALimitDiagnostic() throws IOException {
    StringBuilder top = new StringBuilder("include:\n");
    for (int i = 0; i < 300; i++) {
      top.append("  - inc/").append(i).append(".yaml\n");
      write(dir, "inc/" + i + ".yaml", "services:\n  s" + i + ": {image: x}\n");
    }
    write(dir, "compose.yaml", top.append("services:\n  web: {image: nginx}\n").toString());
    CliRun r = berth("--root", ".", "-q", "compose.yaml");
    assertEquals(2, r.code());
    assertEquals("compose.yaml:258:5: error: more than 256 includes to resolve in one project, "
        + "berth's limit; the rest are not loaded\n", r.err());
  }

  @Test
  void r25_manyDockerignorePatternsAgainstManyFilesAreNotTriedPairwise() throws IOException {
    StringBuilder ignore = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      ignore.append("dir").append(i).append("/**/file").append(i).append("*.txt\n!keep")
          .append(i).append('\n');
    }
    write(dir, ".dockerignore", ignore.toString());
    write(dir, "Dockerfile", "FROM alpine\nCOPY . /app\nUSER nobody\n");
    for (int j = 0; j < 1_000; j++) write(dir, "src/d" + (j % 20) + "/f" + j + ".txt", "x");
    CliRun r = berth("--root", ".", "-q");
    assertEquals("", r.err());
    assertEquals(0, r.code(), r.out());
  }
}
