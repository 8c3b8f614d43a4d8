package dev.berth.rules.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.compose.ComposeLoadResult;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeOptions;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Rule;
import dev.berth.source.Range;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where findings point when values travel through anchors, overrides and includes. */
class ComposeRulesTest {

  private static List<Finding> run(Rule rule, Map<String, String> files, List<List<String>> groups)
      throws IOException {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    Path root = fs.getPath("/shop");
    List<String> compose = new ArrayList<>();
    for (var e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
      if (e.getKey().endsWith(".yml") || e.getKey().endsWith(".yaml")) compose.add(e.getKey());
    }
    ComposeLoadResult r = ComposeLoader.load(root, compose,
        ComposeOptions.defaults().withGroups(groups));
    assertEquals(List.of(), r.diagnostics());
    Project project = Project.builder(root, BerthConfig.defaults())
        .composeProjects(r.projects()).sources(r.sourcesRead()).build();
    return new Engine(List.of(rule)).run(project).active();
  }

  private static Map<String, String> files(String... pathAndText) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathAndText.length; i += 2) m.put(pathAndText[i], pathAndText[i + 1]);
    return m;
  }

  @Test
  void portThroughAnchorPointsAtTheAnchorDefinition() throws IOException {
    List<Finding> f = run(new DuplicateHostPort(), files("compose.yaml", """
        x-web: &web
          image: nginx:1.27-alpine
          ports:
            - "8080:80"
        services:
          blue: *web
          green: *web
        """), List.of());
    // Both services publish the very same text; a duplicate must still be reported, at the anchor.
    assertEquals(1, f.size(), f.toString());
    assertEquals("BTH104", f.get(0).rule().id());
    assertEquals(new Range("compose.yaml", 4, 7, 4, 16), f.get(0).range());
  }

  @Test
  void overridePortPointsIntoOverrideWithBaseAsRelated() throws IOException {
    List<Finding> f = run(new DuplicateHostPort(), files(
        "docker-compose.yml", "services:\n  web:\n    image: a\n    ports: ['80:80']\n",
        "docker-compose.prod.yml", "services:\n  proxy:\n    image: b\n    ports: ['80:8080']\n"),
        List.of(List.of("docker-compose.yml", "docker-compose.prod.yml")));
    assertEquals(1, f.size(), f.toString());
    assertEquals("docker-compose.prod.yml", f.get(0).range().file());
    assertEquals(4, f.get(0).range().startLine());
    assertEquals("docker-compose.yml", f.get(0).related().get(0).range().file());
    assertEquals(4, f.get(0).related().get(0).range().startLine());
  }

  @Test
  void portRangesOverlap() throws IOException {
    List<Finding> f = run(new DuplicateHostPort(), files("compose.yaml",
        "services:\n  a:\n    image: a\n    ports: ['3000-3005:3000-3005']\n"
            + "  b:\n    image: b\n    ports: ['3005:80/tcp', '3006:80']\n"), List.of());
    assertEquals(1, f.size(), f.toString());
    assertEquals(7, f.get(0).range().startLine());
    assertEquals("host port 3005/tcp of service 'b' is also published by service 'a'; when both"
        + " are up, the second container fails to start with 'port is already allocated'",
        f.get(0).message());
  }

  @Test
  void unknownServiceFromIncludedProjectIsKnown() throws IOException {
    List<Finding> f = run(new UnknownServiceReference(), files(
        "compose.yaml", "include: [db/compose.yaml]\nservices:\n  web:\n    image: a\n"
            + "    depends_on: [db, cache]\n",
        "db/compose.yaml", "services:\n  db:\n    image: postgres:16\n"), List.of());
    List<String> where = f.stream().map(x -> x.range().file() + ":" + x.range().startLine()
        + " " + x.message()).toList();
    // db/compose.yaml is part of the project that includes it; only 'cache' is unknown.
    assertEquals(List.of("compose.yaml:5 depends_on of service 'web' names service 'cache', "
        + "which is not defined in project 'shop'"), where);
  }

  @Test
  void healthcheckResetByOverride() throws IOException {
    List<Finding> f = run(new HealthyConditionWithoutHealthcheck(), files(
        "compose.yaml", "services:\n  api:\n    image: a\n    depends_on:\n      db:\n"
            + "        condition: service_healthy\n  db:\n    image: postgres:16\n"
            + "    healthcheck:\n      test: [CMD, pg_isready]\n",
        "compose.override.yaml", "services:\n  db:\n    healthcheck:\n      disable: true\n"),
        List.of());
    assertEquals(1, f.size(), f.toString());
    assertEquals(new Range("compose.yaml", 6, 20, 6, 35), f.get(0).range());
  }

  @Test
  void alternativeSetupsSharingABaseFileAreNotCompared() throws IOException {
    List<Finding> f = run(new DuplicateHostPort(), files(
        "docker-compose.yml", "services:\n  app:\n    image: a\n",
        "docker-compose.dev.yml", "services:\n  devproxy:\n    image: p\n    ports: ['80:80']\n",
        "docker-compose.prod.yml", "services:\n  nginx:\n    image: n\n    ports: ['80:80']\n"),
        List.of(List.of("docker-compose.yml", "docker-compose.dev.yml"),
            List.of("docker-compose.yml", "docker-compose.prod.yml")));
    assertEquals(List.of(), f);
  }

  @Test
  void oneSchemaCauseIsOneFindingPerFileWithTheOtherPlacesRelated() throws IOException {
    List<Finding> f = run(new ComposeSchemaViolation(), files("compose.yaml", """
        services:
          api:
            image: registry.example.com/api:1
            platform: 64
          worker:
            image: registry.example.com/worker:1
            platform: 64
            restart: 3
          beat:
            image: registry.example.com/beat:1
            platform: 64
        """, "compose.override.yaml", """
        services:
          api:
            labels: [a=1]
          cron:
            image: registry.example.com/cron:1
            platform: 64
        """), List.of());
    assertEquals(3, f.size(), f.toString());
    // findings come sorted by position: compose.override.yaml first
    Finding platform = f.get(1);
    assertEquals(new Range("compose.yaml", 4, 15, 4, 17), platform.range());
    assertEquals("services.api.platform must be a string, not an integer, and the same at 2 more "
        + "places; docker compose refuses to load the project", platform.message());
    assertEquals(List.of(new Range("compose.yaml", 7, 15, 7, 17),
        new Range("compose.yaml", 11, 15, 11, 17)),
        platform.related().stream().map(dev.berth.rules.Related::range).toList());
    assertEquals("services.worker.platform must be a string, not an integer",
        platform.related().get(0).message());
    // another cause in the same file, and the same cause in another file, are findings of their own
    assertEquals(new Range("compose.yaml", 8, 14, 8, 15), f.get(2).range());
    assertEquals(new Range("compose.override.yaml", 6, 15, 6, 17), f.get(0).range());
    assertEquals(List.of(), f.get(0).related());
  }

  @Test
  void aWrongValueSharedThroughAnAnchorIsOnePlace() throws IOException {
    List<Finding> f = run(new ComposeSchemaViolation(), files("compose.yaml", """
        x-common: &common
          image: registry.example.com/app:1
          platform: 64
        services:
          web: {<<: *common}
          worker: {<<: *common}
          beat: {<<: *common}
        """), List.of());
    assertEquals(1, f.size(), f.toString());
    assertEquals(new Range("compose.yaml", 3, 13, 3, 15), f.get(0).range());
    assertEquals("services.web.platform must be a string, not an integer (as are 2 more uses of "
        + "this value); docker compose refuses to load the project", f.get(0).message());
    assertEquals(List.of(), f.get(0).related());
  }
}
