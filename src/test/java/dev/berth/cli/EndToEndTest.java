package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real main entry point with the real rules on hostile and broken input: every problem is one
 * line naming the file and position, exit code 2, never a stack trace, and the rest of the project
 * is still reported.
 */
class EndToEndTest {
  @TempDir Path dir;
  String out;
  String err;

  private int berth(String... args) {
    CliRun run = CliRun.berth(dir, args);
    out = run.out();
    err = run.err();
    return run.code();
  }

  private void write(String path, String text) throws IOException {
    CliRun.write(dir, path, text);
  }

  private static final String GOOD = "FROM alpine:3.20\nUSER nobody\nCMD [\"true\"]\n";

  @Test
  void aDockerfileBuildKitRefusesIsOneFindingNotADiagnosticAndTheRestIsStillLinted()
      throws IOException {
    write("bad/Dockerfile", "FROM alpine:3.20\nRUN apk add curl\n    jq\n");
    write("good/Dockerfile", "FROM alpine:3.20 as base\nUSER nobody\n");
    assertEquals(1, berth("--root", ".", "."));
    assertEquals("", err);
    assertEquals(1, out.lines().filter(l -> l.contains("unknown instruction: jq")).count(), out);
    assertTrue(out.contains("bad/Dockerfile:3:5: error BTH001"), out);
    assertTrue(out.contains("good/Dockerfile:1:18: note BTH005"), out);
    // the fail level governs it, like any finding
    assertEquals(0, berth("--root", ".", "--fail-level", "none", "."));
  }

  @Test
  void templatesAreANoteNotAnErrorAndDoNotChangeTheExitCode() throws IOException {
    write("{{cookiecutter.project_slug}}/Dockerfile", "FROM python:3.12-slim\n{% if x %}\n"
        + "RUN true\n{% endif %}\n");
    write("{{cookiecutter.project_slug}}/compose.yaml", "services:\n  a:\n    image: {{ x }}\n");
    write("Dockerfile", GOOD);
    assertEquals(0, berth("--root", ".", "."));
    assertEquals("{{cookiecutter.project_slug}}:1:1: note: a template placeholder: the 2 "
        + "Dockerfiles and compose files below it are rendered by a generator before Docker sees "
        + "them, so not linted\n", err);
    assertEquals(0, berth("--root", ".", "--format", "sarif", "."));
    JsonNode invocation = new ObjectMapper().readTree(out).get("runs").get(0).get("invocations")
        .get(0);
    assertTrue(invocation.get("executionSuccessful").asBoolean());
    assertEquals("note", invocation.get("toolExecutionNotifications").get(0).get("level").asText());
  }

