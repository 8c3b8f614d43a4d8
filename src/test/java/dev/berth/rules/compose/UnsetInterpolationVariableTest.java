package dev.berth.rules.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.rules.Finding;
import dev.berth.rules.Related;
import dev.berth.rules.RuleTester;
import dev.berth.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BTH107 through the real loader (jimfs). */
class UnsetInterpolationVariableTest {
  private final RuleTester project = RuleTester.of(new UnsetInterpolationVariable());

  private UnsetInterpolationVariableTest file(String rel, String text) {
    project.file(rel, text);
    return this;
  }

  private List<Finding> findings() {
    return project.findings();
  }

  @Test
  void oneFindingPerVariableAtItsFirstUseGradedByTheWorstUse() {
    file("compose.yaml", """
        services:
          web:
            image: nginx:1.27
            environment:
              PUBLIC_PORT: ${PORT}
            healthcheck:
              test: ["CMD", "wget", "-q", "http://localhost:${PORT}/"]
          api:
            image: nginx:1.27
            ports:
              - "${PORT}:80"
        """);
    List<Finding> f = findings();
    assertEquals(1, f.size(), f.toString());
    assertEquals(5, f.get(0).range().startLine());
    assertEquals(Severity.WARNING, f.get(0).severity());
    // the message says the worst consequence; each other use is a related location with its own
    assertEquals("variable PORT is not set (there is no `.env`) and has no default, so unless the shell that runs Compose exports it, Compose"
        + " substitutes an empty string: in services.web.healthcheck.test[3], the URL in"
        + " `http://localhost:${PORT}/` becomes `http://localhost:`, with no port (set it in"
        + " `.env`, or write ${PORT:-default} or ${PORT:?message})", f.get(0).message());
    assertEquals(List.of(7, 11), f.get(0).related().stream().map(r -> r.range().startLine())
        .toList());
    assertEquals("also used in services.api.ports[0]: `${PORT}:80` becomes `:80`, so Docker"
        + " publishes container port 80 on a random host port",
        f.get(0).related().get(1).message());
  }

  @Test
  void aBlankOptionalSettingIsANote() {
    file(".env", "A=1\n");
    file("compose.yaml", """
        services:
          web:
            image: nginx:1.27
            environment:
              - SENTRY_DSN=${SENTRY_DSN}
            labels:
              team: ${TEAM}
        """);
    List<Finding> f = findings();
    assertEquals(List.of(Severity.NOTE, Severity.NOTE), f.stream().map(Finding::severity).toList());
    assertEquals("variable SENTRY_DSN is not set in `.env` and has no default, so unless the shell that runs Compose exports it, Compose"
        + " substitutes an empty string: in services.web.environment[0], the container gets"
        + " SENTRY_DSN set to an empty string (set it in `.env`, or write ${SENTRY_DSN:-default}"
        + " or ${SENTRY_DSN:?message})", f.get(0).message());
  }

  @Test
  void requiredVariablesAreTheAuthorsIntent() {
    file("compose.yaml", """
        services:
          web:
            image: "nginx:${TAG:?set TAG}"
            labels:
              traefik.http.routers.web.rule: Host(`${DOMAIN?No DOMAIN set}`)
              traefik.http.routers.web.tls.domains[0].main: ${DOMAIN}
        """);
    // one required use stops Compose before the plain use's blank could matter
    assertEquals(List.of(), findings());
  }

  @Test
  void variablesOfTheTemplateAreSetAndTheTemplateIsNamedForTheOthers() {
    file(".gitignore", ".env\n");
    file(".env.example", "TAG=1.27\n");
    file("compose.yaml", """
        services:
          web:
            image: "nginx:${TAG}"
            ports: ["${HTTP_PORT}:80"]
        """);
    List<Finding> f = findings();
    assertEquals(1, f.size(), f.toString());
    assertEquals("variable HTTP_PORT is not set in `.env.example`, the template for `.env`, and"
        + " has no default, so unless the shell that runs Compose exports it, Compose substitutes an empty string: in services.web.ports[0],"
        + " `${HTTP_PORT}:80` becomes `:80`, so Docker publishes container port 80 on a random"
        + " host port (set it in `.env.example`, or write ${HTTP_PORT:-default} or"
        + " ${HTTP_PORT:?message})", f.get(0).message());
  }

  @Test
  void aTemplateAboveTheProjectIsItsOnlyWhenItSetsTheProjectsVariables() {
    file(".env.template", "DB_PASSWORD=change-me\n");
    file("docs/install/plain/compose.yaml", """
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: ${DB_PASSWORD}
        """);
    // the documentation example is set up with the repository's template
    assertEquals(List.of(), findings());
    file("tools/compose.yaml", """
        services:
          web:
            image: nginx:1.27
            ports: ["${WEB_PORT}:80"]
        """);
    List<Finding> f = findings();
    assertEquals(1, f.size(), f.toString());
    // the repository's template is not this project's: it is not named
    assertEquals(true, f.get(0).message().startsWith("variable WEB_PORT is not set (there is no"
        + " `tools/.env`)"), f.get(0).message());
    // a deployment directory with its own env file is set up with that, not the template above
    file("deploy/variables.env", "DB_PASSWORD=x\n");
    file("deploy/compose.yaml", """
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: ${DB_PASSWORD}
        """);
    assertEquals(true, findings().stream().anyMatch(x -> x.range().file().equals(
        "deploy/compose.yaml") && x.message().contains("(there is no `deploy/.env`)")));
  }

