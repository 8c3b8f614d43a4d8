package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.rules.Analysis;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SarifReporterTest {
  private static final String PAGE = """
      # BTH901: duplicate-stage
      
      Two stages share a name, so
      `COPY --from` picks the wrong one.
      
      ## Why it matters
      BuildKit rejects it.
      """;

  private static JsonNode sarif(Analysis analysis) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SarifReporter("1.2.3", id -> id.equals("BTH901") ? RulePage.parse(PAGE) : Optional.empty())
        .write(analysis, Fakes.project(Path.of("/repo")), out);
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void cleanRunHasAnEmptyResultsArrayAndSuccessfulInvocation() throws Exception {
    JsonNode log = sarif(new Analysis(List.of(), List.of(Fakes.DUP), List.of()));
    assertEquals("https://json.schemastore.org/sarif-2.1.0.json", log.get("$schema").asText());
    assertEquals("2.1.0", log.get("version").asText());
    assertEquals(1, log.get("runs").size());
    JsonNode run = log.get("runs").get(0);
    assertTrue(run.get("results").isArray());
    assertEquals(0, run.get("results").size());
    assertEquals(json("[{\"executionSuccessful\":true,\"toolExecutionNotifications\":[]}]"),
        run.get("invocations"));
    assertEquals("utf16CodeUnits", run.get("columnKind").asText());
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("berth", driver.get("name").asText());
    assertEquals("1.2.3", driver.get("semanticVersion").asText());
    assertEquals("https://github.com/berth-lint/berth", driver.get("informationUri").asText());
  }

  @Test
  void rulesCarryGithubMetadataAndPageProse() throws Exception {
    JsonNode rules = sarif(new Analysis(List.of(), List.of(Fakes.DUP, Fakes.SECRET), List.of()))
        .get("runs").get(0).get("tool").get("driver").get("rules");
    assertEquals(2, rules.size());
    JsonNode dup = rules.get(0);
    assertEquals("BTH901", dup.get("id").asText());
    assertEquals("duplicate-stage", dup.get("name").asText());
    assertEquals("A stage name is declared twice.", dup.get("shortDescription").get("text").asText());
    assertEquals("Two stages share a name, so `COPY --from` picks the wrong one.",
        dup.get("fullDescription").get("text").asText());
    assertEquals("Two stages share a name, so\nCOPY --from picks the wrong one.\n\n"
        + "Why it matters\nBuildKit rejects it.\n", dup.get("help").get("text").asText());
    assertEquals("Two stages share a name, so\n`COPY --from` picks the wrong one.\n\n"
        + "## Why it matters\nBuildKit rejects it.\n", dup.get("help").get("markdown").asText());
    assertEquals("https://github.com/berth-lint/berth/blob/main/rules/BTH901.md",
        dup.get("helpUri").asText());
    assertEquals(json("{\"level\":\"error\"}"), dup.get("defaultConfiguration"));
    assertEquals(json("{\"tags\":[\"bug\",\"docker\"],\"aliases\":[\"DL3024\"],"
        + "\"hadolint\":[\"DL3024\"],\"precision\":\"very-high\","
        + "\"problem.severity\":\"error\"}"), dup.get("properties"));

    JsonNode secret = rules.get(1);
    assertEquals("A secret is passed as a build argument.",
        secret.get("fullDescription").get("text").asText());
    assertEquals("A secret is passed as a build argument.", secret.get("help").get("text").asText());
    assertEquals(json("{\"level\":\"warning\"}"), secret.get("defaultConfiguration"));
    assertEquals(json("{\"tags\":[\"security\",\"docker\"],\"precision\":\"medium\","
        + "\"problem.severity\":\"warning\",\"security-severity\":\"5.0\"}"),
        secret.get("properties"));
  }

  @Test
  void resultsHaveLocationsRelatedFixesFingerprintsAndSuppressions() throws Exception {
    JsonNode results = sarif(new Analysis(List.of(Fakes.secret(), Fakes.duplicate()),
        List.of(Fakes.DUP, Fakes.SECRET), List.of())).get("runs").get(0).get("results");
    assertEquals(2, results.size());

    JsonNode secret = results.get(0);
    assertEquals("BTH902", secret.get("ruleId").asText());
    assertEquals(1, secret.get("ruleIndex").asInt());
    assertEquals("warning", secret.get("level").asText());
    assertEquals(json("[{\"kind\":\"inSource\",\"justification\":\"dev-only image\"}]"),
        secret.get("suppressions"));

    JsonNode dup = results.get(1);
    assertEquals("BTH901", dup.get("ruleId").asText());
    assertEquals(0, dup.get("ruleIndex").asInt());
    assertEquals("error", dup.get("level").asText());
    assertEquals("stage name \"build\" is already used by stage 0",
        dup.get("message").get("text").asText());
    assertEquals(json("""
        [{"physicalLocation":{
          "artifactLocation":{"uri":"app/Dockerfile","uriBaseId":"%SRCROOT%"},
          "region":{"startLine":3,"startColumn":16,"endLine":3,"endColumn":21}}}]"""),
        dup.get("locations"));
    assertEquals(json("""
        [{"id":1,"physicalLocation":{
          "artifactLocation":{"uri":"app/Dockerfile","uriBaseId":"%SRCROOT%"},
          "region":{"startLine":1,"startColumn":16,"endLine":1,"endColumn":21}},
          "message":{"text":"first declared here"}}]"""), dup.get("relatedLocations"));
    assertEquals(json("""
        [{"description":{"text":"rename the stage to build-2"},
          "artifactChanges":[{
            "artifactLocation":{"uri":"app/Dockerfile","uriBaseId":"%SRCROOT%"},
            "replacements":[{
              "deletedRegion":{"startLine":3,"startColumn":16,"endLine":3,"endColumn":21},
              "insertedContent":{"text":"build-2"}}]}]}]"""), dup.get("fixes"));
    assertFalse(dup.has("suppressions"));
    String fp = dup.get("partialFingerprints").get("berth/v1").asText();
    assertTrue(fp.matches("[0-9a-f]{32}:1"), fp);
    // Line 3 is "FROM alpine AS build" then EOF: without blanks, "FROMalpineASbuild\n", 65535,
    // then zeros; sum c[i] * 37^(99-i) mod 2^64, worked out separately (see LineHashesTest).
    assertEquals("1935993c31c8f99e:1",
        dup.get("partialFingerprints").get("primaryLocationLineHash").asText());
    assertEquals(2, dup.get("partialFingerprints").size());
    // Line 2, "ARG TOKEN": "ARGTOKEN\n" + "FROMalpineASbuild\n" + 65535.
    assertEquals("245790bd2224ff7b:1",
        secret.get("partialFingerprints").get("primaryLocationLineHash").asText());
  }

  @Test
  void runDeclaresSrcrootAndTakesTheCategoryAsGithubsUploadDoes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SarifReporter("1.2.3", Optional.of("berth-docker"), id -> Optional.empty(), 25_000)
        .write(new Analysis(List.of(), List.of(Fakes.DUP), List.of()),
            Fakes.project(Path.of("/repo")), out);
    JsonNode run = json(out.toString(StandardCharsets.UTF_8)).get("runs").get(0);
    String root = Path.of("/repo").toUri().toString();
    assertEquals(json("{\"%SRCROOT%\":{\"uri\":\"" + (root.endsWith("/") ? root : root + "/")
        + "\"}}"), run.get("originalUriBaseIds"));
    // codeql-action's upload appends "/" to a category that lacks one; the id is then the category.
    assertEquals(json("{\"id\":\"berth-docker/\"}"), run.get("automationDetails"));
    assertFalse(sarif(new Analysis(List.of(), List.of(Fakes.DUP), List.of())).get("runs").get(0)
        .has("automationDetails"));
  }

  @Test
  void resultsPastGithubsLimitAreLeftOutMostSevereKept() throws Exception {
    // Limit 2 stands for 25,000: of a suppressed warning, an error and a warning, the suppressed
    // one goes, and the run says so.
    dev.berth.rules.Finding warning = new dev.berth.rules.Finding(Fakes.SECRET,
        dev.berth.rules.Severity.WARNING, new Range("app/Dockerfile", 2, 1, 2, 4), "w",
        List.of(), List.of(), Optional.empty());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SarifReporter("1.2.3", Optional.empty(), id -> Optional.empty(), 2)
        .write(new Analysis(List.of(warning, Fakes.secret(), Fakes.duplicate()),
            List.of(Fakes.DUP, Fakes.SECRET), List.of()), Fakes.project(Path.of("/repo")), out);
    JsonNode run = json(out.toString(StandardCharsets.UTF_8)).get("runs").get(0);
    assertEquals(2, run.get("results").size());
    assertEquals("w", run.get("results").get(0).get("message").get("text").asText());
    assertEquals("BTH901", run.get("results").get(1).get("ruleId").asText());
    JsonNode note = run.get("invocations").get(0).get("toolExecutionNotifications").get(0);
    assertEquals("warning", note.get("level").asText());
    assertTrue(note.get("message").get("text").asText().startsWith("1 of 3 results left out"));
  }

  @Test
  void relatedLocationsStopAtTheHundredGithubShows() throws Exception {
    List<dev.berth.rules.Related> many = new java.util.ArrayList<>();
    for (int i = 0; i < 150; i++) {
      many.add(new dev.berth.rules.Related(new Range("app/Dockerfile", 1, 1, 1, 2), "r" + i));
    }
    dev.berth.rules.Finding f = new dev.berth.rules.Finding(Fakes.DUP,
        dev.berth.rules.Severity.ERROR, new Range("app/Dockerfile", 3, 1, 3, 2), "m", many,
        List.of(), Optional.empty());
    JsonNode result = sarif(new Analysis(List.of(f), List.of(Fakes.DUP), List.of()))
        .get("runs").get(0).get("results").get(0);
    assertEquals(100, result.get("relatedLocations").size());
  }

  @Test
  void diagnosticsBecomeErrorNotificationsAndAnUnsuccessfulRun() throws Exception {
    JsonNode inv = sarif(new Analysis(List.of(), List.of(), List.of(
        new Diagnostic(new Range("web/Dockerfile", 4, 1, 4, 9), Diagnostic.Kind.PARSE_ERROR,
            "unknown instruction: FORM"),
        new Diagnostic(Range.wholeFile("."), Diagnostic.Kind.INTERNAL, "rule BTH901 failed"))))
        .get("runs").get(0).get("invocations");
    assertEquals(json("""
        [{"executionSuccessful":false,"toolExecutionNotifications":[
          {"locations":[{"physicalLocation":{
            "artifactLocation":{"uri":"web/Dockerfile","uriBaseId":"%SRCROOT%"},
            "region":{"startLine":4,"startColumn":1,"endLine":4,"endColumn":9}}}],
           "message":{"text":"unknown instruction: FORM"},"level":"error"},
          {"message":{"text":"rule BTH901 failed"},"level":"error"}]}]"""), inv);
  }

  @Test
  void urisAreRelativeEscapedAndNeverLookLikeASchemeOrDotSlash() {
    assertEquals("app/Dockerfile", SarifReporter.uri("app/Dockerfile"));
    assertEquals("Dockerfile", SarifReporter.uri("./Dockerfile"));
    assertEquals("my%20app/c%3Aweird/%C3%A9t%C3%A9%23.yml",
        SarifReporter.uri("my app/c:weird/été#.yml"));
  }

  @Test
  void fingerprintsIgnoreLineNumbersButCountRepeats() {
    dev.berth.project.Project before = Fakes.project(Path.of("/r"));
    dev.berth.project.Project after = new dev.berth.project.Project(Path.of("/r"),
        dev.berth.config.BerthConfig.defaults(), List.of(), List.of(), List.of(),
        List.of(new dev.berth.source.SourceFile("app/Dockerfile", "# moved down\n"
            + Fakes.DOCKERFILE + "FROM alpine AS build\n")));
    dev.berth.rules.Finding moved = new dev.berth.rules.Finding(Fakes.DUP,
        dev.berth.rules.Severity.ERROR, new Range("app/Dockerfile", 4, 16, 4, 21), "m",
        List.of(), List.of(), Optional.empty());
    dev.berth.rules.Finding repeat = new dev.berth.rules.Finding(Fakes.DUP,
        dev.berth.rules.Severity.ERROR, new Range("app/Dockerfile", 5, 16, 5, 21), "m",
        List.of(), List.of(), Optional.empty());
    String original = Fingerprints.of(before, List.of(Fakes.duplicate())).get(0);
    List<String> now = Fingerprints.of(after, List.of(moved, repeat));
    assertEquals(original, now.get(0));
    assertEquals(original.replace(":1", ":2"), now.get(1));
  }
}
