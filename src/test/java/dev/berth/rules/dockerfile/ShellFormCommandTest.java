package dev.berth.rules.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.rules.Finding;
import dev.berth.rules.RuleTester;
import dev.berth.source.Range;
import dev.berth.source.TextEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellFormCommandTest {

  private static List<Finding> run(String dockerfile) {
    return RuleTester.of(new ShellFormCommand()).file("Dockerfile", dockerfile).findings();
  }

  @Test
  void plainWordsGetTheExecFormAsAFix() {
    List<Finding> f = run("FROM debian:bookworm-slim\nCMD my-program start --port 80\n");
    assertEquals(1, f.size());
    assertEquals(new Range("Dockerfile", 2, 1, 2, 31), f.get(0).range());
    assertEquals(List.of(new TextEdit(new Range("Dockerfile", 2, 5, 2, 31),
        "[\"my-program\", \"start\", \"--port\", \"80\"]")), f.get(0).fixes().get(0).edits());
  }

  @Test
  void noFixWhenTheRewriteWouldStartPassingCmd() {
    List<Finding> f = run("FROM debian:bookworm-slim\nENTRYPOINT my-program start\nCMD [\"--verbose\"]\n");
    assertEquals(1, f.size());
    assertEquals(2, f.get(0).range().startLine());
    assertEquals(List.of(), f.get(0).fixes());
  }

  @Test
  void shellFeaturesGetNoFix() {
    List<Finding> f = run("FROM debian:bookworm-slim\nCMD my-program --port \"$PORT\"\n");
    assertEquals(1, f.size());
    assertEquals(List.of(), f.get(0).fixes());
  }

  @Test
  void inheritedCommandIsReportedWhereItIsWritten() {
    List<Finding> f = run("FROM debian:bookworm-slim AS base\nCMD my-program\nFROM base\nUSER nobody\n");
    assertEquals(1, f.size());
    assertEquals(2, f.get(0).range().startLine());
  }

  /** busybox ash execs the last plain command of -c (BusyBox 1.35: the process is `sleep`). */
  @Test
  void alpineShellReplacesItselfWithTheLastPlainCommand() {
    assertEquals(List.of(), run("FROM alpine:3.20\nCMD my-program start --port 80\n"));
    assertEquals(List.of(), run("FROM alpine:3.20\nCMD cd /srv && ./migrate; my-program \"$PORT\"\n"));
    assertEquals(List.of(), run("FROM nginx:1.27-alpine\nCMD nginx -g \"daemon off;\"\n"));
    // a subshell at the end is not forked either (`sh -c '(cd /tmp && sleep 5)'`: sleep)
    assertEquals(List.of(), run("FROM alpine:3.20\nCMD (cd /srv && my-program)\n"));
    // a pipeline or a loop keeps ash in between; a background job never gets SIGTERM
    assertEquals(1, run("FROM alpine:3.20\nCMD my-program | tee /tmp/log\n").size());
    assertEquals(1, run("FROM alpine:3.20\nCMD worker & my-program\n").size());
    assertEquals(1, run("FROM alpine:3.20\nCMD while true; do my-program; done\n").size());
    assertEquals(1, run("FROM alpine:3.20\nCMD my-program || echo failed\n").size());
  }

  @Test
  void anUnknownBaseImageIsJudgedAssumingDashAndSaysSo() {
    List<Finding> f = run("FROM mycorp/runtime:7\nCMD my-program start\n");
    assertEquals(1, f.size());
    assertTrue(f.get(0).message().contains("if the base image's /bin/sh is dash"), f.get(0).message());
    assertEquals(List.of(), run("FROM gcr.io/distroless/static-debian12\nCMD my-program\n"));
  }

  @Test
  void silentForBuilderStagesExecShellChoiceAndWindows() {
    assertEquals(List.of(), run("FROM golang AS test\nCMD go test ./...\nFROM alpine\nCMD [\"app\"]\n"));
    assertEquals(List.of(), run("FROM alpine\nCMD exec my-program start\n"));
    assertEquals(List.of(), run("FROM alpine\nSHELL [\"/bin/bash\", \"-c\"]\nCMD my-program\n"));
    assertEquals(List.of(), run("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
        + "CMD powershell -Command Start-Service\n"));
  }
}
