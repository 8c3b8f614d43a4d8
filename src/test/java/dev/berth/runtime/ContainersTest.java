package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.image.Answer;
import dev.berth.image.Identity;
import dev.berth.image.ImageFilesystem;
import dev.berth.image.MountEffects;
import dev.berth.image.Node;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Compose view: services built from project Dockerfiles, as the containers they run. */
class ContainersTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  Project project(Map<String, String> files) throws IOException {
    Path root = fs.getPath("/p");
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = root.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    return ProjectLoader.load(root, List.of(), BerthConfig.defaults());
  }

  static final String BACKEND = """
      FROM python:3.12-slim AS base
      WORKDIR /app
      COPY app ./app
      RUN useradd --system --no-create-home celery
      USER celery
      CMD ["celery", "-A", "app.tasks", "worker"]

      FROM base AS debug
      USER root
      """;

  /** The containers of Compose services (not the plain {@code docker run} ones). */
  static List<Container> composed(Project p) {
    return Containers.of(p).all().stream().filter(Container::fromCompose).toList();
  }

  Container only(Project p, String service) {
    return composed(p).stream()
        .filter(c -> c.service().orElseThrow().serviceName().equals(service)).findFirst().orElseThrow();
  }

  @Test
  void targetUserCommandAndVolumes() throws IOException {
    Project p = project(Map.of("backend/Dockerfile", BACKEND, "backend/app/tasks.py", "",
        "compose.yaml", """
        services:
          beat:
            build:
              context: ./backend
              target: base
            user: "1000:1000"
            working_dir: /app/app
            command: ["celery", "-A", "tasks", "beat"]
            volumes:
              - beat:/app/beat
              - /app/cache
            tmpfs:
              - /run/beat:mode=0700
        volumes:
          beat:
        """));
    Container c = only(p, "beat");
    assertEquals("base", c.stage().stage().name().orElseThrow());
    assertEquals(OptionalInt.of(1000), c.view().identity().uid());
    assertEquals(Optional.of("/app/app"), c.view().workdir());
    assertEquals(List.of("celery", "-A", "tasks", "beat"), c.process().orElseThrow().argv());
    assertEquals("command", c.process().orElseThrow().source(0).label());
    assertEquals(6, c.composeUser().orElseThrow().range().startLine());
    ImageFilesystem view = c.view().filesystem();
    // The image has no /app/beat: the named volume's mount point is root's, 0755.
    Node beat = view.node("/app/beat").orElseThrow();
    assertEquals(OptionalInt.of(0), beat.uid());
    assertEquals(OptionalInt.of(0755), beat.mode());
    assertEquals("compose.yaml", beat.origin().range().orElseThrow().file());
    assertEquals(10, beat.origin().range().orElseThrow().startLine()); // "- beat:/app/beat"
    assertEquals(Answer.NO, view.canWrite(c.view().identity(), "/app/beat/schedule").answer());
    // An anonymous volume over a missing path: likewise.
    assertEquals(Answer.NO, view.canWrite(c.view().identity(), "/app/cache/x").answer());
    // tmpfs with mode=0700 (Docker's --tmpfs option): root's, so uid 1000 cannot write it.
    assertEquals(OptionalInt.of(0700), view.node("/run/beat").orElseThrow().mode());
    assertEquals(Answer.NO, view.canWrite(c.view().identity(), "/run/beat/x").answer());
  }

  @Test
  void lastStageWithoutTargetAndImageDefaults() throws IOException {
    Project p = project(Map.of("backend/Dockerfile", BACKEND, "backend/app/tasks.py", "",
        "compose.yaml", """
        services:
          worker:
            build: ./backend
        """));
    Container c = only(p, "worker");
    assertEquals("debug", c.stage().stage().name().orElseThrow());
    assertTrue(c.view().identity().isRoot());
    assertTrue(c.composeUser().isEmpty());
    assertEquals(List.of("celery", "-A", "app.tasks", "worker"), c.process().orElseThrow().argv());
  }

  @Test
  void volumesBerthCannotFollowAreUnknown() throws IOException {
    Project p = project(Map.of("backend/Dockerfile", BACKEND, "backend/app/tasks.py", "",
        "compose.yaml", """
        services:
          beat:
            build:
              context: ./backend
              target: base
            volumes:
              - shared:/app/beat
              - ext:/app/ext
              - type: tmpfs
                target: /app/t
                tmpfs:
                  mode: 1770
          other:
            image: busybox
            volumes:
              - shared:/data
        volumes:
          shared:
          ext:
            external: true
        """));
    Container c = only(p, "beat");
    Identity who = c.view().identity();
    ImageFilesystem view = c.view().filesystem();
    // Shared with another service, external, and a tmpfs mode YAML may read either way.
    assertEquals(Answer.UNKNOWN, view.canWrite(who, "/app/beat/x").answer());
    assertEquals(Answer.UNKNOWN, view.canWrite(who, "/app/ext/x").answer());
    assertEquals(Answer.UNKNOWN, view.canWrite(who, "/app/t/x").answer());
  }

  @Test
  void buildArgFromTheEnvironmentForADeclaredArgIsNotSimulated() throws IOException {
    Project p = project(Map.of("Dockerfile", """
        FROM python:3.12-slim
        ARG UID=1000
        RUN useradd -u ${UID} app
        USER app
        CMD ["python", "-V"]
        """, "compose.yaml", """
        services:
          a:
            build:
              context: .
              args:
                - UID
          b:
            build:
              context: .
              args:
                UID: "1234"
        """));
    assertEquals(List.of("b"), composed(p).stream()
        .map(c -> c.service().orElseThrow().serviceName()).toList());
    assertEquals(OptionalInt.of(1234), only(p, "b").view().identity().uid());
  }

  @Test
  void stagesBuiltFollowTargets() throws IOException {
    Project p = project(Map.of("backend/Dockerfile", BACKEND, "backend/app/tasks.py", "",
        "compose.yaml", """
        services:
          a:
            build: {context: ./backend, target: base}
          b:
            build: {context: ./backend, target: nosuchstage}
        """));
    assertEquals(List.of("base"), Containers.stagesBuilt(p, p.dockerfile("backend/Dockerfile")
        .orElseThrow()).stream().map(s -> s.name().orElseThrow()).toList());
  }

  @Test
  void oddComposeValuesDoNotThrow() throws IOException {
    Project p = project(Map.of("backend/Dockerfile", BACKEND, "backend/app/tasks.py", "",
        "compose.yaml", """
        services:
          a:
            build: {context: ./backend, target: base}
            user: ""
            working_dir: relative/dir
            entrypoint: ""
            command: []
            volumes:
              - rel:relative
              - /:/
              - .:/app/../..
              - type: npipe
                source: x
                target: /pipe
            tmpfs:
              - ""
              - "/t:mode=notoctal"
          b:
            build: {context: ./backend, target: base}
            user: "99999999999999999999:-1"
        volumes:
          rel:
        """));
    for (Container c : composed(p)) {
      c.view().filesystem().canWrite(c.view().identity(), "/app/x");
      MountEffects.hiddenByBind(c.view(), "/app/x", p.fileTree());
      MountEffects.home(c.view(), false);
    }
    assertEquals(2, composed(p).size());
  }

  @Test
  void groupAddMakesGroupPermissionsUnknown() throws IOException {
    String df = """
        FROM debian:bookworm-slim
        RUN groupadd -g 2000 shared && mkdir /shared && chgrp shared /shared && chmod 0775 /shared
        RUN useradd -u 1001 app
        USER app
        """;
    Project p = project(Map.of("Dockerfile", df, "compose.yaml", """
        services:
          plain:
            build: .
          grouped:
            build: .
            group_add:
              - shared
        """));
    Container plain = only(p, "plain");
    Container grouped = only(p, "grouped");
    assertEquals(Answer.NO, plain.view().filesystem().canWrite(plain.view().identity(), "/shared/x").answer());
    assertEquals(Answer.UNKNOWN, grouped.view().filesystem().canWrite(grouped.view().identity(), "/shared/x").answer());
  }
}
