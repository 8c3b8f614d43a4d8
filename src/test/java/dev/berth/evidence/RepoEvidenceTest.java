package dev.berth.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.context.TestProjects;
import dev.berth.source.Range;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The extractor, one table per kind of file. Each row: a file and the tree around it, and what
 * the first (or only) build / compose run read from it must be. {@code ?} stands for "unknown".
 */
class RepoEvidenceTest {

  /** Expected build: Dockerfile, context, target, tags, args (k=v, comma-separated), line. */
  record Want(String dockerfile, String context, String target, String tags, String args,
      int line) {}

  private static Want want(String dockerfile, String context) {
    return new Want(dockerfile, context, null, null, null, 0);
  }

  private static Want want(String dockerfile, String context, int line) {
    return new Want(dockerfile, context, null, null, null, line);
  }

  private static TestProjects tree() {
    return TestProjects.create().paths("Dockerfile", "docker/Dockerfile", "apps/web/Dockerfile",
        "apps/web/Dockerfile.dev", "apps/web/package.json", "web/Dockerfile",
        "podman/Containerfile", "api/Dockerfile", "app/Dockerfile.prod", "compose.yaml");
  }

  private static List<DockerBuild> builds(String path, String text) {
    return RepoEvidence.of(tree().file(path, text).build()).builds();
  }

