package dev.berth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.rules.Analysis;
import dev.berth.rules.Finding;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The CI formats against goldens written by hand from each format's documentation: GitHub's
 * workflow commands (and the toolkit's escaping), GitLab's Code Quality fields, checkstyle's
 * XMLLogger, the Ant/Jenkins JUnit shape, SonarQube's generic issue format (0-based columns).
 */
class CiFormatsTest {
  /** A note (its rule's default is warning) on a multi-line range, in a path and message full of
   * characters each format must escape. */
  private static Finding awkward() {
    return new Finding(Fakes.SECRET, Severity.NOTE, new Range("a,b:c/Dockerfile", 2, 1, 4, 3),
        "100% sure: \"x\" <y> & z\r\nnext", List.of(), List.of(), Optional.empty());
  }

  private static final Analysis ANALYSIS = new Analysis(
      List.of(Fakes.secret(), Fakes.duplicate(), awkward()), List.of(Fakes.DUP, Fakes.SECRET),
      List.of(new Diagnostic(new Range("web/Dockerfile", 4, 1, 4, 9),
          Diagnostic.Kind.PARSE_ERROR, "bad")));

  private static String render(Reporter reporter, Analysis analysis) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    reporter.write(analysis, Fakes.project(Path.of("/repo")), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void githubWorkflowCommands() throws Exception {
    assertEquals("""
        ::error file=app/Dockerfile,line=3,col=16,endLine=3,endColumn=21,title=BTH901 \
        duplicate-stage::stage name "build" is already used by stage 0
        ::notice file=a%2Cb%3Ac/Dockerfile,line=2,endLine=4,title=BTH902 secret-in-arg::100%25 \
        sure: "x" <y> & z%0D%0Anext
        ::error file=web/Dockerfile,line=4,col=1,endLine=4,endColumn=9,title=berth could not \
        analyse this file::bad
        """, render(new GithubReporter(), ANALYSIS));
  }

  @Test
  void githubEscapesOtherControlCharactersVisibly() {
    // An escape sequence from a file must not reach the log as one.
    assertEquals("::warning title=t::a\\x1b[31mb\n", GithubReporter.command("warning",
        Range.wholeFile("."), "t", "a\u001b[31mb"));
  }

  @Test
  void gitlabCodeQuality() throws Exception {
    // fingerprint = first 32 hex digits of SHA-256 over berth's fingerprint "<hash>:<occurrence>",
    // whose hash is SHA-256 over rule id, NUL, path, NUL, trimmed line text (no text known for a
    // file berth did not read); computed separately with Python's hashlib.
    String expected = """
        [ {"description": "stage name \\"build\\" is already used by stage 0",
           "check_name": "BTH901", "fingerprint": "7b183fb5256a1c580b7c026dc6b1b0e8",
           "severity": "critical", "location": {"path": "app/Dockerfile", "lines": {"begin": 3}}},
          {"description": "100% sure: \\"x\\" <y> & z\\r\\nnext",
           "check_name": "BTH902", "fingerprint": "0b69a04d47f825b806306e6b569f3df7",
           "severity": "minor",
           "location": {"path": "a,b:c/Dockerfile", "lines": {"begin": 2}}} ]
        """;
    ObjectMapper m = new ObjectMapper();
    assertEquals(m.readTree(expected), m.readTree(render(new GitlabReporter(), ANALYSIS)));
  }

  @Test
  void checkstyleXml() throws Exception {
    String actual = render(new CheckstyleReporter(), ANALYSIS);
    assertEquals("""
        <?xml version="1.0" encoding="UTF-8"?>
        <checkstyle version="4.3">
          <file name="a,b:c/Dockerfile">
            <error line="2" column="1" severity="info" message="100% sure: &quot;x&quot; \
        &lt;y&gt; &amp; z&#13;&#10;next" source="berth.BTH902"/>
          </file>
          <file name="app/Dockerfile">
            <error line="3" column="16" severity="error" message="stage name &quot;build&quot; \
        is already used by stage 0" source="berth.BTH901"/>
          </file>
          <file name="compose.yaml">
          </file>
          <file name="web/Dockerfile">
            <error line="4" column="1" severity="error" message="bad" source="berth"/>
          </file>
        </checkstyle>
        """, actual);
    // Well-formed, and an XML parser gives back the message exactly, line break included.
    Element error = (Element) parse(actual).getElementsByTagName("error").item(0);
    assertEquals("100% sure: \"x\" <y> & z\r\nnext", error.getAttribute("message"));
  }

  @Test
  void junitXml() throws Exception {
    String actual = render(new JunitReporter(), ANALYSIS);
    assertEquals("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="berth" tests="4" failures="2" errors="1">
          <testsuite name="a,b:c/Dockerfile" tests="1" failures="1" errors="0" skipped="0">
            <testcase classname="a,b:c/Dockerfile" name="BTH902 a,b:c/Dockerfile:2:1" \
        file="a,b:c/Dockerfile" line="2">
              <failure message="100% sure: &quot;x&quot; &lt;y&gt; &amp; z&#13;&#10;next" \
        type="BTH902">a,b:c/Dockerfile:2:1: note BTH902 100% sure: &quot;x&quot; &lt;y&gt; \
        &amp; z&#13;&#10;next [secret-in-arg]</failure>
            </testcase>
          </testsuite>
          <testsuite name="app/Dockerfile" tests="1" failures="1" errors="0" skipped="0">
            <testcase classname="app/Dockerfile" name="BTH901 app/Dockerfile:3:16" \
        file="app/Dockerfile" line="3">
              <failure message="stage name &quot;build&quot; is already used by stage 0" \
        type="BTH901">app/Dockerfile:3:16: error BTH901 stage name &quot;build&quot; is already \
        used by stage 0 [duplicate-stage]</failure>
            </testcase>
          </testsuite>
          <testsuite name="compose.yaml" tests="1" failures="0" errors="0" skipped="0">
            <testcase classname="compose.yaml" name="compose.yaml" file="compose.yaml"/>
          </testsuite>
          <testsuite name="web/Dockerfile" tests="1" failures="0" errors="1" skipped="0">
            <testcase classname="web/Dockerfile" name="could not analyse" file="web/Dockerfile" \
        line="4">
              <error message="bad" type="parse-error">web/Dockerfile:4:1: error: bad</error>
            </testcase>
          </testsuite>
        </testsuites>
        """, actual);
    Document doc = parse(actual);
    assertEquals(4, doc.getElementsByTagName("testcase").getLength());
  }

  @Test
  void sonarqubeGenericIssues() throws Exception {
    String expected = """
        {"rules": [
           {"id": "BTH901", "name": "duplicate-stage",
            "description": "A stage name is declared twice. \
        https://github.com/berth-lint/berth/blob/main/rules/BTH901.md",
            "engineId": "berth", "cleanCodeAttribute": "LOGICAL",
            "impacts": [{"softwareQuality": "RELIABILITY", "severity": "HIGH"}]},
           {"id": "BTH902", "name": "secret-in-arg",
            "description": "A secret is passed as a build argument. \
        https://github.com/berth-lint/berth/blob/main/rules/BTH902.md",
            "engineId": "berth", "cleanCodeAttribute": "TRUSTWORTHY",
            "impacts": [{"softwareQuality": "SECURITY", "severity": "LOW"}]}],
         "issues": [
           {"ruleId": "BTH901",
            "primaryLocation": {"message": "stage name \\"build\\" is already used by stage 0",
              "filePath": "app/Dockerfile",
              "textRange": {"startLine": 3, "endLine": 3, "startColumn": 15, "endColumn": 20}},
            "secondaryLocations": [{"message": "first declared here", "filePath": "app/Dockerfile",
              "textRange": {"startLine": 1, "endLine": 1, "startColumn": 15, "endColumn": 20}}]},
           {"ruleId": "BTH902",
            "primaryLocation": {"message": "100% sure: \\"x\\" <y> & z\\r\\nnext",
              "filePath": "a,b:c/Dockerfile", "textRange": {"startLine": 2, "endLine": 4}}}]}
        """;
    ObjectMapper m = new ObjectMapper();
    assertEquals(m.readTree(expected), m.readTree(render(new SonarqubeReporter(), ANALYSIS)));
  }

  @Test
  void sonarqubeDropsColumnsItWouldReject() throws Exception {
    // Line 2 is "ARG TOKEN" (9 characters): an empty range, and one ending past the line, would
    // fail the import ("start pointer should be before end pointer", "out of range").
    Finding empty = new Finding(Fakes.SECRET, Severity.WARNING, Range.point("app/Dockerfile", 2, 5),
        "m", List.of(), List.of(), Optional.empty());
    Finding past = new Finding(Fakes.SECRET, Severity.WARNING,
        new Range("app/Dockerfile", 2, 5, 2, 12), "m", List.of(), List.of(), Optional.empty());
    Finding fits = new Finding(Fakes.SECRET, Severity.WARNING,
        new Range("app/Dockerfile", 2, 5, 2, 10), "m", List.of(), List.of(), Optional.empty());
    var issues = new ObjectMapper().readTree(render(new SonarqubeReporter(),
        new Analysis(List.of(empty, past, fits), List.of(Fakes.SECRET), List.of()))).get("issues");
    ObjectMapper m = new ObjectMapper();
    assertEquals(m.readTree("{\"startLine\": 2, \"endLine\": 2}"),
        issues.get(0).get("primaryLocation").get("textRange"));
    assertEquals(m.readTree("{\"startLine\": 2, \"endLine\": 2}"),
        issues.get(1).get("primaryLocation").get("textRange"));
    assertEquals(m.readTree("{\"startLine\": 2, \"endLine\": 2, \"startColumn\": 4, "
        + "\"endColumn\": 9}"), issues.get(2).get("primaryLocation").get("textRange"));
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
