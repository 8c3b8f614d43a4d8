package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which compose files form a project: files pulled in by others, layered sets, alternatives. */
class ComposeProjectSetsTest {

  private static List<List<String>> files(ComposeLoadResult r) {
    return r.projects().stream().map(ComposeProject::files).toList();
  }

  @Test
  void aFileAnotherIncludesIsPartOfThatProjectOnly() {
    ComposeLoadResult r = new ComposeFixture()
        .file("db/compose.yml", "services:\n  db:\n    image: postgres:16\n"
            + "    networks: [backend]\n")
        .file("compose.yaml", "include:\n  - path: db/compose.yml\n    project_directory: .\n"
            + "networks:\n  backend: {}\nservices:\n  web:\n    image: nginx\n")
        .load();
    assertEquals(List.of(List.of("compose.yaml")), files(r));
    assertTrue(r.projects().get(0).service("db").isPresent());
  }

  @Test
  void nestedIncludesArePartOfTheOutermostProject() {
    ComposeLoadResult r = new ComposeFixture()
        .file("a/compose.yaml", "include: [../b/compose.yaml]\nservices: {a: {image: x}}\n")
        .file("b/compose.yaml", "include: [../c/compose.yaml]\nservices: {b: {image: x}}\n")
        .file("c/compose.yaml", "services: {c: {image: x}}\n")
        .file("compose.yaml", "include: [a/compose.yaml]\nservices: {top: {image: x}}\n")
        .load();
    assertEquals(List.of(List.of("compose.yaml")), files(r));
    assertEquals(List.of("a", "b", "c", "top"),
        r.projects().get(0).services().keySet().stream().sorted().toList());
  }

  @Test
  void aFileIncludedByTwoProjectsIsPartOfEach() {
    ComposeLoadResult r = new ComposeFixture()
        .file("shared/compose.yml", "services:\n  cache:\n    image: redis\n")
        .file("a/compose.yaml", "include: [../shared/compose.yml]\nservices: {a: {image: x}}\n")
        .file("b/compose.yaml", "include: [../shared/compose.yml]\nservices: {b: {image: x}}\n")
        .load();
    assertEquals(List.of(List.of("a/compose.yaml"), List.of("b/compose.yaml")), files(r));
    assertTrue(r.projects().stream().allMatch(p -> p.service("cache").isPresent()));
  }