  @Test
  void anotherDirectorysScriptedComposeSetsAreNotLintedWithThePathsNamed() throws IOException {
    write("a/compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    // b's Makefile layers compose.extra.yaml on compose.yaml: two services on host port 80
    write("b/compose.yaml", "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n");
    write("b/compose.extra.yaml", "services:\n  admin:\n    image: nginx:1.27\n"
        + "    ports: [\"80:80\"]\n");
    write("b/Makefile", "up:\n\tdocker compose -f compose.yaml -f compose.extra.yaml up -d\n");
    assertEquals(0, berth("--root", ".", "-q", "a"));
    assertEquals("", out);
    assertEquals(1, berth("--root", ".", "-q", "b"));
    assertTrue(out.contains("b/compose.extra.yaml:4:") && out.contains("BTH104"), out);
  }

  @Test
  void vendoredDependenciesAreANoteNotLinted() throws IOException {
    // Composer's vendor/ (a composer.json beside it): the dependency's own dev setup, shipped
    // without the phpunit.xml.dist it mounts, which would otherwise be a false BTH306.
    write("web/composer.json", "{}\n");
    write("web/vendor/acme/minify/docker-compose.yml", "services:\n  php:\n    image: php:8.3\n"
        + "    volumes:\n      - ./phpunit.xml.dist:/var/www/phpunit.xml.dist\n");
    write("web/vendor/acme/minify/Dockerfile", "FROM php:8.3\nRUN apt-get update\n");
    // Go's vendor/ (modules.txt in it)
    write("svc/vendor/modules.txt", "# example.com/x v1.0.0\n");
    write("svc/vendor/example.com/x/Dockerfile", "FROM golang:1.22\nRUN apt-get update\n");
    // another project's release copied under lib/ by its name and version (fluent-bit's
    // lib/nghttp2-1.65.0, whose third-party/mruby/Dockerfile it never builds)
    write("lib/nghttp2-1.65.0/third-party/mruby/Dockerfile", "FROM ruby:3\nCOPY .pre-commit.yaml .\n");
    // a directory merely named vendor, with no package manager's marker, is linted, and so is a
    // lib/ directory without a version
    write("vendor/Dockerfile", GOOD);
    write("lib/tools/Dockerfile", GOOD);
    write("Dockerfile", GOOD);
    assertEquals(0, berth("--root", ".", "."));
    String vendored = "a dependency vendored into the repository (a package manager's vendor/, or"
        + " another project's release copied under lib/ or the like): ";
    assertEquals("lib/nghttp2-1.65.0:1:1: note: " + vendored + "the Dockerfile or compose file"
        + " below it is a dependency's own, which this project does not build, so not linted\n"
        + "svc/vendor:1:1: note: " + vendored + "the "
        + "Dockerfile or compose file below it is a dependency's own, which this project does not "
        + "build, so not linted\n"
        + "web/vendor:1:1: note: " + vendored + "the 2 Dockerfiles "
        + "and compose files below it are a dependency's own, which this project does not build, "
        + "so not linted\n", err);
  }

  @Test
  void binaryHugeAndDanglingFilesAreDiagnosticsNotCrashes() throws IOException {
    Files.write(dir.resolve("Dockerfile.bin"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
    write("Dockerfile.huge", "# " + "x".repeat(3 * 1024 * 1024) + "\n");
    Files.createSymbolicLink(dir.resolve("Dockerfile.gone"), dir.resolve("missing"));
    write("Dockerfile", GOOD);
    assertEquals(2, berth("--root", ".", "."));
    List<String> lines = err.lines().toList();
    assertEquals(3, lines.size(), err);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Dockerfile.bin:1:1: error: binary file")), err);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Dockerfile.huge:1:1: error: file is too large")), err);
    assertTrue(lines.contains("Dockerfile.gone:1:1: error: cannot read file: dangling symlink (target does not exist)"), err);
  }

  @Test
  void symlinkLeavingTheRootIsReportedNotFollowed(@TempDir Path outside) throws IOException {
    Path secret = outside.resolve("Dockerfile");
    Files.writeString(secret, "FROM alpine\nUSER root\n");
    Files.createSymbolicLink(dir.resolve("Dockerfile"), secret);
    assertEquals(2, berth("--root", ".", "."));
    assertEquals("Dockerfile:1:1: error: symlink points outside the project root (or loops); "
        + "not followed\n", err);
    assertFalse(out.contains("BTH007"), "the file outside the root was read:\n" + out);
  }

