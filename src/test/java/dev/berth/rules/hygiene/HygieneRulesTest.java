package dev.berth.rules.hygiene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.rules.Finding;
import dev.berth.rules.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases the fixtures do not show, each a rule over a small in-memory project. */
class HygieneRulesTest {
  private static List<Integer> lines(List<Finding> fs) {
    return fs.stream().map(f -> f.range().startLine()).toList();
  }

  @Test
  void aptConfigurationFromAnEarlierRunAnswersThePrompt() {
    assertEquals(List.of(), RuleTester.of(new PackageInstallPrompts()).file("Dockerfile", """
        FROM debian:bookworm-slim
        RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes
        RUN apt-get update && apt-get install curl
        """).findings());
  }

  @Test
  void onlyTheStagesABuildRunsAreJudged() {
    // the first stage is neither the target nor copied from: BuildKit never runs it
    assertEquals(List.of(4), lines(RuleTester.of(new PackageInstallPrompts()).file("Dockerfile", """
        FROM debian:bookworm-slim AS old
        RUN apt-get install curl
        FROM debian:bookworm-slim
        RUN apt-get install curl
        """).findings()));
  }

  @Test
  void cacheLeftInAPartlyUnderstoodScriptIsNotJudged() {
    // berth does not read the case statement, where the cleanup could be
    assertEquals(List.of(), RuleTester.of(new AptListsKept()).file("Dockerfile", """
        FROM debian:bookworm-slim
        RUN apt-get update && case "$(uname -m)" in x86_64) rm -rf /var/lib/apt/lists/*;; esac
        """).findings());
  }

  @Test
  void windowsImagesRunCmdNotSh() {
    assertEquals(List.of(), RuleTester.of(new PipeWithoutPipefail()).file("Dockerfile", """
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN type C:\\\\a.txt | findstr x
        """).findings());
  }

  @Test
  void pipefailFromTheShellInstructionOfAParentStage() {
    assertEquals(List.of(), RuleTester.of(new PipeWithoutPipefail()).file("Dockerfile", """
        FROM debian:bookworm-slim AS base
        SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
        FROM base
        RUN curl -fsS https://example.com/x | tar x
        """).findings());
  }

  @Test
  void exposeOfAnUnknownVariableIsNotJudged() {
    assertEquals(List.of(4), lines(RuleTester.of(new ExposeInvalidPort()).file("Dockerfile", """
        FROM alpine:3.20
        ARG PORT
        EXPOSE $PORT
        EXPOSE 8080-80
        """).findings()));
  }

  @Test
  void unpinnedVersionsOfEachInstaller() {
    List<Finding> fs = RuleTester.of(new UnpinnedPackageVersion()).file("Dockerfile", """
        FROM debian:bookworm-slim
        RUN npm install -g express@4 @angular/cli
        RUN gem install rails -v 7.1 && gem install bundler:2.5.6 rake
        RUN go install golang.org/x/tools/gopls@latest && go install ./cmd/tool
        RUN pip install -r requirements.txt && pip install . && pip install "flask>=3"
        """).findings();
    assertEquals(List.of("npm installs @angular/cli", "gem installs rake", "go installs golang.org/x/tools/gopls@latest"),
        fs.stream().map(f -> f.message().substring(0, f.message().indexOf(" at whatever"))).toList());
  }
}
