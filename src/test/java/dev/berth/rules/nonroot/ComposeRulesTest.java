package dev.berth.rules.nonroot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Rule;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Compose-aware non-root rules on small in-memory projects: exact place and message. */
class ComposeRulesTest {

  static List<String> run(Rule rule, Map<String, String> files) throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = fs.getPath("/p");
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path f = root.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
      }
      Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
      return new Engine(List.of(rule)).run(p).active().stream()
          .map(ComposeRulesTest::show).toList();
    }
  }

  static String show(Finding f) {
    return f.rule().id() + " " + f.range().file() + ":" + f.range().startLine() + " " + f.message();
  }

  static final String BEAT = """
      FROM python:3.12-slim
      WORKDIR /app
      COPY tasks.py .
      RUN useradd --system --no-create-home celery
      USER celery
      CMD ["celery", "-A", "tasks", "beat", "-s", "/app/beat/schedule"]
      """;

  @Test
  void volumeOverAPathTheImageLacks() throws IOException {
    List<String> found = run(new VolumeMountPointNotWritable(), Map.of("Dockerfile", BEAT,
        "tasks.py", "", "compose.yaml", """
        services:
          beat:
            build: .
            volumes:
              - beat:/app/beat
        volumes:
          beat:
        """));
    assertEquals(List.of("BTH206 compose.yaml:5 " + VolumeMountPointNotWritable.message(
        "celery beat", "/app/beat/schedule (its schedule file)", "volume beat", "/app/beat", true, false,
        "/app/beat (mode 0755, owner 0:0)", new dev.berth.image.Identity("celery",
            java.util.OptionalInt.of(999), java.util.OptionalInt.of(999), java.util.Set.of(), true))),
        found);
    assertEquals(true, found.get(0).contains("user celery (uid 999) cannot write"));
  }

  @Test
  void composeRootUserOrPrecreatedDirectoryIsFine() throws IOException {
    assertEquals(List.of(), run(new VolumeMountPointNotWritable(), Map.of("Dockerfile", BEAT,
        "tasks.py", "", "compose.yaml", """
        services:
          beat:
            build: .
            user: root
            volumes:
              - beat:/app/beat
        volumes:
          beat:
        """)));
    assertEquals(List.of(), run(new VolumeMountPointNotWritable(), Map.of("Dockerfile",
        BEAT.replace("USER celery", "RUN mkdir /app/beat && chown celery /app/beat\nUSER celery"),
        "tasks.py", "", "compose.yaml", """
        services:
          beat:
            build: .
            volumes:
              - beat:/app/beat
        volumes:
          beat:
        """)));
  }

  @Test
  void bindMountWrittenByASystemUser() throws IOException {
    List<String> found = run(new BindMountWrittenByContainerUser(), Map.of("Dockerfile",
        BEAT.replace("\"-s\", \"/app/beat/schedule\"", "\"--loglevel=info\""), "tasks.py", "",
        "compose.yaml", """
        services:
          beat:
            build: .
            volumes:
              - .:/app:ro
          beat-rw:
            build: .
            volumes:
              - .:/app
        """));
    assertEquals(1, found.size(), found::toString);
    assertEquals(true, found.get(0).startsWith("BTH207 compose.yaml:9 celery beat writes to "
        + "/app/celerybeat-schedule (its schedule file) in the bind mount of "), found.get(0));
    assertEquals(true, found.get(0).contains("as user celery (uid 999)"), found.get(0));
  }

  @Test
  void homeMissingForUvCache() throws IOException {
    String df = """
        FROM python:3.12-slim
        RUN pip install --no-cache-dir uv && useradd --system --no-create-home worker
        RUN mkdir /app && chown worker:worker /app
        WORKDIR /app
        USER worker
        CMD ["uv", "run", "python", "worker.py"]
        """;
    assertEquals(List.of("BTH209 Dockerfile:6 CMD runs uv run, which writes to "
        + "/home/worker/.cache/uv, but HOME of user worker (uid 999) is /home/worker, which does not"
        + " exist, and that user cannot create it in /home (mode 0755, owner 0:0), so it fails with"
        + " 'Permission denied'"), run(new HomeNotWritable(), Map.of("Dockerfile", df)));
    // Compose sets HOME: unknown here.
    assertEquals(List.of(), run(new HomeNotWritable(), Map.of("Dockerfile", df, "compose.yaml", """
        services:
          worker:
            build: .
            environment:
              HOME: /tmp
        """)));
  }
}
