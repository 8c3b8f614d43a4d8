package dev.berth.rules.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.rules.Finding;
import dev.berth.rules.RuleTester;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidJsonFormTest {

  private static List<Finding> run(String dockerfile) {
    return RuleTester.of(new InvalidJsonForm()).file("Dockerfile", dockerfile).findings();
  }

  @Test
  void singleQuotedCmdRunsAsAShellCommand() {
    List<Finding> f = run("FROM node:20-slim\nCMD ['node', 'app.js']\n");
    assertEquals(1, f.size());
    assertEquals(new Range("Dockerfile", 2, 5, 2, 23), f.get(0).range());
    assertEquals("CMD arguments look like a JSON array but are not JSON (single quotes do not make"
        + " JSON strings; use double quotes), so BuildKit runs them as a shell command, `['node',"
        + " 'app.js']`, and the container exits at start", f.get(0).message());
    assertEquals(List.of(new TextEdit(new Range("Dockerfile", 2, 5, 2, 23),
        "[\"node\", \"app.js\"]")), f.get(0).fixes().get(0).edits());
  }

  @Test
  void slipsBuildKitReadsInTheOtherForm() {
    assertTrue(run("FROM alpine\nENTRYPOINT [\"a\" \"b\"]\n").get(0).message()
        .contains("the strings need a comma between them"));
    assertTrue(run("FROM alpine\nCMD [\u201cserve\u201d]\n").get(0).message()
        .contains("typographic quotes"));
    assertTrue(run("FROM alpine\nRUN [\"sh\", \"-c\", \"echo hi\"\n").get(0).message()
        .contains("the closing `]` is missing"));
    assertTrue(run("FROM alpine\nCMD [serve, --port, 80]\n").get(0).message()
        .contains("JSON strings must be in double quotes"));
    // no fix when the repair is not obvious
    assertEquals(List.of(), run("FROM alpine\nCMD [serve]\n").get(0).fixes());
  }

  @Test
  void theTestCommandAndValidJsonAreLeftAlone() {
    assertEquals(List.of(), run("FROM alpine\nRUN [ -f /etc/os-release ] && echo yes\n"));
    assertEquals(List.of(), run("FROM alpine\nRUN [ \"$A\" = \"1,2\" ] || exit 1\n"));
    assertEquals(List.of(), run("FROM alpine\nRUN [[ -n \"$HOME\" ]]\n"));
    assertEquals(List.of(), run("FROM alpine\nCMD [\"node\", \"app.js\"]\n"));
    assertEquals(List.of(), run("FROM alpine\nVOLUME /data /logs\n"));
    // a spaced list of quoted items is still a JSON slip
    assertEquals(1, run("FROM alpine\nCMD [ 'node', 'app.js' ]\n").size());
  }

  @Test
  void meantAsJson() {
    assertTrue(InvalidJsonForm.meantAsJson("['a']"));
    assertTrue(InvalidJsonForm.meantAsJson("  [\"a\",]"));
    assertFalse(InvalidJsonForm.meantAsJson("[ -d /x ]"));
    assertFalse(InvalidJsonForm.meantAsJson("[ \"$X\" ]"));
    assertFalse(InvalidJsonForm.meantAsJson("[[ x ]]"));
    assertFalse(InvalidJsonForm.meantAsJson("echo ['a']"));
  }

  @Test
  void onlyStagesTheBuildRunsAreJudged() {
    assertEquals(List.of(), run("FROM alpine AS tools\nRUN ['apk', 'add', 'git']\n"
        + "FROM alpine\nCMD [\"true\"]\n"));
    assertEquals(1, run("FROM alpine AS tools\nRUN ['apk', 'add', 'git']\n"
        + "FROM alpine\nCOPY --from=tools /usr/bin/git /usr/bin/git\n").size());
  }

  @Test
  void shellFormCommandLeavesTheSlipToThisRule() {
    assertEquals(List.of(), RuleTester.of(new ShellFormCommand())
        .file("Dockerfile", "FROM alpine\nCMD ['my-program', 'start']\n").findings());
  }
}
