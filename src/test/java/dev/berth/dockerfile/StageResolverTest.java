package dev.berth.dockerfile;

import static dev.berth.dockerfile.ParserTestSupport.assertRange;
import static dev.berth.dockerfile.ParserTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StageResolverTest {

  private static List<StageFacts> resolve(String text) {
    return StageResolver.resolve(parse(text));
  }

  @Test
  void globalArgsOnlyInFromUnlessRedeclared() {
    List<StageFacts> s = resolve("ARG PY=3.12\nARG TAG\nFROM python:${PY}-slim\n"
        + "WORKDIR /app/$PY\nARG PY\nWORKDIR v$PY\n");
    StageFacts f = s.get(0);
    assertEquals("python:3.12-slim", f.baseName().value());
    assertEquals("docker.io", f.image().get().registry());
    assertEquals("/app/$PY/v3.12", f.workdir().value());
    assertFalse(f.workdir().known(), "the first WORKDIR used $PY before ARG PY: base image env");
    assertEquals("3.12", f.args().get("PY").value());
  }

  @Test
  void scratchStageHasClosedEnvironment() {
    StageFacts f = resolve("FROM scratch\nWORKDIR /app/$NOPE\n").get(0);
    assertTrue(f.scratch());
    assertEquals("/app", f.workdir().value());
    assertTrue(f.workdir().known());
  }

  @Test
  void argWithoutDefaultIsUnknown() {
    StageFacts f = resolve("FROM scratch\nARG VERSION\nUSER app-$VERSION\n").get(0);
    assertFalse(f.args().get("VERSION").known());
    assertFalse(f.user().get().known());
    StageFacts given = StageResolver.resolve(parse("FROM scratch\nARG VERSION\nUSER app-$VERSION\n"),
        Map.of("VERSION", "2")).get(0);
    assertEquals("app-2", given.user().get().value().user());
    assertTrue(given.user().get().known());
  }

  @Test
  void unknownGlobalArgInFrom() {
    StageFacts f = resolve("ARG BASE\nFROM $BASE\n").get(0);
    assertFalse(f.baseName().known());
    assertTrue(f.image().isEmpty());
    assertTrue(f.parent().isEmpty());
  }

  @Test
  void envExpandsAgainstPreviousValues() {
    StageFacts f = resolve("FROM scratch\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\n")
        .get(0);
    assertEquals("bye", f.env().get("abc").value());
    assertEquals("hello", f.env().get("def").value());
    assertEquals("bye", f.env().get("ghi").value());
    assertRange("3:1-3:21", f.env().get("def").setBy().get());
  }

  @Test
  void userWorkdirShellExposes() {
    StageFacts f = resolve("FROM scratch\nENV UID=1000\nUSER $UID:app\nWORKDIR /srv\nWORKDIR app/../web\n"
        + "SHELL [\"/bin/bash\", \"-c\"]\nENV P=\"8000 9000\"\nEXPOSE 80 $P 53/UDP 7000-7002/tcp bad\n")
        .get(0);
    assertEquals(new UserSpec("1000", Optional.of("app")), f.user().get().value());
    assertEquals("/srv/web", f.workdir().value());
    assertEquals(List.of("/bin/bash", "-c"), f.shell().value());
    assertEquals(List.of("80/tcp", "8000/tcp", "9000/tcp", "53/udp", "7000-7002/tcp"),
        f.exposes().stream().map(p -> p.value().toString()).collect(Collectors.toList()));
  }

  @Test
  void defaults() {
    StageFacts f = resolve("FROM alpine\n").get(0);
    assertEquals("/", f.workdir().value());
    assertFalse(f.workdir().known(), "alpine's own WORKDIR is not known here");
    assertTrue(resolve("FROM alpine\nWORKDIR /srv\n").get(0).workdir().known());
    assertEquals(List.of("/bin/sh", "-c"), f.shell().value());
    assertTrue(f.user().isEmpty());
    assertTrue(f.cmd().isEmpty());
    assertEquals("library/alpine", f.image().get().path());
  }

  @Test
  void shellFormUsesCurrentShell() {
    StageFacts f = resolve("FROM scratch\nSHELL [\"bash\", \"-c\"]\nCMD uvicorn app:app\n"
        + "ENTRYPOINT [\"tini\", \"--\"]\n").get(0);
    assertEquals(List.of("tini", "--"), f.entrypoint().get().value());
    assertEquals(List.of("bash", "-c", "uvicorn app:app"), f.cmd().get().value(),
        "CMD set earlier in the same stage survives ENTRYPOINT");
    assertEquals(Optional.of(List.of("tini", "--", "bash", "-c", "uvicorn app:app")),
        f.startCommand());
  }

  @Test
  void childStageInheritsAndEntrypointResetsInheritedCmd() {
    List<StageFacts> s = resolve("FROM python AS base\nENV A=1\nARG B=2\nUSER app\nWORKDIR /app\n"
        + "EXPOSE 8000\nCMD [\"python\"]\nHEALTHCHECK --interval=10s --retries=2 CMD [\"true\"]\n"
        + "FROM base AS web\nENTRYPOINT [\"gunicorn\"]\nRUN echo $B\n");
    StageFacts web = s.get(1);
    assertEquals(Optional.of(0), web.parent());
    assertTrue(web.image().isEmpty());
    assertEquals("1", web.env().get("A").value());
    assertEquals("2", web.args().get("B").value());
    assertEquals("app", web.user().get().value().user());
    assertRange("4:1-4:9", web.user().get().setBy().get());
    assertEquals("/app", web.workdir().value());
    assertEquals(1, web.exposes().size());
    assertEquals(List.of(), web.cmd().get().value());
    assertRange("10:1-10:24", web.cmd().get().setBy().get());
    HealthcheckSpec h = web.healthcheck().get().value();
    assertEquals(List.of("CMD", "true"), h.test());
    assertEquals(Optional.of(Duration.ofSeconds(10)), h.interval());
    assertEquals(Optional.of(2), h.retries());
    Instruction run = web.stage().instructions().get(1);
    assertEquals(Optional.of("2"), web.varsBefore(run).value("B"));
    StepContext step = web.stepBefore(run).get();
    assertEquals("/app", step.workdir().value());
    assertEquals("app", step.user().get().value().user());
  }

  @Test
  void labelsAndVolumes() {
    StageFacts f = resolve("FROM scratch\nENV D=/data\nLABEL \"org.opencontainers.image.title\"=\"My app\" "
        + "v=1\nVOLUME $D /cache\n").get(0);
    assertEquals("My app", f.labels().get("org.opencontainers.image.title").value());
    assertEquals(List.of("/data", "/cache"),
        f.volumes().stream().map(Fact::value).collect(Collectors.toList()));
  }

  @Test
  void parentStageOnbuildTriggersRunInChild() {
    List<StageFacts> s = resolve("FROM scratch AS base\nONBUILD USER app\nFROM base AS child\n"
        + "FROM child\n");
    assertTrue(s.get(0).user().isEmpty());
    assertEquals("app", s.get(1).user().get().value().user());
    assertRange("2:9-2:17", s.get(1).user().get().setBy().get());
    assertEquals("app", s.get(2).user().get().value().user(), "inherited state, not re-triggered");
  }

  @Test
  void healthcheckShellFormAndNone() {
    StageFacts f = resolve("FROM scratch\nHEALTHCHECK CMD curl -f http://x/\n").get(0);
    assertEquals(List.of("CMD-SHELL", "curl -f http://x/"), f.healthcheck().get().value().test());
    StageFacts n = resolve("FROM scratch\nHEALTHCHECK NONE\n").get(0);
    assertTrue(n.healthcheck().get().value().none());
  }

  @Test
  void platformArgsAreUnknown() {
    StageFacts f = resolve("FROM --platform=$BUILDPLATFORM golang AS b\nARG TARGETARCH\n"
        + "ENV GOARCH=$TARGETARCH\n").get(0);
    assertFalse(f.env().get("GOARCH").known());
  }
}