  @Test
  void filesIncludingEachOtherAreKept() {
    // Compose refuses the cycle; berth reports it and still lints both files.
    ComposeLoadResult r = new ComposeFixture()
        .file("a/compose.yaml", "include: [../b/compose.yaml]\nservices: {a: {image: x}}\n")
        .file("b/compose.yaml", "include: [../a/compose.yaml]\nservices: {b: {image: x}}\n")
        .load();
    assertEquals(2, r.projects().size());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("include cycle")));
  }

  @Test
  void aFileUsedOnlyAsExtendsBaseIsPartOfItsUser() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.base.yml", "services:\n  app:\n    image: example/app:1\n"
            + "    networks: [backend]\n")
        .file("compose.yaml", "networks:\n  backend: {}\nservices:\n  api:\n    extends:\n"
            + "      file: compose.base.yml\n      service: app\n")
        .load();
    assertEquals(List.of(List.of("compose.yaml")), files(r));
  }

  @Test
  void aDefaultFileUsedAsExtendsBaseIsStillTheProjectItsDirectoryRuns() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: example/web:1\n")
        .file("compose.prod.yaml", "services:\n  web-prod:\n    extends:\n"
            + "      file: compose.yaml\n      service: web\n")
        .load();
    assertEquals(List.of(List.of("compose.yaml"), List.of("compose.prod.yaml")), files(r));
  }

  @Test
  void aGroupNamedExplicitlyIsLintedEvenWhenIncludedElsewhere() {
    ComposeLoadResult r = new ComposeFixture()
        .file("db/compose.yml", "services:\n  db:\n    image: postgres:16\n")
        .file("compose.yaml", "include: [db/compose.yml]\nservices: {web: {image: x}}\n")
        .load(ComposeOptions.defaults().withGroups(List.of(List.of("db/compose.yml"))));
    assertEquals(List.of(List.of("db/compose.yml"), List.of("compose.yaml")), files(r));
  }

  @Test
  void aBrokenIncludedFileIsReportedOnceThroughItsIncluder() {
    ComposeLoadResult r = new ComposeFixture()
        .file("db/compose.yml", "services:\n  db: [\n")
        .file("compose.yaml", "include: [db/compose.yml]\nservices: {web: {image: x}}\n")
        .load();
    assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
    assertEquals("db/compose.yml", r.diagnostics().get(0).range().file());
  }

  private static List<String> bases(ComposeLoadResult r) {
    return r.projects().stream().map(p -> String.join("+", p.files()) + " " + p.basis()).toList();
  }

  @Test
  void eachProjectSaysHowItsFilesWereLearned() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n  db:\n    image: pg\n")
        // complete on its own
        .file("compose.tools.yaml", "services:\n  adminer:\n    image: adminer\n")
        // needs db: the default file completes it
        .file("compose.dev.yaml", "services:\n  seed:\n    image: s\n    depends_on: [db]\n")
        // needs a service no file of its directory defines
        .file("compose.agent.yaml", "services:\n  bot:\n    image: b\n"
            + "    depends_on: [opamp]\n  web:\n    depends_on: [bot]\n")
        // a service without image or build, and no default file in its directory
        .file("overrides/compose.proxy.yaml", "services:\n  web:\n    labels: [a=b]\n")
        .file("ci/compose.yaml", "services:\n  e2e:\n    image: e\n")
        .load(ComposeOptions.defaults().withGroups(List.of(List.of("ci/compose.yaml"))));
    assertEquals(List.of("ci/compose.yaml DECLARED", "compose.yaml DISCOVERED",
        "compose.agent.yaml FRAGMENT",
        "compose.yaml+compose.dev.yaml ATTACHED",
        "compose.tools.yaml ALONE",
        "overrides/compose.proxy.yaml FRAGMENT"), bases(r));
    assertEquals(List.of(), r.diagnostics());
  }

  @Test
  void aDefaultFileIsJudgedWholeEvenWhenItCannotRunAlone() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    depends_on: [db]\n")
        .load();
    // docker compose up runs it as is: its unknown db is a finding, not a fragment's gap.
    assertEquals(List.of("compose.yaml DISCOVERED"), bases(r));
    ComposeLoadResult podman = new ComposeFixture()
        .file("pod/podman-compose.yml", "services:\n  web:\n    image: a\n    depends_on: [db]\n")
        .load();
    // What podman-compose up runs where there is no docker compose default file.
    assertEquals(List.of("pod/podman-compose.yml DISCOVERED"), bases(podman));
  }

  private static ComposeInvocation run(List<String> files, String dir, String name,
      List<String> envFiles, java.util.Set<String> exported) {
    return new ComposeInvocation(new dev.berth.source.Range("Makefile", 1, 1, 1, 2), files, dir,
        java.util.Optional.ofNullable(name), envFiles, true, exported,
        java.util.Optional.of("up"), List.of(), false);
  }

  @Test
  void setsTheRepositoryLayersAreProjectsAndTheirFilesAreNotLintedAlone() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  frontend:\n    image: f\n")
        .file("compose.observability.yaml", "services:\n  opamp:\n    image: o\n")
        .file("compose.agent.yaml", "services:\n  bot:\n    image: b\n"
            + "    depends_on: [opamp]\n  frontend:\n    depends_on: [bot]\n")
        .file("compose.tests.yaml", "services:\n  tests:\n    image: t\n"
            + "    depends_on: [frontend]\n")
        .load(ComposeOptions.defaults().withInvocations(List.of(
            run(List.of("compose.yaml", "compose.observability.yaml", "compose.agent.yaml"), "",
                null, List.of(), java.util.Set.of()),
            run(List.of(), "", null, List.of(), java.util.Set.of()),
            run(List.of("compose.tests.yaml"), "", null, List.of(), java.util.Set.of()))));
    assertEquals(List.of("compose.yaml DISCOVERED", "compose.tests.yaml SCRIPTED",
        "compose.yaml+compose.observability.yaml+compose.agent.yaml SCRIPTED"), bases(r));
    // run alone by the scripts, it is judged alone even though it cannot run so
    assertEquals(1, r.projects().get(1).invocations().size());
    assertEquals(1, r.projects().get(0).invocations().size());
  }

  @Test
  void envFilesAndVariablesTheScriptsGiveApplyToTheSetTheyRun() {
    ComposeFixture f = new ComposeFixture()
        .file("config/dev.env", "DEV_PORT=3449\n")
        .file(".env", "DEV_PORT=1\n")
        .file("compose.dev.yml", "services:\n  dev:\n    image: d\n    ports: ['${DEV_PORT}:3449']\n"
            + "    environment:\n      SRC: ${APP_SOURCE}\n");
    ComposeInvocation withEnvFile = run(List.of("compose.dev.yml"), "", null,
        List.of("config/dev.env"), java.util.Set.of("APP_SOURCE"));
    ComposeProject p = f.load(ComposeOptions.defaults().withInvocations(List.of(withEnvFile)))
        .projects().get(0);
    assertEquals(3449, p.service("dev").orElseThrow().ports().get(0).publishedPorts()
        .orElseThrow()[0]);
    assertEquals(List.of("config/dev.env"), p.variableSources().envFiles());
    assertTrue(p.variableSources().setByScripts("APP_SOURCE"));
    // another invocation without the env file: Compose reads .env there, so .env it is
    ComposeProject mixed = f.load(ComposeOptions.defaults().withInvocations(List.of(withEnvFile,
        run(List.of("compose.dev.yml"), "", null, List.of(), java.util.Set.of()))))
        .projects().get(0);
    assertEquals(java.util.Optional.of(".env"), mixed.variableSources().dotEnv());
    assertEquals(1, mixed.service("dev").orElseThrow().ports().get(0).publishedPorts()
        .orElseThrow()[0]);
  }

  @Test
  void anAbsentOverrideIsReadFromTheTemplateTheSetupCopies() {
    ComposeFixture f = new ComposeFixture()
        .file("compose.yaml", "services:\n  db:\n    image: pg\n    secrets: [pw]\n")
        .file("compose.override.yaml.example", "secrets:\n  pw:\n    environment: PW\n");
    assertEquals(List.of("compose.yaml+compose.override.yaml.example DISCOVERED"),
        bases(f.load()));
    f.file("compose.override.yaml", "services:\n  db:\n    restart: always\n");
    assertEquals(List.of("compose.yaml+compose.override.yaml DISCOVERED"), bases(f.load()));
  }
}
