package dev.berth.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeLoaderTest {

  @Test
  void interpolatesFromDotEnvAndRecordsUnsetVariables() {
    ComposeProject p = new ComposeFixture()
        .file(".env", "TAG=1.25\n")
        .file("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n"
            + "    environment:\n      A: ${MISSING}\n      B: ${OTHER:-x}\n")
        .project();
    Service web = p.service("web").orElseThrow();
    assertEquals("nginx:1.25", web.image().orElseThrow().value());
    assertEquals(Optional.of("x"), web.environment().get("B").value());
    assertEquals(List.of(new UnsetVariable("MISSING", new Range("compose.yaml", 5, 10, 5, 20),
        false, "", List.of("services", "web", "environment", "A"), "${MISSING}", "")),
        p.unsetVariables());
  }

  @Test
  void unsetVariablesAreRecordedWhereEachValueLandsThroughAnAlias() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "x-ports: &ports\n  - \"${PORT}:80\"\nservices:\n"
            + "  web: {image: nginx, ports: *ports}\n  api: {image: nginx, ports: *ports}\n")
        .project();
    assertEquals(List.of(List.of("x-ports", "0"), List.of("services", "web", "ports", "0"),
        List.of("services", "api", "ports", "0")),
        p.unsetVariables().stream().map(UnsetVariable::field).toList());
    assertEquals(List.of(":80"), p.unsetVariables().stream().map(UnsetVariable::value).distinct()
        .toList());
  }

  @Test
  void variablesComposeAndTheLoginShellAlwaysSetAreNotUnset() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: nginx\n    volumes:\n"
            + "      - ${PWD}/data:/data\n      - ${HOME}/.cache:/cache\n"
            + "    container_name: ${COMPOSE_PROJECT_NAME}-web\n    user: ${UID}\n")
        .project();
    assertEquals(List.of("UID"), p.unsetVariables().stream().map(UnsetVariable::name).toList());
    // PWD is where Compose is documented to run: the project directory; HOME is written "~"
    assertEquals(List.of("/work/My_App/data", "~/.cache"), p.service("web").orElseThrow()
        .volumes().stream().map(m -> m.source().orElseThrow().value()).toList());
  }

  @Test
  void theTemplateOfAnAbsentDotEnvIsRecordedWithItsVariables() {
    ComposeProject p = new ComposeFixture()
        .file("env.example", "# copy to .env\nTAG=1.25\nexport TOKEN=\nBARE\n")
        .file("compose.yaml", "services: {web: {image: 'nginx:${TAG}'}}\n")
        .project();
    VariableSources s = p.variableSources();
    assertEquals(Optional.of(".env"), s.dotEnv());
    assertEquals(VariableSources.DotEnv.ABSENT, s.dotEnvState());
    assertEquals("env.example", s.template().orElseThrow().path());
    assertEquals(List.of("TAG", "TOKEN", "BARE"),
        List.copyOf(s.template().orElseThrow().variables().keySet()));
    assertEquals(3, s.template().orElseThrow().variables().get("TOKEN").startLine());
    // the model keeps what Compose itself would do without .env: a blank
    assertEquals("nginx:", p.service("web").orElseThrow().image().orElseThrow().value());
  }

  @Test
  void aDotEnvLinkToAGeneratedFileIsRecognised() throws Exception {
    ComposeFixture f = new ComposeFixture()
        .file("compose.yaml", "services: {web: {image: 'nginx:${TAG}'}}\n");
    java.nio.file.Files.createSymbolicLink(f.root.resolve(".env"), f.root.resolve("app.conf"));
    assertEquals(VariableSources.DotEnv.LINK_TO_MISSING,
        f.load().projects().get(0).variableSources().dotEnvState());
  }

  @Test
  void rawTextIsKeptNextToInterpolatedValue() {
    ComposeProject p = new ComposeFixture()
        .file(".env", "TAG=1.25\n")
        .file("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n")
        .project();
    var image = (dev.berth.compose.yaml.YamlScalar) p.service("web").orElseThrow().definition()
        .get("image").orElseThrow();
    assertEquals("nginx:${TAG}", image.raw());
    assertEquals("nginx:1.25", image.value());
  }

  @Test
  void processEnvironmentOnlyWhenOptedInAndItWinsOverDotEnv() {
    ComposeFixture f = new ComposeFixture()
        .file(".env", "TAG=fromfile\n")
        .file("compose.yaml", "services:\n  web:\n    image: app:${TAG}\n");
    assertEquals("app:fromfile", f.load().projects().get(0).service("web").orElseThrow()
        .image().orElseThrow().value());
    ComposeLoadResult r = f.load(ComposeOptions.defaults()
        .withProcessEnvironment(Map.of("TAG", "fromshell")));
    assertEquals("app:fromshell", r.projects().get(0).service("web").orElseThrow()
        .image().orElseThrow().value());
  }

  @Test
  void envFileOptionReplacesDotEnv() {
    ComposeLoadResult r = new ComposeFixture()
        .file(".env", "TAG=dot\n")
        .file("ci.env", "TAG=ci\n")
        .file("compose.yaml", "services:\n  web:\n    image: app:${TAG}\n")
        .load(ComposeOptions.defaults().withEnvFiles(List.of("ci.env")));
    assertEquals("app:ci", r.projects().get(0).service("web").orElseThrow().image().orElseThrow()
        .value());
  }

  @Test
  void invalidTemplateIsAParseErrorAtTheValue() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: ${TAG\n").load();
    assertEquals(1, r.diagnostics().size());
    assertEquals(Diagnostic.Kind.PARSE_ERROR, r.diagnostics().get(0).kind());
    assertEquals(new Range("compose.yaml", 3, 12, 3, 17), r.diagnostics().get(0).range());
  }

  @Test
  void keysAreNotInterpolated() {
    ComposeProject p = new ComposeFixture()
        .file(".env", "V=x\n")
        .file("compose.yaml", "services:\n  web:\n    image: a\n    labels:\n      \"$V\": BAR\n")
        .project();
    assertTrue(((dev.berth.compose.yaml.YamlMap) p.service("web").orElseThrow().definition()
        .get("labels").orElseThrow()).get("$V").isPresent());
  }

  @Test
  void projectNameRules() {
    assertEquals("my_app", new ComposeFixture()
        .file("compose.yaml", "services: {web: {image: a}}\n").project().name());
    assertEquals("shop", new ComposeFixture()
        .file("compose.yaml", "name: Shop\nservices: {web: {image: a}}\n").project().name());
    assertEquals("fromenv", new ComposeFixture()
        .file(".env", "COMPOSE_PROJECT_NAME=fromenv\n")
        .file("compose.yaml", "name: shop\nservices: {web: {image: a}}\n").project().name());
    assertEquals("api", new ComposeFixture()
        .file("API/docker-compose.yml", "services: {web: {image: a}}\n").project().name());
  }

  @Test
  void composeFileAndProfilesFromDotEnv() {
    ComposeProject p = new ComposeFixture()
        .file(".env", "COMPOSE_FILE=docker-compose.yml:docker-compose.prod.yml\n"
            + "COMPOSE_PROFILES=debug,tools\n")
        .file("docker-compose.yml", "services: {web: {image: a}}\n")
        .file("docker-compose.prod.yml", "services: {web: {image: b}}\n")
        .project();
    assertEquals(List.of("docker-compose.yml", "docker-compose.prod.yml"), p.files());
    assertEquals("b", p.service("web").orElseThrow().image().orElseThrow().value());
    assertEquals(List.of("debug", "tools"), p.activeProfiles());
  }

  @Test
  void overrideValuePointsIntoTheOverrideFile() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    ports: ['8080:80']\n")
        .file("compose.override.yaml", "services:\n  web:\n    ports: ['9090:90']\n")
        .project();
    List<PortMapping> ports = p.service("web").orElseThrow().ports();
    assertEquals("compose.yaml", ports.get(0).range().file());
    assertEquals(new Range("compose.override.yaml", 3, 13, 3, 22), ports.get(1).range());
  }

  @Test
  void multipleDocumentsAreMergedInOrder() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n---\nservices:\n  web:\n    image: b\n")
        .project();
    assertEquals("b", p.service("web").orElseThrow().image().orElseThrow().value());
  }

  @Test
  void extendsAnotherFileRebasesItsPaths() {
    ComposeProject p = new ComposeFixture()
        .file("common/base.yml", "services:\n  base:\n    build: ./app\n"
            + "    volumes: ['./data:/data']\n    env_file: base.env\n")
        .file("common/base.env", "FROM_BASE=1\n")
        .file("compose.yaml", "services:\n  web:\n    extends:\n      file: common/base.yml\n"
            + "      service: base\n")
        .project();
    Service web = p.service("web").orElseThrow();
    assertEquals(Optional.of("common/app"), web.build().orElseThrow().contextPath());
    assertEquals(Optional.of("common/data"), web.volumes().get(0).hostPath());
    assertEquals(Optional.of("1"), web.environment().get("FROM_BASE").value());
    assertEquals(new Range("common/base.env", 1, 1, 1, 12),
        web.environment().get("FROM_BASE").range());
    ExtendsRef ref = web.extendsRef().orElseThrow();
    assertEquals(Optional.of("common/base.yml"), ref.file().map(Located::value));
  }

  @Test
  void extendsCycleIsAnError() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  a:\n    extends: b\n  b:\n    extends: a\n").load();
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("circular extends")),
        r.diagnostics().toString());
  }

  @Test
  void extendsUnknownServiceIsRecordedUnresolved() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  a:\n    image: x\n    extends: nope\n").project();
    ExtendsRef ref = p.service("a").orElseThrow().extendsRef().orElseThrow();
    assertFalse(ref.resolved());
    assertEquals(new Range("compose.yaml", 4, 14, 4, 18), ref.service().range());
  }

  @Test
  void includeShortFormUsesItsOwnDirectoryAndDotEnv() {
    ComposeProject p = new ComposeFixture()
        .file("commons/.env", "DB_TAG=16\n")
        .file("commons/compose.yaml", "services:\n  db:\n    image: postgres:${DB_TAG}\n"
            + "    build: .\n")
        .file("compose.yaml", "include:\n  - commons/compose.yaml\nservices:\n  web:\n"
            + "    image: a\n    depends_on: [db]\n")
        .load().projects().stream().filter(x -> x.files().get(0).equals("compose.yaml"))
        .findFirst().orElseThrow();
    Service db = p.service("db").orElseThrow();
    assertEquals("postgres:16", db.image().orElseThrow().value());
    assertEquals(Optional.of("commons"), db.build().orElseThrow().contextPath());
    assertEquals("commons/compose.yaml", db.name().range().file());
  }

  @Test
  void includeLongFormWithEnvFileAndParentEnvironmentWins() {
    ComposeProject p = new ComposeFixture()
        .file(".env", "DB_TAG=15\n")
        .file("other/db.env", "DB_TAG=16\nNAME=pg\n")
        .file("other/db.yml", "services:\n  db:\n    image: ${NAME}:${DB_TAG}\n")
        .file("compose.yaml", "include:\n  - path: other/db.yml\n    env_file: other/db.env\n"
            + "services:\n  web:\n    image: a\n")
        .project();
    assertEquals("pg:15", p.service("db").orElseThrow().image().orElseThrow().value());
  }

  @Test
  void includeConflictMergesLocalOverImported() {
    ComposeProject p = new ComposeFixture()
        .file("inc/db.yml", "services:\n  db:\n    image: a\n    restart: always\n")
        .file("compose.yaml", "include: [inc/db.yml]\nservices:\n  db:\n    image: b\n")
        .load().projects().get(0);
    Service db = p.service("db").orElseThrow();
    assertEquals("b", db.image().orElseThrow().value());
    assertEquals("always", db.restart().orElseThrow().value());
    assertEquals(new Range("compose.yaml", 3, 3, 3, 5), db.name().range());
  }

  @Test
  void extendsSeesOnlyItsOwnFile() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  base:\n    image: a\n  web:\n    image: w\n")
        .file("compose.override.yaml", "services:\n  web:\n    extends: base\n")
        .project();
    ExtendsRef ref = p.service("web").orElseThrow().extendsRef().orElseThrow();
    assertFalse(ref.resolved());
    assertEquals("compose.override.yaml", ref.service().range().file());
  }

  @Test
  void extendsCanUseAnIncludedService() {
    ComposeProject p = new ComposeFixture()
        .file("lib/base.yml", "services:\n  base:\n    image: a\n    user: app\n")
        .file("compose.yaml", "include: [lib/base.yml]\nservices:\n  web:\n    extends: base\n")
        .load().projects().get(0);
    assertEquals("app", p.service("web").orElseThrow().user().orElseThrow().value());
  }

  @Test
  void includeOutsideRootIsNotRead() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "include: [../elsewhere/compose.yaml]\nservices: {web: {image: a}}\n")
        .load();
    assertEquals(Diagnostic.Kind.IO_ERROR, r.diagnostics().get(0).kind());
    assertEquals(1, r.diagnostics().get(0).range().startLine());
  }

  @Test
  void envFileOutsideRootIsNotRead() {
    // A path that leaves the project is the host's file (an installer writes it on the server):
    // not read, no diagnostic (nothing berth failed on), and none of its variables known.
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    env_file: ../../etc/passwd\n")
        .load();
    assertEquals(List.of(), r.diagnostics());
    assertTrue(r.projects().get(0).service("web").orElseThrow().environment().isEmpty());
    assertTrue(r.sourcesRead().stream().noneMatch(f -> f.path().contains("passwd")));
  }

  @Test
  void missingRequiredEnvFileIsNoDiagnostic() {
    // Compose refuses it, but berth understands it: BTH307 reports it, the exit code is not 2
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    env_file: app.env\n")
        .load();
    assertEquals(List.of(), r.diagnostics());
    assertEquals(1, r.projects().size());
  }

  @Test
  void anEnvFileSharedThroughAnAnchorIsDiagnosedOnce() {
    ComposeFixture f = new ComposeFixture()
        .file("app.env", "placeholder\n")
        .file("compose.yaml", "x-env: &env\n  env_file: app.env\nservices:\n"
            + "  a: {image: a, <<: *env}\n  b: {image: a, <<: *env}\n  c: {image: a, <<: *env}\n");
    // bytes that are not UTF-8: input berth cannot read, said once for the three services
    try {
      java.nio.file.Files.write(f.root.resolve("app.env"), new byte[] {(byte) 0xff, (byte) 0xfe});
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ComposeLoadResult r = f.load();
    assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
    assertEquals(2, r.diagnostics().get(0).range().startLine());
  }

  @Test
  void anEnvFileThatIsADirectoryIsNoReadError() {
    // Compose refuses it, but berth understands it: BTH307 reports it, the exit code is not 2
    ComposeLoadResult r = new ComposeFixture()
        .file("app.env/README", "a directory, not an env file\n")
        .file("compose.yaml", "services:\n  web:\n    image: a\n    env_file: app.env\n")
        .load();
    assertEquals(List.of(), r.diagnostics());
    assertEquals(1, r.projects().size());
  }

  @Test
  void hugeFileIsAnIoError() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "x-pad: '" + "a".repeat(3 * 1024 * 1024) + "'\n").load();
    assertEquals(Diagnostic.Kind.IO_ERROR, r.diagnostics().get(0).kind());
    assertTrue(r.projects().isEmpty());
  }

  @Test
  void aliasBombThroughLoaderIsALimit() {
    StringBuilder b = new StringBuilder("x-a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    String prev = "a";
    for (int i = 0; i < 8; i++) {
      String n = "l" + i;
      b.append("x-").append(n).append(": &").append(n).append(" [");
      for (int k = 0; k < 10; k++) b.append(k > 0 ? "," : "").append('*').append(prev);
      b.append("]\n");
      prev = n;
    }
    ComposeFixture f = new ComposeFixture().file("compose.yaml", b.toString());
    long t0 = System.nanoTime();
    ComposeLoadResult r = f.load();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 1000, "took " + ms);
    assertEquals(Diagnostic.Kind.LIMIT, r.diagnostics().get(0).kind());
  }

  @Test
  void yamlErrorDropsTheProjectOnly() {
    ComposeLoadResult r = new ComposeFixture()
        .file("a/compose.yaml", "services: [\n")
        .file("b/compose.yaml", "services: {web: {image: a}}\n").load();
    assertEquals(1, r.projects().size());
    assertEquals("b", r.projects().get(0).projectDirectory());
    assertEquals("a/compose.yaml", r.diagnostics().get(0).range().file());
  }

  @Test
  void sourcesReadIncludeEnvFiles() {
    ComposeLoadResult r = new ComposeFixture()
        .file(".env", "A=1\n")
        .file("compose.yaml", "services: {web: {image: a}}\n").load();
    assertEquals(List.of(".env", "compose.yaml"),
        r.sourcesRead().stream().map(dev.berth.source.SourceFile::path).sorted().toList());
  }

  @Test
  void symlinkOutOfTheRootIsNotRead() throws Exception {
    ComposeFixture f = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    env_file: app.env\n");
    java.nio.file.Path outside = f.root.getParent().resolve("secret.env");
    java.nio.file.Files.writeString(outside, "TOKEN=x\n");
    java.nio.file.Files.createSymbolicLink(f.root.resolve("app.env"), outside);
    ComposeLoadResult r = f.load();
    assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
    assertEquals(Diagnostic.Kind.IO_ERROR, r.diagnostics().get(0).kind());
    assertTrue(r.diagnostics().get(0).message().contains("outside the project root"));
    assertTrue(r.projects().get(0).service("web").orElseThrow().environment().isEmpty());
  }

  @Test
  void extendsFileOutsideRootIsNotRead() {
    ComposeLoadResult r = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n    extends:\n"
            + "      file: ../../base.yml\n      service: base\n")
        .load();
    assertEquals(Diagnostic.Kind.IO_ERROR, r.diagnostics().get(0).kind());
    assertEquals(5, r.diagnostics().get(0).range().startLine());
    assertEquals(1, r.projects().size());
  }

  @Test
  void configuredGroupWithMissingFileIsAnIoError() {
    ComposeLoadResult r = new ComposeFixture()
        .file("docker-compose.yml", "services: {web: {image: a}}\n")
        .load(ComposeOptions.defaults().withGroups(
            List.of(List.of("docker-compose.yml", "docker-compose.prod.yml"))));
    assertEquals(Diagnostic.Kind.IO_ERROR, r.diagnostics().get(0).kind());
    assertEquals("docker-compose.prod.yml", r.diagnostics().get(0).range().file());
  }

  @Test
  void unsetVariableRangeIsTheReferenceInsideTheValue() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: \"nginx:$$HOME-${TAG:?set it}\"\n"
            + "    command: echo $USER_NAME $USER\n")
        .project();
    assertEquals(List.of(new Range("compose.yaml", 3, 26, 3, 40),
        new Range("compose.yaml", 4, 19, 4, 29), new Range("compose.yaml", 4, 30, 4, 35)),
        p.unsetVariables().stream().map(UnsetVariable::range).toList());
    assertEquals(List.of("TAG", "USER_NAME", "USER"),
        p.unsetVariables().stream().map(UnsetVariable::name).toList());
    assertEquals(List.of(true, false, false),
        p.unsetVariables().stream().map(UnsetVariable::required).toList());
    assertEquals("set it", p.unsetVariables().get(0).message());
  }

  @Test
  void serviceNameStaysWhereItWasFirstDeclared() {
    ComposeProject p = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n")
        .file("compose.override.yaml", "services:\n\n  web:\n    image: b\n")
        .project();
    Service web = p.service("web").orElseThrow();
    assertEquals(new Range("compose.yaml", 2, 3, 2, 6), web.name().range());
    assertEquals("compose.override.yaml", web.image().orElseThrow().range().file());
  }

  @Test
  void overrideFragmentIsLoadedOnTopOfTheDefaultFiles() {
    ComposeFixture f = new ComposeFixture()
        .file("docker-compose.yml", "services:\n  web:\n    image: a\n  db:\n    image: pg\n")
        .file("docker-compose.dev.yml", "services:\n  web:\n    depends_on: [db]\n"
            + "    ports: ['8000:8000']\n")
        .file("docker-compose.tools.yml", "services:\n  adminer:\n    image: adminer\n");
    ComposeLoadResult r = f.load();
    assertEquals(List.of(List.of("docker-compose.yml"),
            List.of("docker-compose.yml", "docker-compose.dev.yml"),
            List.of("docker-compose.tools.yml")),
        r.projects().stream().map(ComposeProject::files).toList());
    ComposeLoadResult alone = f.load(ComposeOptions.defaults().withAttachFragments(false));
    assertEquals(List.of("docker-compose.dev.yml"), alone.projects().get(1).files());
  }

  private static List<String> messages(ComposeLoadResult r) {
    assertEquals(List.of(), r.diagnostics());
    return r.projects().stream().flatMap(p -> p.schemaViolations().stream())
        .map(SchemaViolation::message).toList();
  }

  @Test
  void anEmptyProjectIsRefusedLikeComposeGoDoes() {
    // compose-go loader.load: "empty compose file" when the merged files hold nothing
    assertEquals(List.of("compose.yaml has no content (\"empty compose file\")"),
        messages(new ComposeFixture().file("compose.yaml", "# later\n").load()));
    assertEquals(List.of("compose.yaml has nothing but the obsolete 'version' "
        + "(\"empty compose file\")"),
        messages(new ComposeFixture().file("compose.yaml", "version: '3.8'\n").load()));
    assertEquals(List.of("the files compose.yaml, compose.override.yaml have no content "
        + "(\"empty compose file\")"),
        messages(new ComposeFixture().file("compose.yaml", "").file("compose.override.yaml",
            "# nothing\n").load()));
  }

  @Test
  void anEmptyFileAmongOthersIsFine() {
    // compose-go TestLoadWithEmptyFile: a project of a file and an empty override loads
    ComposeFixture f = new ComposeFixture()
        .file("compose.yaml", "# moved to compose.override.yaml\n")
        .file("compose.override.yaml", "services:\n  web:\n    image: a\n");
    assertEquals(List.of(), messages(f.load()));
    ComposeFixture layered = new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n")
        .file("compose.extras.yaml", "# forks add services here\n");
    ComposeLoadResult r = layered.load();
    assertEquals(List.of(), messages(r));
    // the empty layer on its own directory's default files is that default project: not twice
    assertEquals(1, r.projects().size());
    assertEquals(List.of("compose.yaml"), r.projects().get(0).files());
    ComposeLoadResult set = layered.load(ComposeOptions.defaults()
        .withGroups(List.of(List.of("compose.yaml", "compose.extras.yaml"))));
    assertEquals(List.of(), messages(set));
  }

  @Test
  void anEmptyFileIsRefusedOnlyWhereComposeReadsItByItself() {
    // no default files in its directory to be layered on, but a name Compose never reads by
    // itself: only ever given with -f on top of others, a placeholder layer (thingsboard's
    // docker-compose.postgres-test-extras.yml): nothing to report
    assertEquals(List.of(), messages(new ComposeFixture()
        .file("compose.yaml", "services:\n  web:\n    image: a\n")
        .file("tools/compose.dev.yaml", "# todo\n").load()));
    // a default name with nothing to sit on: `docker compose up` there is refused
    assertEquals(List.of("tools/compose.yaml has no content (\"empty compose file\")"),
        messages(new ComposeFixture()
            .file("compose.yaml", "services:\n  web:\n    image: a\n")
            .file("tools/compose.yaml", "# todo\n").load()));
    // lone files judged alone
    assertEquals(List.of("compose.extras.yaml has no content (\"empty compose file\")"),
        messages(new ComposeFixture()
            .file("compose.yaml", "services:\n  web:\n    image: a\n")
            .file("compose.extras.yaml", "# todo\n")
            .load(ComposeOptions.defaults().withAttachFragments(false))));
  }
}
