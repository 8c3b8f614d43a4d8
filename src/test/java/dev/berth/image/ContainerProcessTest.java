package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Range;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerProcessTest {
  private static final Range COMPOSE = new Range("compose.yaml", 5, 5, 5, 30);

  private static StageSimulation stage(String text) {
    return StageSimulationTest.sim(text).get(StageSimulationTest.sim(text).size() - 1);
  }

  @Test
  void entrypointAndCmdCombine() {
    ContainerProcess p = ContainerProcess.of(stage("""
        FROM python:3.12-slim
        ENTRYPOINT ["tini", "--"]
        CMD ["gunicorn", "app:app"]
        """)).orElseThrow();
    assertEquals(List.of("tini", "--", "gunicorn", "app:app"), p.argv());
    assertEquals("ENTRYPOINT", p.source(0).label());
    assertEquals(3, p.source(2).range().startLine());
  }

  @Test
  void shellFormIsOneSimpleCommand() {
    ContainerProcess p = ContainerProcess.of(stage("""
        FROM python:3.12-slim
        ENV PORT=8000
        CMD exec uvicorn main:app --port $PORT
        """)).orElseThrow();
    assertEquals(List.of("uvicorn", "main:app", "--port", "8000"), p.argv());
    assertTrue(p.viaShell());
    // more than one command: what Docker runs, /bin/sh -c with the script
    assertEquals(List.of("/bin/sh", "-c", "cd /app && node server.js"), ContainerProcess.of(
        stage("FROM python:3.12-slim\nCMD cd /app && node server.js\n")).orElseThrow().argv());
    // a script the parser does not read whole stays unknown
    assertTrue(ContainerProcess.of(
        stage("FROM python:3.12-slim\nCMD case \"$1\" in a) run;; esac\n")).isEmpty());
  }

  @Test
  void cmdIsInheritedFromTheParentStage() {
    ContainerProcess p = ContainerProcess.of(stage("""
        FROM python:3.12-slim AS base
        CMD ["python", "app.py"]
        FROM base
        USER nobody
        """)).orElseThrow();
    assertEquals(List.of("python", "app.py"), p.argv());
  }

  @Test
  void overridesFollowDockerRules() {
    StageSimulation s = stage("""
        FROM python:3.12-slim
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["serve"]
        """);
    var cmd = new ContainerProcess.Override("command", List.of("celery", "beat"), false, COMPOSE);
    var ep = new ContainerProcess.Override("entrypoint", List.of("python"), false, COMPOSE);
    assertEquals(List.of("docker-entrypoint.sh", "celery", "beat"),
        ContainerProcess.of(s, Optional.empty(), Optional.of(cmd)).orElseThrow().argv());
    ContainerProcess newEp = ContainerProcess.of(s, Optional.of(ep), Optional.empty()).orElseThrow();
    assertEquals(List.of("python"), newEp.argv());
    assertEquals("entrypoint", newEp.source(0).label());
    assertEquals(List.of("python", "celery", "beat"),
        ContainerProcess.of(s, Optional.of(ep), Optional.of(cmd)).orElseThrow().argv());
  }

  private static List<String> program(String dockerfile) {
    ContainerProcess p = ContainerProcess.of(stage(dockerfile)).orElseThrow();
    return p.argv().subList(p.programIndex(), p.argv().size());
  }

  @Test
  void cmdIsArgumentsToTheBaseImagesEntrypoint() {
    // distroless nodejs: ENTRYPOINT ["/nodejs/bin/node"]; the CMD is node's arguments
    ContainerProcess p = ContainerProcess.of(stage("""
        FROM gcr.io/distroless/nodejs20-debian12:nonroot
        WORKDIR /app
        CMD ["--require=./hello.js", "hello.js"]
        """)).orElseThrow();
    assertEquals(List.of("/nodejs/bin/node", "--require=./hello.js", "hello.js"), p.argv());
    assertEquals(0, p.programIndex());
    assertTrue(p.source(0).baseImage());
    assertEquals(1, p.source(0).range().startLine());
    assertEquals(List.of("/usr/bin/java", "-jar", "app.jar"),
        program("FROM gcr.io/distroless/java17-debian12\nCMD [\"app.jar\"]\n"));
    // debug variants of the base images start busybox sh, which reads the CMD as a script
    assertEquals(List.of("/busybox/sh", "/app/server"),
        program("FROM gcr.io/distroless/base-debian12:debug\nCMD [\"/app/server\"]\n"));
  }

  @Test
  void aShellFormCmdAfterAProgramEntrypointIsItsArguments() {
    assertEquals(List.of("/usr/bin/python3.11", "/bin/sh", "-c", "python app.py"),
        program("FROM gcr.io/distroless/python3-debian12\nCMD python app.py\n"));
  }

  @Test
  void anUnknownBaseImageMakesACmdOnlyProcessUnknown() {
    assertTrue(ContainerProcess.of(stage("FROM mycorp/runtime:1\nCMD [\"serve\"]\n")).isEmpty());
    assertTrue(ContainerProcess.of(stage("ARG BASE\nFROM ${BASE}\nCMD [\"serve\"]\n")).isEmpty());
    // an ENTRYPOINT of its own replaces whatever the image had
    assertEquals(List.of("serve", "--port", "80"), program(
        "FROM mycorp/runtime:1\nENTRYPOINT [\"serve\"]\nCMD [\"--port\", \"80\"]\n"));
    // through a parent stage too
    assertTrue(ContainerProcess.of(stage(
        "FROM mycorp/runtime:1 AS base\nFROM base\nCMD [\"serve\"]\n")).isEmpty());
  }

  @Test
  void officialEntrypointScriptsRunTheirArguments() {
    assertEquals(List.of("npm", "start"), program("FROM node:20-slim\nCMD [\"npm\", \"start\"]\n"));
    assertEquals(List.of("python", "app.py"),
        program("FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n"));
    // node's script puts node in front of an option or a .js file
    assertEquals(List.of("node", "--inspect", "app.js"),
        program("FROM node:20-slim\nCMD [\"--inspect\", \"app.js\"]\n"));
    assertEquals(List.of("node", "server.js"),
        program("FROM node:20-alpine\nWORKDIR /app\nCMD [\"server.js\"]\n"));
    assertEquals(List.of("postgres", "-c", "max_connections=5"),
        program("FROM postgres:16\nCMD [\"-c\", \"max_connections=5\"]\n"));
    assertEquals(List.of("redis-server", "/etc/redis.conf"),
        program("FROM redis:7\nCMD [\"/etc/redis.conf\"]\n"));
    assertEquals(List.of("nginx", "-g", "daemon off;"), program("FROM nginx:1.27\nUSER nginx\n"));
    // a shell-form CMD reaches the script as /bin/sh -c, a command: nothing is put in front
    assertEquals(List.of("npm", "start"), program("FROM node:20-slim\nCMD npm start\n"));
  }

  @Test
  void nodesScriptRunsNodeOnAPathTheUserCannotReach() {
    // command -v /root/start.sh fails for USER node (/root is 0700): node /root/start.sh runs
    assertEquals(List.of("node", "/root/start.sh"), program("""
        FROM node:20-slim
        COPY start.sh /root/start.sh
        USER node
        CMD ["/root/start.sh"]
        """));
    assertEquals(List.of("/root/start.sh"), program("""
        FROM node:20-slim
        COPY start.sh /root/start.sh
        CMD ["/root/start.sh"]
        """));
  }

  @Test
  void composeCommandIsArgumentsToTheImagesEntrypointAndEntrypointResetsIt() {
    StageSimulation s = stage("FROM gcr.io/distroless/nodejs20-debian12\nCMD [\"server.js\"]\n");
    var cmd = new ContainerProcess.Override("command", List.of("worker.js"), false, COMPOSE);
    var ep = new ContainerProcess.Override("entrypoint", List.of("/nodejs/bin/node", "--version"),
        false, COMPOSE);
    assertEquals(List.of("/nodejs/bin/node", "worker.js"),
        ContainerProcess.of(s, Optional.empty(), Optional.of(cmd)).orElseThrow().argv());
    assertEquals(List.of("/nodejs/bin/node", "--version"),
        ContainerProcess.of(s, Optional.of(ep), Optional.empty()).orElseThrow().argv());
    StageSimulation unknown = stage("FROM mycorp/runtime:1\n");
    assertTrue(ContainerProcess.of(unknown, Optional.empty(), Optional.of(cmd)).isEmpty());
    assertEquals(List.of("/nodejs/bin/node", "--version"),
        ContainerProcess.of(unknown, Optional.of(ep), Optional.empty()).orElseThrow().argv());
  }
}