  @Test
  void aRequiredDotEnvWithoutTemplateIsReportedByBth307NotPerVariable() {
    file("compose.yaml", """
        services:
          web:
            image: "nginx:${TAG}"
            env_file: .env
        """);
    assertEquals(List.of(), findings());
    // an optional one says nothing about the author expecting the file
    file("compose.yaml", """
        services:
          web:
            image: "nginx:${TAG}"
            env_file:
              - path: .env
                required: false
        """);
    assertEquals(1, findings().size());
  }

  @Test
  void aDotEnvLinkToAGeneratedFileHasUnknownContent() {
    file("compose.yaml", "services: {web: {image: 'nginx:${TAG}'}}\n");
    project.link(".env", "mailcow.conf");
    assertEquals(List.of(), findings());
  }

  @Test
  void extensionFieldsAreJudgedWhereTheirAliasesLand() {
    file("compose.yaml", """
        x-unused: &unused
          image: "nginx:${NEVER_USED}"
        x-env: &env
          LOG_LEVEL: ${LOG_LEVEL}
        services:
          web:
            image: nginx:1.27
            environment: *env
        """);
    List<Finding> f = findings();
    assertEquals(1, f.size(), f.toString());
    assertEquals(4, f.get(0).range().startLine());
    assertEquals(Severity.NOTE, f.get(0).severity());
    assertEquals(List.of(), f.get(0).related().stream().map(Related::message).toList());
  }

  @Test
  void anEmptyImageOnlyNamesABuiltImage() {
    file("app/Dockerfile", "FROM python:3.12\n");
    file("compose.yaml", """
        services:
          app:
            build: ./app
            image: ${APP_IMAGE}
          cache:
            image: ${CACHE_IMAGE}
        """);
    List<Finding> f = findings();
    assertEquals(List.of(Severity.NOTE, Severity.WARNING),
        f.stream().map(Finding::severity).toList());
  }

  @Test
  void aVariableACommentDocumentsAsAnInputIsANoteThatSaysSo() {
    file("compose.yaml", """
        # Environment variables:
        # - SHAARLI_DOCKER_TAG        Shaarli docker tag to use
        services:
          shaarli:
            image: ghcr.io/shaarli/shaarli:${SHAARLI_DOCKER_TAG}
        """);
    List<Finding> f = findings();
    assertEquals(1, f.size(), f.toString());
    assertEquals(Severity.NOTE, f.get(0).severity());
    assertEquals("variable SHAARLI_DOCKER_TAG is not set (there is no `.env`) and has no default,"
        + " so unless the shell that runs Compose exports it, Compose substitutes an empty"
        + " string: in services.shaarli.image, the image"
        + " `ghcr.io/shaarli/shaarli:${SHAARLI_DOCKER_TAG}` becomes `ghcr.io/shaarli/shaarli:`,"
        + " which Docker refuses (invalid reference format); the comment at compose.yaml:2"
        + " documents it as a variable to set, and this assumes it was not set (set it in"
        + " `.env`, or write ${SHAARLI_DOCKER_TAG:-default} or ${SHAARLI_DOCKER_TAG:?message})",
        f.get(0).message());
    assertEquals(List.of(new Related(new dev.berth.source.Range("compose.yaml", 2, 1, 2, 56),
        "documents SHAARLI_DOCKER_TAG as a variable to set")), f.get(0).related());
  }

  @Test
  void anIncludedFilesCommentDocumentsTheVariablesItUses() {
    file("compose.yaml", "include:\n  - db/compose.yaml\nservices:\n  web: {image: 'nginx:1'}\n");
    file("db/compose.yaml", """
        services:
          db:
            # $ export DB_VERSION=16.4
            image: postgres:${DB_VERSION}
        """);
    List<Finding> f = findings();
    assertEquals(List.of(Severity.NOTE), f.stream().map(Finding::severity).toList());
    assertEquals("db/compose.yaml", f.get(0).related().get(0).range().file());
  }

  /** Comments that name the variable without documenting it as an input leave it a warning. */
  @Test
  void lookalikesOfDocumentationAreNone() {
    file("compose.yaml", """
        # TAG_SUFFIX is added by the release job
        services:
          web:
            # image: example/web:${TAG:-dev}
            # - ${TAG}
            # berth ignore-file=BTH001 TAG
            image: example/web:${TAG}
            command:
              - |
                # TAG is printed first
                echo "${TAG}"
        """);
    List<Finding> f = findings();
    assertEquals(List.of(Severity.WARNING), f.stream().map(Finding::severity).toList());
    assertEquals(List.of(11), f.get(0).related().stream().map(r -> r.range().startLine())
        .toList());
  }

  /** A comment line after a block scalar, less indented than its content, is a YAML comment. */
  @Test
  void aCommentRightAfterABlockScalarCounts() {
    file("compose.yaml", """
        services:
          web:
            command: |
              echo hi

            # TAG: the image tag to run
            image: example/web:${TAG}
        """);
    List<Finding> f = findings();
    assertEquals(List.of(Severity.NOTE), f.stream().map(Finding::severity).toList());
    assertEquals(6, f.get(0).related().get(0).range().startLine());
  }
}