  private static void check(Want w, DockerBuild b) {
    assertEquals(w.dockerfile(), b.dockerfile().value().orElse("?"), "dockerfile");
    assertEquals(w.context(), b.context().value().orElse("?"), "context");
    if (w.target() != null) {
      assertEquals(w.target(), b.target().flatMap(Value::value).orElse("?"), "target");
    }
    if (w.tags() != null) {
      assertEquals(w.tags(), String.join(",", b.tags().stream()
          .map(t -> t.value().orElse("?")).toList()), "tags");
    }
    if (w.args() != null) {
      assertEquals(w.args(), String.join(",", b.buildArgs().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue().orElse("?")).toList()), "args");
    }
    if (w.line() > 0) assertEquals(w.line(), b.range().startLine(), "line");
  }

  static Stream<Arguments> shellScripts() {
    return Stream.of(
        Arguments.of("build.sh", "#!/bin/sh\ndocker build -t app .\n",
            new Want("Dockerfile", "", null, "app", null, 2)),
        Arguments.of("build.sh", "docker build -f apps/web/Dockerfile .\n",
            want("apps/web/Dockerfile", "")),
        Arguments.of("build.sh", "cd apps/web && docker build -f Dockerfile.dev ../..\n",
            want("apps/web/Dockerfile.dev", "")),
        // a script in scripts/: only the root makes -f docker/Dockerfile exist
        Arguments.of("scripts/build.sh", "docker build -f docker/Dockerfile .\n",
            want("docker/Dockerfile", "")),
        Arguments.of("scripts/build.sh", "cd \"$(dirname \"$0\")/..\"\ndocker build -t x .\n",
            want("Dockerfile", "", 2)),
        Arguments.of("docker/build.sh", "DIR=$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\n"
            + "docker build -f \"$DIR/Dockerfile\" \"$DIR\"\n", want("docker/Dockerfile", "docker")),
        Arguments.of("build.sh", "docker build -f $DOCKERFILE .\n", want("?", "")),
        Arguments.of("build.sh", "IMAGE=myorg/app\nTAG=${TAG:-latest}\n"
            + "docker build -t \"$IMAGE:$TAG\" --build-arg VERSION=1.2 --target prod .\n",
            new Want("Dockerfile", "", "prod", "myorg/app:latest", "VERSION=1.2", 3)),
        Arguments.of("build.sh", "docker buildx build --platform linux/amd64 --push -t x "
            + "-f app/Dockerfile.prod .\n", want("app/Dockerfile.prod", "")),
        Arguments.of("build.sh", "podman build -t x podman\n",
            want("podman/Containerfile", "podman")),
        Arguments.of("build.sh", "docker build --frobnicate x .\n", want("?", "?")),
        Arguments.of("build.sh", "if [ -n \"$X\" ]; then cd web; fi\ndocker build .\n",
            want("?", "?")),
        Arguments.of("build.sh", "web() {\n  cd web\n  docker build .\n}\n",
            want("web/Dockerfile", "web", 3)),
        Arguments.of("build.sh", "(cd web && docker build .)\n", want("web/Dockerfile", "web")),
        Arguments.of("build.sh", "sudo -E docker build -t x .\n", want("Dockerfile", "")),
        Arguments.of("build.sh", "env DOCKER_BUILDKIT=1 docker build api\n",
            want("api/Dockerfile", "api")),
        Arguments.of("build.sh", "cat <<EOF\ndocker build -f bogus .\nEOF\ndocker build web\n",
            want("web/Dockerfile", "web", 4)),
        Arguments.of("build.sh", "pushd web\ndocker build -t w .\npopd\n",
            want("web/Dockerfile", "web")),
        Arguments.of("build.sh", "export V=3\ndocker build --build-arg V -t x .\n",
            new Want("Dockerfile", "", null, null, "V=3", 2)),
        Arguments.of("build.sh", "sh -c 'docker build -t x api'\n", want("api/Dockerfile", "api")),
        Arguments.of("build.sh", "docker build - < Dockerfile\n", want("?", "?")),
        Arguments.of("build.sh", "docker build https://github.com/x/y.git\n", want("?", "?")),
        Arguments.of("build.sh", "cd /tmp/build && docker build .\n", want("?", "?")),
        // a word berth cannot read before an option is options, not a second operand
        Arguments.of("build.sh", "docker build $(extra_args) -f api/Dockerfile -t x .\n",
            want("api/Dockerfile", "")),
        Arguments.of("build.sh", "docker build -t x $(where)\n", want("?", "?")),
        // ... but an option written with its value quoted after = is read (laudspeaker's CircleCI:
        // --build-arg="FRONTEND_SENTRY_AUTH_TOKEN=$FRONTEND_SENTRY_AUTH_TOKEN")
        Arguments.of("build.sh", "docker build --build-arg=\"T_TOKEN=$T\" -f api/Dockerfile .\n",
            new Want("api/Dockerfile", "", null, null, "T_TOKEN=?", 0)),
        // ... but with no operand after it, it may be the context itself, options following
        Arguments.of("build.sh", "docker build \"$CTX\" -f api/Dockerfile -t app\n",
            want("api/Dockerfile", "?")),
        Arguments.of("build.sh", "docker build -t app -f api/Dockerfile \"$(dirname \"$0\")\" "
            + "--no-cache\n", want("api/Dockerfile", "")),
        // the docker binary in a configured variable, run by a wrapper function (dokku)
        Arguments.of("build.sh", "\"$DOCKER_BIN\" image build -t x api\n",
            want("api/Dockerfile", "api")),
        Arguments.of("build.sh", "suppress_output \"$DOCKER_BIN\" image build -t x api\n",
            want("api/Dockerfile", "api")),
        Arguments.of("build.sh", "retry $DOCKER build -t x api\n", want("api/Dockerfile", "api")),
        // a Dockerfile under an installed directory's variable: the one file ending so
        Arguments.of("build.sh", "docker build -f \"$PLUGIN_PATH/app/Dockerfile.prod\" \"$TMP\"\n",
            want("app/Dockerfile.prod", "?")),
        Arguments.of("build.sh", "docker build -f \"$ROOT/apps/web/Dockerfile\" .\n",
            want("apps/web/Dockerfile", "")),
        // ... but not a tail several files end with (web/ and apps/web/), nor a lone file name
        Arguments.of("build.sh", "docker build -f \"$ROOT/web/Dockerfile\" .\n", want("?", "")),
        Arguments.of("build.sh", "docker build -f \"$ROOT/Dockerfile\" .\n", want("?", "")),
        // a tar piped into `docker build -` by a command that names the Dockerfile (novu's
        // pnpm-context): that Dockerfile, from a context berth cannot read; the path from the
        // working directory, else from the root (pnpm --workspace-root runs there)
        Arguments.of("build.sh", "pnpm --silent --workspace-root pnpm-context -- "
            + "apps/web/Dockerfile | docker buildx build -t web --load -\n",
            want("apps/web/Dockerfile", "?")),
        Arguments.of("build.sh", "cd apps/web && pnpm --workspace-root pnpm-context -- "
            + "apps/web/Dockerfile |\n  docker buildx build - -t web $DOCKER_BUILD_ARGUMENTS\n",
            want("apps/web/Dockerfile", "?")),
        Arguments.of("build.sh", "cd apps/web && tar -c Dockerfile.dev src | docker build -\n",
            want("apps/web/Dockerfile.dev", "?")),
        Arguments.of("build.sh", "pnpm-context apps/web/Dockerfile | docker build -f api/Dockerfile "
            + "-\n", want("api/Dockerfile", "?")),
        // near misses: nothing named, the Dockerfile's own text (no context at all), no pipe,
        // a name that is no file, two Dockerfiles, a pipe into something else
        Arguments.of("build.sh", "cd apps/web && pnpm pack-context | docker build -\n",
            want("?", "?")),
        Arguments.of("build.sh", "cat apps/web/Dockerfile | docker build -t web -\n",
            want("?", "?")),
        // any other program naming it pipes its text (a review's perl -pe): no context either
        Arguments.of("build.sh", "perl -pe 's/3.20/3.21/' apps/web/Dockerfile | docker build -\n",
            want("?", "?")),
        Arguments.of("build.sh", "pnpm-context apps/web/Dockerfile; docker build -\n",
            want("?", "?")),
        Arguments.of("build.sh", "pnpm-context apps/api/Dockerfile | docker build -\n",
            want("?", "?")),
        Arguments.of("build.sh", "tar -c web/Dockerfile api/Dockerfile | docker build -\n",
            want("?", "?")),
        Arguments.of("build.sh", "pnpm-context web/Dockerfile | gzip | docker build -\n",
            want("?", "?")));
  }

  @org.junit.jupiter.api.Test
  void aPipedContextSaysWhatWritesIt() {
    DockerBuild b = builds(".github/workflows/ci.yml", "jobs:\n  b:\n    steps:\n"
        + "      - run: cd apps/web && pnpm --silent --workspace-root pnpm-context -- "
        + "apps/web/Dockerfile | docker buildx build -t web -\n").get(0);
    assertEquals("apps/web/Dockerfile", b.dockerfile().value().orElse("?"));
    assertEquals("a tar that `pnpm` writes to standard input", b.context().why());
  }

  @ParameterizedTest
  @MethodSource("shellScripts")
  void shellScript(String path, String text, Want want) {
    List<DockerBuild> b = builds(path, text);
    assertEquals(1, b.size(), b.toString());
    check(want, b.get(0));
  }

  @org.junit.jupiter.api.Test
  void twoBuildsOfOneInstalledDockerfileBothNameIt() {
    List<DockerBuild> b = builds("build.sh", "docker build -f \"$ROOT/app/Dockerfile.prod\" .\n"
        + "docker build -f \"$ROOT/app/Dockerfile.prod\" -t y .\n");
    assertEquals(2, b.size());
    b.forEach(x -> check(want("app/Dockerfile.prod", ""), x));
  }

  @org.junit.jupiter.api.Test
  void printedDockerCommandsAreNotRuns() {
    assertEquals(List.of(), builds("build.sh", "echo \"$DOCKER_BIN\" build -t x api\n"));
    assertEquals(List.of(), builds("build.sh", "log_info \"$DOCKER\" build -t x api\n"));
    assertEquals(List.of(), builds("build.sh", "dokku_log_verbose \"$DOCKER_BIN\" build api\n"));
  }

  @org.junit.jupiter.api.Test
  void extensionlessScriptWithAShellShebang() {
    check(want("Dockerfile", ""), builds("bin/release", "#!/usr/bin/env bash\n"
        + "cd \"$(dirname \"$0\")/..\"\ndocker build .\n").get(0));
    assertEquals(List.of(), builds("bin/tool", "#!/usr/bin/env python3\ndocker build .\n"));
  }

  @org.junit.jupiter.api.Test
  void filesGitIgnoresAreNoEvidence() {
    // A tool's clone under target/ (pre-commit's cache) holds other projects' build scripts.
    String script = "docker build -f apps/web/Dockerfile .\n";
    var ignored = tree().file(".gitignore", "/target/\n")
        .file("target/cache/repo/build.sh", script).build();
    assertEquals(List.of(), RepoEvidence.of(ignored).builds());
    var tracked = tree().file(".gitignore", "/dist/\n")
        .file("target/cache/repo/build.sh", script).build();
    assertEquals(1, RepoEvidence.of(tracked).builds().size());
  }

  @org.junit.jupiter.api.Test
  void echoedCommandsAndCommentsAreNotInvocations() {
    assertEquals(List.of(), builds("build.sh", "echo \"docker build -f x .\"\n"
        + "# docker build .\nprintf 'docker build .'\n"));
  }

  @org.junit.jupiter.api.Test
  void aSingleQuoteInADoubleQuotedStringInASubstitutionIsPlainText() {
    // netmaker's nm-quick.sh: the ' in "s|^(['\"])..." opened a quote that ran to the end of the
    // file, and every command after it was lost
    List<DockerBuild> b = builds("build.sh", "V=$(echo \"$V\" | sed -E \"s|^(['\\\"])(.*)\\1$|\\2|g\")\n"
        + "docker build -f api/Dockerfile .\n");
    assertEquals(1, b.size());
  }

  @org.junit.jupiter.api.Test
  void anInstallerThatDownloadsAComposeFileDeploysItWhereItPutsIt() {
    String script = "BASE_URL=\"https://raw.githubusercontent.com/o/r/$BRANCH\"\n"
        + "install() {\n"
        + "  local COMPOSE_URL=\"$BASE_URL/compose/docker-compose.yml\"\n"
        + "  wget -qO \"$INSTALL_DIR\"/docker-compose.yml $COMPOSE_URL\n"
        + "  wget -qO \"$INSTALL_DIR\"/Caddyfile \"$BASE_URL/docker/Caddyfile\"\n"
        + "  curl -fsSLo \"$INSTALL_DIR/conf/app.conf\" \"$BASE_URL/docker/app.conf\"\n"
        + "  ln -fs \"$INSTALL_DIR/app.env\" \"$INSTALL_DIR/.env\"\n"
        + "  cd \"$INSTALL_DIR\" && docker compose up -d\n"
        + "}\n";
    var project = tree().file("scripts/install.sh", script)
        .file("compose/docker-compose.yml", "services: {}\n")
        .file("compose/other.yml", "services: {}\n").file("docker-compose.yml", "services: {}\n")
        .build();
    RepoEvidence e = RepoEvidence.of(project);
    var d = e.deployment("compose/docker-compose.yml").orElseThrow();
    assertEquals(java.util.Set.of("Caddyfile", "conf/app.conf", ".env"), d.beside());
    assertEquals("scripts/install.sh", d.range().file());
    // a file of another name, and a root file whose name only ends the URL, are not it
    assertEquals(Optional.empty(), e.deployment("compose/other.yml"));
    assertEquals(Optional.empty(), e.deployment("docker-compose.yml"));
  }

  @org.junit.jupiter.api.Test
  void aRootComposeFileIsDownloadedByItsRawAddressWithAnotherFileOfTheTree() {
    String compose = "curl -o /opt/app/docker-compose.yml "
        + "https://raw.githubusercontent.com/o/r/main/docker-compose.yml\n";
    // xwiki's README: the same address gives a file of this tree too
    var ours = tree().file("install.sh", compose + "curl -o /opt/app/my.cnf "
        + "https://raw.githubusercontent.com/o/r/main/conf/my.cnf\n")
        .file("docker-compose.yml", "services: {}\n").file("conf/my.cnf", "[mysqld]\n").build();
    var d = RepoEvidence.of(ours).deployment("docker-compose.yml").orElseThrow();
    assertEquals(java.util.Set.of("my.cnf"), d.beside());
    // a root file's name alone may be any repository's: not taken for this one
    var theirs = tree().file("install.sh", compose).file("docker-compose.yml", "services: {}\n")
        .build();
    assertEquals(Optional.empty(), RepoEvidence.of(theirs).deployment("docker-compose.yml"));
    // printed to standard output, nothing is saved
    var printed = tree().file("install.sh", "wget -qO- https://example.com/compose/docker-compose.yml"
        + " | less\nwget -O - https://example.com/compose/docker-compose.yml\n")
        .file("compose/docker-compose.yml", "services: {}\n").build();
    assertEquals(Optional.empty(), RepoEvidence.of(printed).deployment("compose/docker-compose.yml"));
  }

  @org.junit.jupiter.api.Test
  void functionsAndSubshellsKeepTheirDirectory() {
    List<DockerBuild> b = builds("build.sh",
        "web() {\n  cd web\n  docker build .\n}\n(cd api && docker build .)\ndocker build .\n");
    assertEquals(List.of("web", "api", ""), b.stream()
        .map(x -> x.context().value().orElse("?")).toList());
  }

  @org.junit.jupiter.api.Test
  void aScriptWhoseStartDirectoryCannotBeToldLeavesPathsUnknown() {
    // run from docker/ or from the root, `docker build .` finds a Dockerfile either way
    List<DockerBuild> b = builds("docker/build.sh", "docker build .\n");
    assertEquals(Optional.empty(), b.get(0).context().value());
    assertEquals(Cwd.Basis.UNKNOWN, b.get(0).cwd().basis());
  }

  @org.junit.jupiter.api.Test
  void aScriptConfirmedByTheFilesItNamesSaysSo() {
    DockerBuild b = builds("scripts/build.sh", "docker build -f docker/Dockerfile .\n").get(0);
    assertEquals(Cwd.Basis.CONFIRMED_BY_FILES, b.cwd().basis());
    assertEquals(Optional.of(""), b.cwd().dir());
  }

  @org.junit.jupiter.api.Test
  void theBuildRangeCoversTheCommand() {
    DockerBuild b = builds("build.sh", "set -e\n  docker build \\\n   -t x .\n").get(0);
    assertEquals(new Range("build.sh", 2, 3, 3, 10), b.range());
  }

  // ---- compose ----------------------------------------------------------------------------

  /** Expected: files, project name, env files, profiles, project dir, subcommand, env. */
  record WantCompose(String files, String project, String envFiles, String profiles,
      String projectDir, String sub, String env) {}

  static Stream<Arguments> composeRuns() {
    return Stream.of(
        Arguments.of("deploy.sh", "docker compose -f compose.yaml -f compose.prod.yml -p myapp "
            + "--env-file .env.prod --profile web up -d\n", new WantCompose(
                "compose.yaml,compose.prod.yml", "myapp", ".env.prod", "web", "", "up", "")),
        Arguments.of("deploy.sh", "docker-compose --project-directory ./deploy "
            + "-f deploy/compose.yml config\n", new WantCompose("deploy/compose.yml", "", "", "",
                "deploy", "config", "")),
        Arguments.of("deploy.sh", "COMPOSE_FILE=a.yml:b.yml docker compose up\n",
            new WantCompose("", "", "", "", "", "up", "COMPOSE_FILE=a.yml:b.yml")),
        Arguments.of("deploy.sh", "export COMPOSE_PROJECT_NAME=demo\ndocker compose up\n",
            new WantCompose("", "", "", "", "", "up", "COMPOSE_PROJECT_NAME=demo")),
        Arguments.of("deploy.sh", "COMPOSE_PROJECT_NAME=notexported\ndocker compose up\n",
            new WantCompose("", "", "", "", "", "up", "")),
        Arguments.of("deploy.sh", "docker compose -f $FILE up\n",
            new WantCompose("?", "", "", "", "", "up", "")),
        Arguments.of("deploy.sh", "podman-compose -f ci/compose.yml --podman-args x up\n",
            new WantCompose("ci/compose.yml", "", "", "", "", "up", "")),
        Arguments.of("deploy.sh", "docker compose --project-name=p --file=x.yml build web\n",
            new WantCompose("x.yml", "p", "", "", "", "build", "")),
        // every variable the command's environment sets is one interpolation may read
        Arguments.of("deploy.sh", "export APP=1\nFOO=2 docker compose up\n",
            new WantCompose("", "", "", "", "", "up", "APP=1,FOO=2")),
        // env -i: only what follows it
        Arguments.of("deploy.sh", "export X=1\nenv -i HOME=/h docker compose up\n",
            new WantCompose("", "", "", "", "", "up", "HOME=/h")),
        // assignments berth cannot read are said to be there
        Arguments.of("deploy.sh", "env -i A=1 \"${extra[@]}\" docker compose -f a.yml up\n",
            new WantCompose("a.yml", "", "", "", "", "up", "*=?,A=1")),
        // a command kept in a variable
        Arguments.of("test.sh", "doco=\"docker compose --file t.yml --project-name t\"\n"
            + "$doco up --wait\n", new WantCompose("t.yml", "t", "", "", "", "up", "")),
        // a variable every assignment of which is a compose command, whichever branch ran
        Arguments.of("test.sh", "if which docker-compose > /dev/null; then bin=\"docker-compose\""
            + "\nelse\n  bin=\"docker compose\"\nfi\nV=${1} P=\"\" $bin -f t.yml build web\n",
            new WantCompose("t.yml", "", "", "", "", "build", "P=,V=?")),
        // run's body is interpreted where it is called, after the export: compose gets dc
        Arguments.of("test.sh", "run() {\n  ${dc} up -d\n}\nexport dc=docker-compose\nrun\n",
            new WantCompose("", "", "", "", "", "up", "dc=docker-compose")),
        // a lone variable holding -f options is split into them (its known value here)
        Arguments.of("deploy.sh", "FILES=\"-f a.yml -f b.yml\"\ndocker compose $FILES up\n",
            new WantCompose("a.yml,b.yml", "", "", "", "", "up", "")),
        // lakeFS's composite action: `[[ -z ... ]] && flags="" || flags="-f FILE"`
        Arguments.of("deploy.sh", "[[ -z \"$1\" ]] && flags=\"\" || flags=\"-f c.yml\"\n"
            + "docker compose ${flags} up\n", new WantCompose("c.yml", "", "", "", "", "up", "")),
        Arguments.of("ops/Makefile", "DC = docker compose -f ../compose.yaml -f ../compose.dev.yml"
            + "\nup:\n\t$(DC) up -d\n", new WantCompose("compose.yaml,compose.dev.yml", "", "", "",
                "", "up", "")));
  }

  @ParameterizedTest
  @MethodSource("composeRuns")
  void composeRun(String path, String text, WantCompose want) {
    List<ComposeRun> runs = RepoEvidence.of(tree().file(path, text).build()).composeRuns();
    assertEquals(1, runs.size(), runs.toString());
    ComposeRun r = runs.get(0);
    assertEquals(want.files(), join(r.files()), "files");
    assertEquals(want.project(), r.projectName().map(v -> v.value().orElse("?")).orElse(""));
    assertEquals(want.envFiles(), join(r.envFiles()), "env files");
    assertEquals(want.profiles(), join(r.profiles()), "profiles");
    assertEquals(want.projectDir(), r.projectDirectory().map(v -> v.value().orElse("?"))
        .orElse(""), "project directory");
    assertEquals(want.sub(), r.subcommand().orElse("?"), "subcommand");
    assertEquals(want.env(), String.join(",", r.environment().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().value().orElse("?")).toList()), "env");
  }

  /** A variable some assignment of which is no compose command may hold anything. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "if x; then bin=docker-compose; else bin=\"podman compose\"; fi\n$bin up\n",
      "if x; then bin=docker-compose; else bin=\"$SUDO docker compose\"; fi\n$bin up\n",
      "bin=docker-compose\nfor bin in a b; do $bin up; done\n",
      "bin=docker-compose\nread bin\n$bin up\n",
      "bin=docker-compose\nbin+=\" -f x.yml\"\n$bin up\n",
      "make bin=docker-compose\n$bin up\n",
      "$bin up\n"})
  void aVariableThatMayHoldAnotherCommandIsNoCompose(String text) {
    assertEquals(List.of(), RepoEvidence.of(tree().file("run.sh", text).build()).composeRuns());
  }

  private static String join(List<Value> values) {
    return String.join(",", values.stream().map(v -> v.value().orElse("?")).toList());
  }

  // ---- Makefiles --------------------------------------------------------------------------

  static Stream<Arguments> makefiles() {
    return Stream.of(
        Arguments.of("Makefile", "IMAGE ?= org/app\nbuild:\n\tdocker build -t $(IMAGE) "
            + "-f docker/Dockerfile .\n", new Want("docker/Dockerfile", "", null, "org/app", null,
                3)),
        Arguments.of("deploy/Makefile", "image:\n\t@docker build -f ../Dockerfile ..\n",
            want("Dockerfile", "", 2)),
        Arguments.of("web/Makefile", "image:\n\tdocker build -f $(CURDIR)/Dockerfile $(CURDIR)\n",
            want("web/Dockerfile", "web")),
        Arguments.of("Makefile", "ifeq ($(X),1)\nDF = a\nendif\nb:\n\tdocker build -f $(DF) .\n",
            want("?", "")),
        Arguments.of("Makefile", "TAG = $(shell git describe)\nb:\n\tdocker build -t app:$(TAG) "
            + "api\n", new Want("api/Dockerfile", "api", null, "?", null, 3)),
        Arguments.of("Makefile", "b:\n\tcd web && \\\n\t  docker build .\n",
            want("web/Dockerfile", "web", 3)),
        Arguments.of("Makefile", "a:\n\tcd web\n\tdocker build .\n", want("Dockerfile", "")),
        Arguments.of("Makefile", "NAME := x\nNAME := api\n# a comment\nb: ; docker build $(NAME)\n",
            want("api/Dockerfile", "api")),
        Arguments.of("rules.mk", "b:\n\tdocker build --build-arg HOME=$$HOME -t x .\n",
            new Want("Dockerfile", "", null, null, "HOME=?", 2)));
  }

  @ParameterizedTest
  @MethodSource("makefiles")
  void makefile(String path, String text, Want want) {
    List<DockerBuild> b = builds(path, text);
    assertEquals(1, b.size(), b.toString());
    check(want, b.get(0));
    assertEquals(SourceKind.MAKEFILE, b.get(0).source());
  }

  @org.junit.jupiter.api.Test
  void aPrerequisiteThatBuildsTheProjectRunsBeforeTheImage() {
    DockerBuild b = builds("Makefile", "dist:\n\tnpm run build\nimage: dist\n\tdocker build .\n"
        + "plain:\n\tdocker build .\n").get(0);
    assertEquals(2, b.builtAfter().orElseThrow().startLine());
    DockerBuild plain = builds("Makefile", "dist:\n\tnpm run build\nimage: dist\n\tdocker build "
        + ".\nplain:\n\tdocker build .\n").get(1);
    assertFalse(plain.builtAfter().isPresent());
  }

  // ---- package.json, justfile, Taskfile ---------------------------------------------------

  static Stream<Arguments> scriptFiles() {
    return Stream.of(
        Arguments.of("apps/web/package.json", "{\"name\": \"web\", \"scripts\": {\n"
            + "  \"build\": \"tsc\",\n  \"docker\": \"docker build -t web -f Dockerfile.dev ../..\""
            + "\n}}", new Want("apps/web/Dockerfile.dev", "", null, "web", null, 3)),
        Arguments.of("justfile", "image := \"org/app\"\n\nbuild:\n    docker build -t {{image}} "
            + "-f docker/Dockerfile .\n", new Want("docker/Dockerfile", "", null, "org/app", null,
                4)),
        Arguments.of("Taskfile.yml", "version: '3'\nvars:\n  IMAGE: org/api\ntasks:\n  build:\n"
            + "    dir: api\n    cmds:\n      - docker build -t {{.IMAGE}} .\n",
            new Want("api/Dockerfile", "api", null, "org/api", null, 8)),
        Arguments.of("Taskfile.yml", "version: '3'\ntasks:\n  build:\n    cmds:\n"
            + "      - cmd: docker build -t {{.UNSET}} web\n",
            new Want("web/Dockerfile", "web", null, "?", null, 5)));
  }

  @ParameterizedTest
  @MethodSource("scriptFiles")
  void scriptFile(String path, String text, Want want) {
    List<DockerBuild> b = builds(path, text);
    assertEquals(1, b.size(), b.toString());
    check(want, b.get(0));
  }

  @org.junit.jupiter.api.Test
  void packageJsonPositionsPointIntoTheString() {
    DockerBuild b = builds("apps/web/package.json", "{\"scripts\": {\"d\": \"npm run build && "
        + "docker build -t web .\"}}").get(0);
    assertEquals(1, b.range().startLine());
    assertEquals(37, b.range().startColumn());
    assertTrue(b.builtAfter().isPresent());
  }

  // ---- CI ---------------------------------------------------------------------------------

  static Stream<Arguments> workflows() {
    String head = "on: push\nenv:\n  IMAGE: org/app\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        + "    steps:\n      - uses: actions/checkout@v4\n";
    return Stream.of(
        Arguments.of(head + "      - run: docker build -t api .\n        working-directory: api\n",
            new Want("api/Dockerfile", "api", null, "api", null, 9)),
        Arguments.of(head + "      - uses: docker/build-push-action@v6\n        with:\n"
            + "          context: ./app\n          file: ./app/Dockerfile.prod\n"
            + "          target: runtime\n          build-args: |\n            A=1\n"
            + "            B=${{ github.sha }}\n          tags: ${{ env.IMAGE }}:latest,x/y\n",
            new Want("app/Dockerfile.prod", "app", "runtime", "org/app:latest,x/y", "A=1,B=?",
                12)),
        Arguments.of(head + "      - uses: docker/build-push-action@v6\n        with:\n"
            + "          push: true\n", want("Dockerfile", "", 9)),
        Arguments.of(head + "      - uses: useblacksmith/build-push-action@abc\n        with:\n"
            + "          context: .\n          file: ${{ matrix.dockerfile }}\n", want("?", "")),
        Arguments.of(head + "      - name: Build\n        run: |\n          set -e\n"
            + "          cd web\n          docker build -t w .\n",
            want("web/Dockerfile", "web", 13)),
        Arguments.of(head + "      - run: docker build -t x \"$GITHUB_WORKSPACE/api\"\n"
            + "        working-directory: web\n", want("api/Dockerfile", "api")),
        Arguments.of("jobs:\n  b:\n    defaults:\n      run:\n        working-directory: web\n"
            + "    steps:\n      - run: docker build .\n", want("web/Dockerfile", "web")),
        Arguments.of("jobs:\n  b:\n    steps:\n      - run: docker build .\n        shell: pwsh\n"
            + "      - run: docker build api\n", want("api/Dockerfile", "api")));
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void githubWorkflow(String text, Want want) {
    List<DockerBuild> b = builds(".github/workflows/ci.yml", text);
    assertEquals(1, b.size(), b.toString());
    check(want, b.get(0));
  }

  @org.junit.jupiter.api.Test
  void aTernaryInTheFileBuildsEitherDockerfile() {
    // crowdsec's docker-tests.yml: `COND && 'A' || 'B'` is A or B
    List<DockerBuild> b = builds(".github/workflows/ci.yml", "jobs:\n  b:\n    steps:\n"
        + "      - uses: docker/build-push-action@v6\n        with:\n          context: .\n"
        + "          file: ./build/Dockerfile${{ matrix.flavor == 'debian' && '.debian' || '' }}\n");
    assertEquals(2, b.size(), b.toString());
    check(want("build/Dockerfile.debian", "", 7), b.get(0));
    check(want("build/Dockerfile", "", 7), b.get(1));
  }

  @org.junit.jupiter.api.Test
  void aBuildStepEarlierInTheJobCounts() {
    DockerBuild b = builds(".github/workflows/ci.yml", "jobs:\n  b:\n    steps:\n"
        + "      - run: mvn -B package\n      - uses: docker/build-push-action@v6\n").get(0);
    assertEquals(4, b.builtAfter().orElseThrow().startLine());
  }

  static Stream<Arguments> gitlab() {
    return Stream.of(
        Arguments.of("build:\n  script:\n    - cd web\n    - docker build -t $CI_REGISTRY_IMAGE "
            + ".\n", want("web/Dockerfile", "web", 4)),
        Arguments.of("variables:\n  DOCKERFILE: docker/Dockerfile\nbuild:\n  script:\n"
            + "    - docker build -f $DOCKERFILE .\n", want("docker/Dockerfile", "")),
        Arguments.of(".tpl:\n  script:\n    - docker build api\nbuild:\n  extends: .tpl\n",
            want("api/Dockerfile", "api", 3)),
        Arguments.of("default:\n  before_script:\n    - cd api\nbuild:\n  script:\n"
            + "    - docker build .\n", want("api/Dockerfile", "api")));
  }

  @ParameterizedTest
  @MethodSource("gitlab")
  void gitlabCi(String text, Want want) {
    List<DockerBuild> b = builds(".gitlab-ci.yml", text);
    assertEquals(1, b.size(), b.toString());
    check(want, b.get(0));
  }

  // ---- Bake, Skaffold ---------------------------------------------------------------------

  static Stream<Arguments> buildFiles() {
    String hcl = "variable \"TAG\" {\n  default = \"latest\"\n}\n"
        + "group \"default\" {\n  targets = [\"web\"]\n}\n"
        + "target \"base\" {\n  context = \".\"\n}\n"
        + "target \"web\" {\n  inherits = [\"base\"]\n  dockerfile = \"apps/web/Dockerfile\"\n"
        + "  tags = [\"org/web:${TAG}\", \"org/web:${GIT_SHA}\"]\n  args = {\n    NODE = \"20\"\n"
        + "  }\n  target = \"prod\"\n}\n";
    String json = "{\"variable\": {\"TAG\": {\"default\": \"1\"}},\n \"target\": {\n"
        + "  \"api\": {\"context\": \"api\", \"tags\": [\"org/api:${TAG}\"],"
        + " \"args\": {\"X\": \"y\"}}}}";
    String skaffold = "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n"
        + "    - image: org/web\n      context: web\n      docker:\n"
        + "        dockerfile: Dockerfile\n        target: runtime\n        buildArgs:\n"
        + "          ENV: prod\n";
    return Stream.of(
        Arguments.of("docker-bake.hcl", hcl, 1, new Want("apps/web/Dockerfile", "", "prod",
            "org/web:latest,?", "NODE=20", 10)),
        Arguments.of("docker-bake.json", json, 0, new Want("api/Dockerfile", "api", null,
            "org/api:1", "X=y", 3)),
        Arguments.of("skaffold.yaml", skaffold, 0, new Want("web/Dockerfile", "web", "runtime",
            "org/web", "ENV=prod", 5)),
        Arguments.of("deploy/docker-bake.hcl", "target \"x\" {\n  context = \"..\"\n"
            + "  dockerfile = \"docker/Dockerfile\"\n}\n", 0, want("docker/Dockerfile", "", 1)));
  }

  @ParameterizedTest
  @MethodSource("buildFiles")
  void buildFile(String path, String text, int index, Want want) {
    List<DockerBuild> b = builds(path, text);
    check(want, b.get(index));
    assertEquals(Cwd.Basis.CONVENTION, b.get(index).cwd().basis());
  }

  /**
   * Bake resolves a target's context from the directory it runs in (docker/buildx#1028): a file
   * run from the root with -f is read from there; a --set that moves contexts leaves the file's
   * own reading; without a run, the file's directory is the convention.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "docker buildx bake -f docker/docker-bake.hcl app | docker | KNOWN",
      "docker buildx bake --set '*.context=..' -f docker/docker-bake.hcl | docker/docker"
          + " | CONVENTION",
      "cd docker && docker buildx bake | docker/docker | KNOWN",
      "docker bake -f docker/docker-bake.hcl | docker | KNOWN",
  })
  void bakeRunFromItsDirectory(String command, String context, Cwd.Basis basis) {
    String hcl = "target \"app\" {\n  context = \"docker\"\n  dockerfile = \"app.Dockerfile\"\n}\n";
    List<DockerBuild> b = RepoEvidence.of(tree().file("docker/docker-bake.hcl", hcl)
        .file("docker/app.Dockerfile", "FROM alpine\n")
        .file("build.sh", "#!/bin/sh\ncd \"$(dirname \"$0\")\"\n" + command + "\n").build())
        .builds().stream().filter(x -> x.source() == SourceKind.BAKE_FILE).toList();
    assertEquals(1, b.size());
    assertEquals(context, b.get(0).context().value().orElse("?"));
    assertEquals(basis, b.get(0).cwd().basis());
  }

  // ---- Woodpecker, Drone ------------------------------------------------------------------

  static Stream<Arguments> pipelines() {
    String woodpecker = "variables:\n  - &repos 'org/agent,quay.io/org/agent'\n"
        + "steps:\n  test:\n    image: golang:1.22\n    commands:\n      - go test ./...\n"
        + "  publish:\n    image: woodpeckerci/plugin-docker-buildx:6\n    settings:\n"
        + "      repo: *repos\n      dockerfile: docker/Dockerfile\n"
        + "      tag: [next, 'next-${CI_COMMIT_SHA:0:10}']\n";
    String drone = "kind: pipeline\nname: default\nsteps:\n  - name: image\n"
        + "    image: plugins/docker\n    settings:\n      repo:\n        - org/web\n"
        + "      context: web\n      target: prod\n"
        + "  - name: docs\n    image: plugins/docker\n    settings:\n"
        + "      repo: org/${DRONE_REPO_NAME}\n";
    String commands = "steps:\n  - name: build\n    image: docker:27-cli\n    commands:\n"
        + "      - docker build -t org/api -f api/Dockerfile api\n";
    return Stream.of(
        Arguments.of(".woodpecker/docker.yaml", woodpecker, 0,
            new Want("docker/Dockerfile", "", null, "org/agent,quay.io/org/agent", null, 12)),
        Arguments.of(".drone.yml", drone, 0,
            new Want("Dockerfile", "web", "prod", "org/web", null, 9)),
        Arguments.of(".drone.yml", drone, 1, new Want("Dockerfile", "", null, "?", null, 12)),
        Arguments.of(".woodpecker.yml", commands, 0,
            new Want("api/Dockerfile", "api", null, "org/api", null, 5)));
  }

  /** A build plugin's step or a step's commands, from the workspace (the checkout). */
  @ParameterizedTest
  @MethodSource("pipelines")
  void pipeline(String path, String text, int index, Want want) {
    List<DockerBuild> b = builds(path, text);
    check(want, b.get(index));
    assertEquals(SourceKind.WOODPECKER, b.get(index).source());
  }

  @org.junit.jupiter.api.Test
  void aWoodpeckerFileInASubdirectoryOfItsFolderIsNoPipeline() {
    assertEquals(List.of(), builds(".woodpecker/old/docker.yaml", "steps:\n  - name: x\n"
        + "    image: plugins/docker\n    settings:\n      repo: org/x\n"));
  }

  // ---- produced paths ---------------------------------------------------------------------

  @org.junit.jupiter.api.Test
  void commandsThatCreatePaths() {
    RepoEvidence e = RepoEvidence.of(tree().file("deploy/build.sh", "cd \"$(dirname \"$0\")\"\n"
        + "mkdir -p dist\ncp ../x.env dist/plane.env\ngo build -o ../bin/app ./cmd\n"
        + "docker build -t plane .\n").build());
    assertEquals(List.of("deploy/dist", "deploy/dist/plane.env", "bin/app"),
        e.produced().stream().map(Produced::path).toList());
    assertEquals("deploy/dist", e.producer("deploy/dist/Caddyfile").orElseThrow().path());
    assertEquals(Optional.empty(), e.producer("deploy/distx"));
  }

  @org.junit.jupiter.api.Test
  void touchCreatesTheFilesItNames() {
    // koel's Makefile: the env file the dev compose file bind-mounts exists before `up`
    RepoEvidence e = RepoEvidence.of(tree().file("Makefile", "start:\n"
        + "\t[ -f .env.koel ] || touch .env.koel\n"
        + "\tdocker-compose -f docker-compose.dev.yml up -d --build\n").build());
    assertEquals("touch", e.producer(".env.koel").orElseThrow().how());
  }

  /** COMPOSE_FILE as the script's only docker compose line sees it ("?" when unknown). */
  private static String composeFile(String script) {
    ComposeRun r = RepoEvidence.of(tree().file("run.sh", script).build()).composeRuns().get(0);
    return r.environment().get("COMPOSE_FILE").value().orElse("?");
  }

  @org.junit.jupiter.api.Test
  void anIfThatTestsAVariableForEmptinessAssignsItsDefault() {
    // if [ -z "$X" ]; then X=v; fi is X=${X:-v}; ${1:-v} is read like ${NAME:-v}
    assertEquals("compose.yaml:ci.sqlite.yml", composeFile("S=\"${1:-sqlite}\"\n"
        + "if [ \"${COMPOSE_FILE:-}\" = \"\" ]; then\n"
        + "  export COMPOSE_FILE=\"compose.yaml:ci.${S}.yml\"\nfi\ndocker compose up\n"));
    assertEquals("keep.yml", composeFile("export COMPOSE_FILE=keep.yml\n"
        + "if test -z \"$COMPOSE_FILE\"; then COMPOSE_FILE=new.yml; fi\ndocker compose up\n"));
    // the else branch runs when it is set; another variable's test proves nothing
    assertEquals("?", composeFile("if [ -z \"$COMPOSE_FILE\" ]; then export COMPOSE_FILE=a.yml;"
        + " else export COMPOSE_FILE=b.yml; fi\ndocker compose up\n"));
    assertEquals("?", composeFile("if [ -z \"$CI\" ]; then export COMPOSE_FILE=a.yml; fi\n"
        + "docker compose up\n"));
  }

  @org.junit.jupiter.api.Test
  void copiesAndLinksNameTheirSource() {
    // ln -s SRC DEST reads SRC from DEST's directory; cp of one file into a directory makes
    // DIR/NAME, a copy of it, and the directory itself is no copy; a path made from two sources
    // is ambiguous
    RepoEvidence e = RepoEvidence.of(tree().file("deploy/install.sh", "cd \"$(dirname \"$0\")\"\n"
        + "ln -sf common.env .env\ncp -R /agent/.local .\ncp ../a.conf conf/\n"
        + "cp x.yml out.yml\ncp y.yml out.yml\ndocker compose up -d\n").build());
    assertEquals(Map.of("deploy/.env", "deploy/common.env", "deploy/conf/a.conf", "a.conf"),
        e.copies());
    assertEquals("deploy/.local", e.producer("deploy/.local").orElseThrow().path());
    assertEquals("deploy/conf/a.conf", e.producer("deploy/conf/a.conf").orElseThrow().path());
  }

  @org.junit.jupiter.api.Test
  void outputRedirectionsCreateTheirTargets() {
    // > and >> and &> create the file; 2>&1 and >&2 duplicate a descriptor; < only reads
    RepoEvidence e = RepoEvidence.of(tree().file("scripts/dev.sh", "cd \"$(dirname \"$0\")\"\n"
        + "R=\"$PWD/../dev/resolv.conf\"\nprintf 'nameserver %s' \"$IP\" > \"$R\"\n"
        + "jq . conf.json >> conf.json.tmp 2>&1\nsort < in.txt >&2\n> empty.txt\n"
        + "cmd &> ../log/out.log\necho x > /dev/null\ndocker compose up -d\n").build());
    assertEquals(List.of("dev/resolv.conf", "scripts/conf.json.tmp", "scripts/empty.txt",
        "log/out.log"), e.produced().stream().map(Produced::path).toList());
    assertEquals("printf >", e.producer("dev/resolv.conf").orElseThrow().how());
    assertEquals(">", e.producer("scripts/empty.txt").orElseThrow().how());
  }

  @org.junit.jupiter.api.Test
  void readmeShellBlocksGiveOnlyThePathsTheirCommandsCreate() {
    RepoEvidence e = RepoEvidence.of(tree().file("stack/README.md", "# Setup\n\n"
        + "```bash\n  curl -o init.js https://example.com/init.js\nwget -O conf/app.conf URL\n```\n"
        + "```console\n$ cp .env.example .env\n$ docker compose -f a.yml up\n```\n"
        + "```python\nopen('x', 'w')\n```\n"
        + "Text that says mkdir notes is not a command.\n").build());
    assertEquals(List.of("stack/init.js", "stack/conf/app.conf", "stack/.env"),
        e.produced().stream().map(Produced::path).toList());
    // what a document shows running is an example, not the repository's own commands
    assertEquals(List.of(), e.composeRuns());
  }

  @org.junit.jupiter.api.Test
  void copyIntoDirDotIsIntoTheDirectory() {
    // harbor's testprepare.sh: `make/.` is the directory, not a file named make
    RepoEvidence e = RepoEvidence.of(tree().file("tests/testprepare.sh",
        "cp tests/docker-compose.test.yml make/.\ndocker compose up\n").build());
    // (read as run from the root and from tests/: the root's reading is this one)
    assertEquals("tests/docker-compose.test.yml", e.copies().get("make/docker-compose.test.yml"));
    assertEquals(null, e.copies().get("make"));
  }

  @org.junit.jupiter.api.Test
  void readmeRunsAreKeptApartAndReadAcrossContinuedLines() {
    // watchtower's README: one docker run over four lines
    RepoEvidence e = RepoEvidence.of(tree().file("README.md", "# W\n\n```\n"
        + "$ docker run --detach \\\n    --name watchtower \\\n"
        + "    --volume /var/run/docker.sock:/var/run/docker.sock \\\n"
        + "    containrrr/watchtower\n```\n").build());
    assertEquals(List.of(), e.runs());
    assertEquals(List.of("--detach", "--name", "watchtower", "--volume",
        "/var/run/docker.sock:/var/run/docker.sock", "containrrr/watchtower"),
        e.documentedRuns().get(0).words().stream().map(v -> v.value().orElse("?")).toList());
  }

  @org.junit.jupiter.api.Test
  void dockerHubHooksRunInTheBuildDirectoryAndTheirExtractionsCount() {
    RepoEvidence e = RepoEvidence.of(tree().file("hooks/post_checkout",
        "#!/bin/bash\ncurl -LSs \"$URL\" | tar xzv\n").build());
    assertEquals("tar -x", e.producer("qemu-aarch64-static").orElseThrow().how());
    // only files the extraction puts in that directory, not below others
    assertEquals(Optional.empty(), e.producer("docker/qemu-aarch64-static"));
    // the same extraction in an ordinary script is no evidence
    RepoEvidence plain = RepoEvidence.of(tree().file("install.sh",
        "#!/bin/bash\n# docker\ncurl -LSs \"$URL\" | tar xzv\n").build());
    assertEquals(Optional.empty(), plain.producer("qemu-aarch64-static"));
  }

  @org.junit.jupiter.api.Test
  void runsKeepTheirWords() {
    RepoEvidence e = RepoEvidence.of(tree().file("run.sh",
        "docker run --rm -p 80:80 org/app:1 serve\n").build());
    assertEquals(List.of("--rm", "-p", "80:80", "org/app:1", "serve"), e.runs().get(0).words()
        .stream().map(v -> v.value().orElse("?")).toList());
  }

  @org.junit.jupiter.api.Test
  void hostileInputEndsQuickly() {
    String deep = "$(".repeat(5000) + "x" + "\"'`{".repeat(5000) + "\n";
    for (String name : List.of("a.sh", "Makefile", "docker-bake.hcl", ".gitlab-ci.yml")) {
      RepoEvidence.of(tree().file(name, deep + "docker build .\n").build());
    }
    String nested = "${A:-".repeat(20000) + "x" + "}".repeat(20000);
    assertEquals("?", builds("a.sh", "docker build -t " + nested + " .\n").get(0).tags().get(0)
        .value().orElse("?"));
    assertEquals("a/b", builds("a.sh", "docker build -t ${A:-${B:-a/b}} .\n").get(0).tags()
        .get(0).value().orElse("?"));
    StringBuilder wide = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      wide.append("V").append(i).append(" = ")
          .append(("$(V" + (i + 1) + ")").repeat(50)).append("\n");
    }
    List<DockerBuild> blowUp = RepoEvidence.of(tree().file("Makefile", wide
        + "V30 = x\nb:\n\tdocker build -t $(V0) .\n").build()).builds();
    assertEquals("?", blowUp.get(0).tags().get(0).value().orElse("?"));
    List<DockerBuild> loop = RepoEvidence.of(tree().file("Makefile",
        "A = $(B)\nB = $(A)\nx:\n\tdocker build $(A)\n").build()).builds();
    assertEquals(Optional.empty(), loop.get(0).context().value());
  }

  /**
   * A bake-action step that adds docker/metadata-action's bake file names the Bake targets it
   * builds with the metadata step's images, however it writes the repository's Bake file:
   * relative, with ./ or with bake-action's cwd:// prefix for a file of the checkout.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"docker-bake.hcl",
      "./docker-bake.hcl", "cwd://docker-bake.hcl"})
  void bakeActionTagsMetadataTargets(String bakeFile) {
    String hcl = "target \"docker-metadata-action\" {\n  tags = [\"app:local\"]\n}\n"
        + "target \"image\" {\n  inherits = [\"docker-metadata-action\"]\n}\n";
    String workflow = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        + "      - id: meta\n        uses: docker/metadata-action@v5\n        with:\n"
        + "          images: acme/app\n"
        + "      - uses: docker/bake-action@v6\n        with:\n          files: |\n"
        + "            " + bakeFile + "\n"
        + "            ${{ steps.meta.outputs.bake-file }}\n          targets: image\n";
    List<DockerBuild> builds = RepoEvidence.of(tree().file("docker-bake.hcl", hcl)
        .file(".github/workflows/build.yml", workflow).build()).builds();
    DockerBuild image = builds.stream().filter(b -> b.tool().equals("bake target `image`"))
        .findFirst().orElseThrow();
    assertEquals("acme/app", String.join(",", image.tags().stream()
        .map(t -> t.value().orElse("?")).toList()));
  }
}
