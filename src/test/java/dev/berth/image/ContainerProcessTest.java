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
    assertTrue(ContainerProcess.of(stage("FROM python:3.12-slim\nCMD a && b\n")).isEmpty());
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
}
