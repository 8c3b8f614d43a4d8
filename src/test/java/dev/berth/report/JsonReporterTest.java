package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.rules.Analysis;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReporterTest {
  @Test
  void documentMatchesTheDocumentedSchema() throws Exception {
    Analysis analysis = new Analysis(List.of(Fakes.secret(), Fakes.duplicate()),
        List.of(Fakes.DUP, Fakes.SECRET), List.of(new Diagnostic(
            new Range("web/Dockerfile", 4, 1, 4, 9), Diagnostic.Kind.PARSE_ERROR, "bad")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonReporter("1.2.3").write(analysis, Fakes.project(Path.of("/repo")), out);
    JsonNode actual = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    JsonNode expected = new ObjectMapper().readTree("""
        {"version": 1,
         "tool": {"name": "berth", "version": "1.2.3"},
         "findings": [
           {"ruleId": "BTH902", "ruleName": "secret-in-arg", "severity": "warning",
            "category": "security", "message": "TOKEN is passed as a build argument",
            "file": "app/Dockerfile", "line": 2, "column": 5, "endLine": 2, "endColumn": 10,
            "related": [], "fixes": [], "suppressed": true, "justification": "dev-only image"},
           {"ruleId": "BTH901", "ruleName": "duplicate-stage", "severity": "error",
            "category": "bug", "message": "stage name \\"build\\" is already used by stage 0",
            "file": "app/Dockerfile", "line": 3, "column": 16, "endLine": 3, "endColumn": 21,
            "related": [{"file": "app/Dockerfile", "line": 1, "column": 16, "endLine": 1,
                         "endColumn": 21, "message": "first declared here"}],
            "fixes": [{"description": "rename the stage to build-2",
                       "edits": [{"file": "app/Dockerfile", "line": 3, "column": 16,
                                  "endLine": 3, "endColumn": 21, "replacement": "build-2"}]}],
            "suppressed": false, "justification": null}
         ],
         "diagnostics": [
           {"file": "web/Dockerfile", "line": 4, "column": 1, "kind": "parse-error",
            "message": "bad"}
         ]}
        """);
    assertEquals(expected, actual);
  }
}