  @Test
  void invalidYamlAndAliasBombsAreDiagnosticsWithPositions() throws IOException {
    write("api/compose.yaml", "services:\n  web:\n    image: nginx\n   ports: [80]\n");
    StringBuilder bomb = new StringBuilder("x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      bomb.append("x-").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) bomb.append(i == 0 ? "" : ",").append('*').append(prev);
      bomb.append("]\n");
      prev = c;
    }
    bomb.append("services:\n  web:\n    image: nginx\n");
    write("bomb/compose.yaml", bomb.toString());
    long start = System.nanoTime();
    assertEquals(2, berth("--root", ".", "."));
    // not a timing test: a bound far above normal so an exponential blow-up fails loudly
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "alias bomb was expanded");
    assertTrue(err.lines().anyMatch(l -> l.matches("api/compose\\.yaml:4:\\d+: error: .+")), err);
    assertTrue(err.lines().anyMatch(l -> l.startsWith("bomb/compose.yaml:")), err);
  }

  @Test
  void aByteOrderMarkDoesNotShiftComposeColumns() throws IOException {
    Files.write(dir.resolve("compose.yaml"), ("\uFEFFversion: \"3.8\"\nservices:\n  web:\n"
        + "    image: nginx\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(0, berth("--root", ".", "--fail-level", "warning", "."));
    assertTrue(out.startsWith("compose.yaml:1:1: note BTH108"), out);
  }

  @Test
  void anEmptyComposeFileIsRefusedLikeDockerComposeDoes() throws IOException {
    // Docker refuses it and berth understands it: a finding the fail level governs, not exit 2
    write("compose.yaml", "# nothing yet\n");
    assertEquals(1, berth("--root", ".", "-q", "."));
    assertEquals("", err);
    assertTrue(out.startsWith("compose.yaml:1:1: error BTH101 compose.yaml has no content "
        + "(\"empty compose file\"); docker compose refuses to load the project"), out);
    assertEquals(0, berth("--root", ".", "--fail-level", "none", "."));
  }

  @Test
  void anEmptyLayerOnTopOfTheDefaultFilesIsFine() throws IOException {
    write("compose.yaml", "services:\n  web:\n    image: nginx:1.27-alpine\n");
    write("compose.extras.yaml", "# forks add services here\n");
    assertEquals(0, berth("--root", ".", "-q", "."));
    assertEquals(0, berth("--root", ".", "-q", "-f", "compose.yaml", "-f", "compose.extras.yaml"));
    assertEquals("", err);
  }

  @Test
  void relatedDirectoriesAndMissingPathsHaveNoRegionToOpen() throws IOException {
    write("app/Dockerfile", "FROM alpine:3.20\nCOPY missing.txt /\nUSER nobody\nCMD [\"true\"]\n");
    assertEquals(1, berth("--root", ".", "--format", "sarif", "."));
    JsonNode related = new ObjectMapper().readTree(out).get("runs").get(0).get("results").get(0)
        .get("relatedLocations");
    assertEquals("app/", related.get(0).get("physicalLocation").get("artifactLocation")
        .get("uri").asText());
    assertEquals("app/missing.txt", related.get(1).get("physicalLocation")
        .get("artifactLocation").get("uri").asText());
    for (JsonNode r : related) assertFalse(r.get("physicalLocation").has("region"), r.toString());
  }

  @Test
  void sarifForTheSampleIsRelativeAndTruthfulAboutExecution() throws IOException {
    write("svc/Dockerfile", "FROM python:3.12-slim\nCMD python app.py\n");
    write("bad/Dockerfile", "FROM alpine\nCOPY onlyone\n");
    Files.createDirectories(dir.resolve("bin"));
    Files.write(dir.resolve("bin/Dockerfile"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
    Files.createDirectories(dir.resolve("out"));
    assertEquals(2, berth("--root", ".", "--format", "sarif", "--output", "out/report.sarif", "."));
    assertEquals("", out);
    JsonNode sarif = new ObjectMapper().readTree(dir.resolve("out/report.sarif").toFile());
    assertEquals("2.1.0", sarif.get("version").asText());
    JsonNode run = sarif.get("runs").get(0);
    assertFalse(run.get("invocations").get(0).get("executionSuccessful").asBoolean());
    assertEquals("bin/Dockerfile", run.get("invocations").get(0).get("toolExecutionNotifications")
        .get(0).get("locations").get(0).get("physicalLocation").get("artifactLocation")
        .get("uri").asText());
    for (JsonNode r : run.get("results")) {
      String uri = r.get("locations").get(0).get("physicalLocation").get("artifactLocation")
          .get("uri").asText();
      assertFalse(uri.startsWith("/") || uri.startsWith("./") || uri.contains(":"), uri);
    }
    assertTrue(run.get("results").findValuesAsText("ruleId").containsAll(
        List.of("BTH001", "BTH006", "BTH007")), run.get("results").toString());
    try (Stream<Path> s = Files.walk(dir)) {
      assertEquals(List.of("bad/Dockerfile", "bin/Dockerfile", "out/report.sarif", "svc/Dockerfile"),
          s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList(),
          "berth wrote somewhere other than --output");
    }
  }
}
