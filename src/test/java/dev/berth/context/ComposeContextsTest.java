package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Compose {@code build:} sections become build contexts, loaded through the real pipeline. */
class ComposeContextsTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path root = fs.getPath("/repo");

  private ComposeContextsTest file(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return this;
  }

  private BuildContexts load() {
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    return BuildContexts.of(p);
  }

  private static BuildContext named(BuildContexts all, String name) {
    return all.all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void contextIsRelativeToTheComposeFileAndDockerfileToTheContext() throws IOException {
    file("deploy/compose.yaml", """
        services:
          web:
            build:
              context: ../apps/web
              dockerfile: docker/Dockerfile.prod
              target: runtime
              args:
                NODE_ENV: production
                TOKEN:
        """);
    file("apps/web/docker/Dockerfile.prod", "FROM node:20 AS runtime\n");
    BuildContext web = named(load(), "web");
    assertEquals(new ContextLocation.Local("apps/web"), web.location());
    assertEquals("apps/web/docker/Dockerfile.prod", web.dockerfile());
    assertEquals(Optional.of("runtime"), web.target());
    assertEquals(BuildContext.Origin.COMPOSE, web.origin());
    assertEquals(Map.of("NODE_ENV", Optional.of("production"), "TOKEN", Optional.empty()),
        web.buildArgs());
    // the context value's range in the compose file
    assertEquals("deploy/compose.yaml", web.definedAt().get(0).file());
    assertEquals(4, web.definedAt().get(0).startLine());
  }

  @Test
  void shortSyntaxAbsoluteDockerfileAndDockerfileSpecificIgnore() throws IOException {
    file("compose.yaml", """
        services:
          api:
            build: ./api
          worker:
            build:
              context: .
              dockerfile: /repo/api/Dockerfile
        """);
    file("api/Dockerfile", "FROM python:3.12\n");
    file("api/Dockerfile.dockerignore", ".venv\n");
    file(".dockerignore", ".git\n");
    BuildContexts all = load();
    BuildContext api = named(all, "api");
    assertEquals(new ContextLocation.Local("api"), api.location());
    assertEquals("api/Dockerfile", api.dockerfile());
    BuildContext worker = named(all, "worker");
    assertEquals(new ContextLocation.Local(""), worker.location());
    assertEquals("api/Dockerfile", worker.dockerfile());
    // <Dockerfile>.dockerignore wins over <context>/.dockerignore for both builds
    assertEquals("api/Dockerfile.dockerignore", worker.dockerIgnore().orElseThrow().path());
    assertEquals(2, all.forDockerfile("api/Dockerfile").size());
  }

  @Test
  void remoteAndOutsideContextsAreUnknown() throws IOException {
    file("compose.yaml", """
        services:
          a:
            build: https://github.com/acme/app.git#main
          b:
            build: ../elsewhere
        """);
    BuildContexts all = load();
    assertInstanceOf(ContextLocation.Unknown.class, named(all, "a").location());
    assertEquals("a git repository",
        ((ContextLocation.Unknown) named(all, "a").location()).reason());
    assertEquals("a directory outside the project root",
        ((ContextLocation.Unknown) named(all, "b").location()).reason());
    assertTrue(all.files(named(all, "a")).isEmpty());
  }

  @Test
  void inlineDockerfileHasNoPathAndOnlyTheContextIgnoreFile() throws IOException {
    file("compose.yaml", """
        services:
          tool:
            build:
              context: tools
              dockerfile_inline: |
                FROM alpine
                COPY run.sh /
        """);
    file("tools/run.sh", "echo\n");
    file("tools/.dockerignore", "*.md\n");
    BuildContext tool = named(load(), "tool");
    assertTrue(tool.inlineDockerfile());
    assertEquals("<dockerfile_inline of service tool in compose.yaml>", tool.dockerfile());
    assertEquals("tools/.dockerignore", tool.dockerIgnore().orElseThrow().path());
  }

  @Test
  void additionalContextsAreLocalDirectoriesOrUnknown() throws IOException {
    file("compose.yaml", """
        services:
          api:
            build:
              context: api
              additional_contexts:
                libs: ./libs
                base: docker-image://python:3.12
                other: service:worker
          worker:
            image: python:3.12
        """);
    file("api/Dockerfile", "FROM python:3.12\nCOPY --from=libs common /app/common\n");
    file("libs/common/__init__.py", "\n");
    file("libs/.dockerignore", "**/__pycache__\n");
    BuildContext api = named(load(), "api");
    BuildContext.NamedContext libs = api.namedContext("libs").orElseThrow();
    assertEquals(new ContextLocation.Local("libs"), libs.location());
    assertEquals("libs/.dockerignore",
        ((BuildContext.IgnoreFile.Read) libs.ignore()).file().path());
    assertEquals("an image", ((ContextLocation.Unknown) api.namedContext("base").orElseThrow()
        .location()).reason());
    assertEquals("the image of another service", ((ContextLocation.Unknown) api
        .namedContext("other").orElseThrow().location()).reason());
  }

  @Test
  void copyFromANamedContextLooksInThatContext() throws IOException {
    file("compose.yaml", """
        services:
          api:
            build:
              context: api
              additional_contexts:
                libs: ./libs
        """);
    file("api/Dockerfile",
        "FROM python:3.12\nCOPY --from=libs common missing.py /app/\n");
    file("libs/common/__init__.py", "\n");
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    BuildContexts all = BuildContexts.of(p);
    BuildContext api = all.forDockerfile("api/Dockerfile").get(0);
    var copy = (dev.berth.dockerfile.Instruction.FileTransfer) p.dockerfile("api/Dockerfile")
        .orElseThrow().instructions().get(1);
    List<SourceMatch> m = all.sources(api, copy);
    assertEquals(SourceMatch.Outcome.MATCHED, m.get(0).outcome());
    assertEquals(List.of("common/__init__.py"), m.get(0).files());
    assertEquals(SourceMatch.Outcome.MISSING, m.get(1).outcome());
  }

  @Test
  void servicesBuildingTheSameWayAreOneBuildAndLoneDockerfilesKeepTheirDirectory()
      throws IOException {
    file("compose.yaml", """
        services:
          web:
            build: ./web
          web-copy:
            build: ./web
        """);
    file("web/Dockerfile", "FROM nginx\n");
    file("tools/Dockerfile", "FROM alpine\n");
    BuildContexts all = load();
    assertEquals(1, all.forDockerfile("web/Dockerfile").size());
    assertEquals("web", all.forDockerfile("web/Dockerfile").get(0).name());
    BuildContext tools = all.forDockerfile("tools/Dockerfile").get(0);
    assertEquals(BuildContext.Origin.ASSUMED, tools.origin());
    assertEquals(new ContextLocation.Local("tools"), tools.location());
  }

  @Test
  void buildArgsExpandSourcesAndUnknownArgsLeaveThemUnjudged() throws IOException {
    file("compose.yaml", """
        services:
          admin:
            build:
              context: .
              dockerfile: docker/Dockerfile
              args:
                APP: admin
          web:
            build:
              context: .
              dockerfile: docker/Dockerfile
              args:
                APP: web
          any:
            build:
              context: .
              dockerfile: docker/Dockerfile
              args:
                - APP
        """);
    file("docker/Dockerfile", "FROM node:20\nARG APP=web\nCOPY apps/${APP}/package.json ./\n");
    file("apps/web/package.json", "{}\n");
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    BuildContexts all = BuildContexts.of(p);
    var copy = (dev.berth.dockerfile.Instruction.FileTransfer) p.dockerfile("docker/Dockerfile")
        .orElseThrow().instructions().get(2);
    SourceMatch admin = all.sourceOutcomes(named(all, "admin"), copy).get(0);
    assertEquals(SourceMatch.Outcome.MISSING, admin.outcome());
    assertEquals("apps/admin/package.json", admin.resolved());
    assertEquals(SourceMatch.Outcome.MATCHED,
        all.sourceOutcomes(named(all, "web"), copy).get(0).outcome());
    // "- APP" takes the value from the environment at build time: unknown
    assertEquals(SourceMatch.Outcome.UNKNOWN,
        all.sourceOutcomes(named(all, "any"), copy).get(0).outcome());
  }

  @Test
  void berthConfigSetsTheContextOfDockerfilesNoComposeFileBuilds() throws IOException {
    file("compose.yaml", "services:\n  api:\n    build: ./api\n");
    file("api/Dockerfile", "FROM python:3.12\nCOPY main.py .\n");
    file("api/main.py", "\n");
    file("apps/web/Dockerfile", "FROM node:20\nCOPY src ./src\n");
    file("apps/web/src/index.js", "\n");
    BerthConfig config = new BerthConfig(java.util.Set.of(), java.util.Set.of(), Map.of(),
        Optional.empty(), List.of(), List.of(), List.of(),
        Map.of("apps/web/Dockerfile", "", "api/Dockerfile", "elsewhere"));
    Project p = ProjectLoader.load(root, List.of(), config);
    BuildContexts all = BuildContexts.of(p);
    BuildContext web = all.forDockerfile("apps/web/Dockerfile").get(0);
    assertEquals(BuildContext.Origin.CONFIG, web.origin());
    assertEquals(new ContextLocation.Local(""), web.location());
    var copy = (dev.berth.dockerfile.Instruction.FileTransfer) p.dockerfile("apps/web/Dockerfile")
        .orElseThrow().instructions().get(1);
    // built from the root as configured, src/ is not there (it is apps/web/src)
    assertEquals(SourceMatch.Outcome.MISSING, all.sourceOutcomes(web, copy).get(0).outcome());
    // compose decides for the Dockerfiles it builds; the configuration does not override it
    BuildContext api = all.forDockerfile("api/Dockerfile").get(0);
    assertEquals(BuildContext.Origin.COMPOSE, api.origin());
    assertEquals(new ContextLocation.Local("api"), api.location());
  }
}
