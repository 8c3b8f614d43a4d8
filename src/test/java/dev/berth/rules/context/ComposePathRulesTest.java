package dev.berth.rules.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.Project;
import dev.berth.project.ProjectLoader;
import dev.berth.rules.Engine;
import dev.berth.rules.Finding;
import dev.berth.rules.Related;
import dev.berth.rules.Rule;
import dev.berth.rules.Severity;
import dev.berth.source.Range;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BTH305–BTH307 on projects loaded through the real loader (jimfs). */
class ComposePathRulesTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path root = fs.getPath("/repo");

  private ComposePathRulesTest file(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return this;
  }

  private List<Finding> run(Rule rule) {
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    var analysis = new Engine(List.of(rule)).run(p);
    assertFalse(analysis.diagnostics().stream().anyMatch(d -> d.message().contains("failed")),
        analysis.diagnostics().toString());
    return analysis.findings();
  }

  @Test
  void dockerfileWrittenRelativeToTheComposeFileIsLookedUpInTheContext() throws IOException {
    file("deploy/compose.yaml", """
        services:
          web:
            build:
              context: ../app
              dockerfile: app/Dockerfile
        """);
    file("app/Dockerfile", "FROM nginx\n");
    List<Finding> f = run(new ComposeBuildPathMissing());
    assertEquals(1, f.size());
    assertEquals(new Range("deploy/compose.yaml", 5, 19, 5, 33), f.get(0).range());
    assertEquals("Dockerfile `app/Dockerfile` of service `web` is not in the build context `app`:"
        + " compose reads `app/app/Dockerfile`, which does not exist, so the build fails with"
        + " \"failed to read dockerfile\"; a file of that name is at `app/Dockerfile`, but"
        + " `dockerfile` is relative to the context", f.get(0).message());
    assertEquals(List.of(new Related(Range.wholeFile("app"), "build context"),
        new Related(Range.wholeFile("app/app/Dockerfile"), "where compose looks for the Dockerfile"),
        new Related(Range.wholeFile("app/Dockerfile"), "a file of that name")),
        f.get(0).related());
  }

  @Test
  void defaultDockerfileMissingPointsAtTheContextValue() throws IOException {
    file("compose.yaml", "services:\n  api:\n    build: ./api\n");
    file("api/main.py", "print()\n");
    List<Finding> f = run(new ComposeBuildPathMissing());
    assertEquals(1, f.size());
    assertEquals(3, f.get(0).range().startLine());
    assertTrue(f.get(0).message().startsWith("Dockerfile `Dockerfile` of service `api`"));
  }

  @Test
  void remoteInlineAbsoluteAndOutsideBuildsAreNotJudged() throws IOException {
    file("compose.yaml", """
        services:
          a:
            build: https://github.com/acme/app.git#main
          b:
            build:
              context: .
              dockerfile_inline: FROM alpine
          c:
            build:
              context: .
              dockerfile: /opt/docker/Dockerfile
          d:
            build: ../sibling
          e:
            build:
              context: .
              dockerfile: ../Dockerfile
        """);
    assertEquals(List.of(), run(new ComposeBuildPathMissing()));
  }

  @Test
  void targetShapeDecidesWhetherAMissingBindSourceMatters() {
    assertTrue(BindMountSourceMissing.looksLikeFile("/etc/nginx/nginx.conf"));
    assertTrue(BindMountSourceMissing.looksLikeFile("/srv/Caddyfile"));
    assertTrue(BindMountSourceMissing.looksLikeFile("/app/.env"));
    assertTrue(BindMountSourceMissing.looksLikeFile("/docker-entrypoint-initdb.d/init.sql"));
    assertFalse(BindMountSourceMissing.looksLikeFile("/etc/nginx/conf.d"));
    assertFalse(BindMountSourceMissing.looksLikeFile("/docker-entrypoint-initdb.d"));
    assertFalse(BindMountSourceMissing.looksLikeFile("/var/lib/postgresql/data"));
    assertFalse(BindMountSourceMissing.looksLikeFile("/root/.ssh"));
    assertFalse(BindMountSourceMissing.looksLikeFile("/opt/app-1."));
  }

  @Test
  void missingFileMountsFireAndHostOrDirectoryMountsDoNot() throws IOException {
    file("ops/compose.yaml", """
        services:
          db:
            image: postgres:16
            volumes:
              - ./initdb/schema.sql:/docker-entrypoint-initdb.d/schema.sql:ro
              - ./pgdata:/var/lib/postgresql/data
              - /etc/localtime:/etc/localtime:ro
              - ../../outside.conf:/etc/app.conf
              - ./present.conf:/etc/present.conf
        """);
    file("ops/present.conf", "x=1\n");
    file("ops/sql/schema.sql", "create table t();\n");
    List<Finding> f = run(new BindMountSourceMissing());
    assertEquals(1, f.size());
    assertEquals(5, f.get(0).range().startLine());
    assertEquals("bind-mount source `ops/initdb/schema.sql` of service `db` does not exist, so"
        + " Docker creates an empty directory there and mounts it at"
        + " /docker-entrypoint-initdb.d/schema.sql, where the container expects a file;"
        + " a file of that name is at `ops/sql/schema.sql`", f.get(0).message());
  }

  @Test
  void createHostPathFalseFailsForDirectoriesToo() throws IOException {
    file("compose.yaml", """
        services:
          app:
            image: alpine
            volumes:
              - type: bind
                source: ./state
                target: /state
                bind:
                  create_host_path: false
              - type: bind
                source: ./cache
                target: /cache
        """);
    List<Finding> f = run(new BindMountSourceMissing());
    assertEquals(1, f.size());
    assertEquals(6, f.get(0).range().startLine());
    assertTrue(f.get(0).message().contains("`bind.create_host_path` is false"));
  }

  @Test
  void envFileMissingUnlessOptionalAndTheTemplateIsNamed() throws IOException {
    file("compose.yaml", """
        services:
          api:
            image: python:3.12
            env_file:
              - ./config/api.env
              - path: ./config/local.env
                required: false
              - ./config/shared.env
        """);
    file("config/api.env.example", "A=1\n");
    file("config/shared.env", "B=2\n");
    List<Finding> f = run(new EnvFileMissing());
    assertEquals(1, f.size());
    assertEquals(5, f.get(0).range().startLine());
    assertEquals(EnvFileMissing.message(List.of("api"), "config/api.env",
        Optional.of("config/api.env.example"), false), f.get(0).message());
    assertEquals("env_file `config/api.env` of service `api` does not exist: the project's setup"
        + " is expected to create it from `config/api.env.example` (cp config/api.env.example"
        + " config/api.env); until then `docker compose up` fails with \"env file ... not found\"",
        f.get(0).message());
    // a template beside it is the setup step, git-ignored or not (searxng's container/.env)
    assertEquals(Severity.NOTE, f.get(0).severity());
  }

  @Test
  void envFileMissingIsOneFindingPerFileWithTheOtherServicesRelated() throws IOException {
    file("compose.yaml", """
        x-env: &env
          env_file: ./shared.env
        services:
          api:
            image: python:3.12
            <<: *env
          worker:
            image: python:3.12
            env_file:
              - ./shared.env
          beat:
            image: python:3.12
            env_file: [./shared.env]
        """);
    Project p = ProjectLoader.load(root, List.of(), BerthConfig.defaults());
    var analysis = new Engine(List.of(new EnvFileMissing())).run(p);
    // Compose refuses the project, but berth reads it: a finding, not a diagnostic
    assertEquals(List.of(), analysis.diagnostics());
    List<Finding> f = analysis.findings();
    assertEquals(1, f.size(), f.toString());
    assertEquals(2, f.get(0).range().startLine());
    assertEquals(Severity.ERROR, f.get(0).severity());
    assertEquals("env_file `shared.env` of services `api`, `worker`, `beat` does not exist and"
        + " nothing in the repository creates it or is a template for it, so `docker compose up`"
        + " fails with \"env file ... not found\" unless it is made outside the repository (or"
        + " mark it `required: false` if it is optional)", f.get(0).message());
    assertEquals(List.of(10, 13), f.get(0).related().stream()
        .filter(r -> r.message().startsWith("also read by"))
        .map(r -> r.range().startLine()).toList());
  }

  @Test
  void gitIgnoredEnvFileWithATemplateIsTheDocumentedSetupStep() throws IOException {
    file(".gitignore", ".env\n");
    file("docs/install/.env.template", "A=1\n");
    file("docs/install/plain/compose.yaml", """
        services:
          web:
            image: python:3.12
            env_file: ./.env
        """);
    List<Finding> f = run(new EnvFileMissing());
    assertEquals(1, f.size(), f.toString());
    assertEquals(Severity.NOTE, f.get(0).severity());
    assertEquals("env_file `docs/install/plain/.env` of service `web` is git-ignored and does not"
        + " exist: the project's setup is expected to create it from `docs/install/.env.template`"
        + " (cp docs/install/.env.template docs/install/plain/.env); until then `docker compose"
        + " up` fails with \"env file ... not found\"", f.get(0).message());
  }

  @Test
  void portainersStackEnvIsWrittenByThePlatform() throws IOException {
    file("compose.portainer.yml", """
        services:
          web:
            image: python:3.12
            env_file: stack.env
        """);
    assertEquals(List.of(), run(new EnvFileMissing()));
  }
}
